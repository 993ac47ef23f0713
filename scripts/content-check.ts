/**
 * `npm run content:check [-- --dir <folder>]`: checks a content folder without
 * touching any database, with the seed's own rules (lib/content), and reports
 * on the "Read more" graph. Errors (which the seed would refuse) make it exit 1;
 * warnings do not.
 */
import { parseArgs } from 'node:util';
import { formatProblem, readContent } from '@/lib/content';
import { graphStats, orphanWarnings } from '@/lib/content/graph-stats';

function main(): number {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'content' } } });
  const started = performance.now();
  const content = readContent(values.dir);
  const warnings = orphanWarnings(content.articles);
  for (const problem of content.problems) console.log(`error: ${formatProblem(problem)}`);
  for (const warning of warnings) console.log(`warning: ${formatProblem(warning)}`);

  const stats = graphStats(content.articles);
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  console.log(`${values.dir}/: ${content.problems.length} error${content.problems.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`);
  console.log(`  articles:                 ${stats.articles} (${content.authors.length} authors)`);
  console.log(`  links between articles:   ${stats.links}`);
  console.log(`  external links:           ${stats.externalLinks}`);
  console.log(`  connected components:     ${stats.components}`);
  console.log(`  longest shortest path:    ${stats.longestShortestPathExact ? '' : 'at least '}${stats.longestShortestPath} link${stats.longestShortestPath === 1 ? '' : 's'}${stats.longestShortestPathExact ? '' : ' (estimated from a sample of starting stories)'}`);
  console.log(`  checked in ${seconds.toFixed(2)} s`);
  return content.problems.length > 0 ? 1 : 0;
}

process.exitCode = main();

// Adds up what the test runners printed (Vitest's "Tests  N passed (N)" and Playwright's "N passed (1.2m)" /
// "N failed" / "N flaky" / "N skipped" summary lines) and closes the run with the total in the form most readers of
// test output know (Jest's "Tests:  N failed, N passed, N total"), so whoever reads CI's output learns how many tests
// ran without knowing either runner's format.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let runs = 0;
for (const line of text.split('\n')) {
  const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (vitest) {
    runs += 1;
    for (const [, n, what] of vitest[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      if (what === 'passed') passed += Number(n);
      else if (what === 'failed') failed += Number(n);
      else skipped += Number(n);
    }
    continue;
  }
  const playwright = /^\s+(\d+) (passed|failed|flaky|skipped|did not run)(?: \([\d.]+m?s?\))?\s*$/.exec(line);
  if (playwright) {
    const n = Number(playwright[1]);
    if (playwright[2] === 'passed') {
      runs += 1;
      passed += n;
    } else if (playwright[2] === 'failed') failed += n;
    else if (playwright[2] === 'flaky') passed += n;
    else skipped += n;
  }
}
if (runs === 0) {
  console.error('ci: no test runner printed a summary');
  process.exit(1);
}
const total = passed + failed + skipped;
console.log(`ci: ${runs} test runs (Vitest and Playwright), added up:`);
console.log(`Tests:       ${failed ? `${failed} failed, ` : ''}${skipped ? `${skipped} skipped, ` : ''}${passed} passed, ${total} total`);

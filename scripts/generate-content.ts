/**
 * `npm run content:generate -- --count N --out <dir> [--links L] [--seed S] [--force]`
 *
 * --links is the mean number of "Read more" entries an article lists (default 3; about 10% external).
 *
 * Writes a synthetic corpus in the content format (content/README.md) for
 * benchmarks and load tests. Deterministic: the same arguments give the same
 * bytes. The "Read more" graph is shaped like an editor's: most links go to
 * recent stories in the same section or with a shared tag, a few reach far
 * back, a few point outside; a handful of popular stories collect many links.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const SECTIONS = ['Entertainment', 'Movies', 'TV', 'Music', 'Business', 'Technology', 'Food & Drink', 'Science'];
const TAG_WORDS = ['Streaming', 'Box Office', 'Awards', 'Interviews', 'Reviews', 'Festivals', 'Sequels', 'Animation', 'Documentary', 'Comedy',
  'Drama', 'Horror', 'Superheroes', 'Family', 'Indie', 'Soundtracks', 'Touring', 'Albums', 'Startups', 'Markets', 'Earnings', 'AI', 'Gadgets',
  'Privacy', 'Recipes', 'Restaurants', 'Wine', 'Coffee', 'Space', 'Climate', 'Health', 'Oceans'];
const PLACES = ['Austin', 'Toronto', 'Lagos', 'Seoul', 'Lisbon', 'Mumbai', 'Oslo', 'Lima', 'Nairobi', 'Kyoto', 'Ñuñoa', 'Zürich'];
const TAGS = [...TAG_WORDS, ...TAG_WORDS.flatMap((word) => PLACES.slice(0, 5).map((place) => `${word} in ${place}`))].slice(0, 200);
const FIRST = ['Ana', 'Ben', 'Chidi', 'Dana', 'Emeka', 'Fatima', 'Gus', 'Hana', 'Iván', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nour', 'Olga', 'Priya'];
const LAST = ['Okafor', 'Lindqvist', 'García', 'Tanaka', 'Haddad', 'Novak', 'Mensah', 'Rossi', 'Kim', 'Dubois', 'Silva', 'Nguyen', 'Müller'];
const ROLES = ['Staff Writer', 'Senior Correspondent', 'Critic', 'Editor', 'Reporter'];
const WORDS = `the film season studio audience critics streaming premiere director cast story record festival release
sequel score budget week night city crowd stage album tour market company growth launch device recipe kitchen
chef harvest ocean climate study research team data policy city council plan people year month day world new
first last long short bright quiet loud early late small large local global family young old bold familiar
strange careful rapid steady says said told reported announced revealed noted added explained described
through across after before during between around under over with without about again still never always
built made found shared opened closed moved grew fell rose turned began ended kept brought`.split(/\s+/);
const IMAGES = ['/images/we-can-be-heroes.jpg', '/images/rodriguez-family.jpg', '/images/rodriguez-careers.jpg', '/images/we-can-be-heroes-trailer.jpg'];

/** mulberry32: a tiny, well-known deterministic PRNG. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Article = { slug: string; index: number; section: number; tags: string[]; publishedAt: number };

function sentence(rng: ReturnType<typeof random>, min: number, max: number): string {
  const length = min + rng.int(max - min + 1);
  const words = Array.from({ length }, () => rng.pick(WORDS));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      out: { type: 'string' },
      links: { type: 'string', default: '3' },
      seed: { type: 'string', default: '42' },
      force: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!values.count || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
    console.error('--count must be a whole number from 1 to 1,000,000 (usage: npm run content:generate -- --count N --out <dir>)');
    return 2;
  }
  if (!values.out) {
    console.error('--out <dir> is required');
    return 2;
  }
  const meanLinks = Number(values.links);
  if (!Number.isFinite(meanLinks) || meanLinks < 0 || meanLinks > 20) {
    console.error('--links must be a number from 0 to 20');
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error('--seed must be a whole number');
    return 2;
  }
  const out = path.resolve(values.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    if (!values.force) {
      console.error(`${out} is not empty: pass --force to replace its authors/, articles/ and images/`);
      return 2;
    }
    for (const folder of ['authors', 'articles', 'images']) fs.rmSync(path.join(out, folder), { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(out, 'authors'), { recursive: true });
  fs.mkdirSync(path.join(out, 'articles'), { recursive: true });
  // The photos the generated stories use: the sample's own.
  const sampleImages = path.resolve(__dirname, '..', 'content', 'images');
  fs.mkdirSync(path.join(out, 'images'), { recursive: true });
  for (const src of IMAGES) fs.copyFileSync(path.join(sampleImages, path.basename(src)), path.join(out, 'images', path.basename(src)));

  const started = performance.now();
  const rng = random(seed);

  const authorCount = Math.max(3, Math.round(count / 40));
  const authors = Array.from({ length: authorCount }, (_, index) => {
    const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}${index >= FIRST.length * LAST.length ? ` ${index}` : ''}`;
    const slug = `author-${index + 1}`;
    const frontMatter = { name, title: rng.pick(ROLES), organization: 'Newsline' };
    fs.writeFileSync(path.join(out, 'authors', `${slug}.md`), `---\n${stringify(frontMatter)}---\n${name} writes for Newsline.\n`);
    return slug;
  });

  // Oldest first: article i is published i hours after the base date.
  const base = Date.UTC(2015, 0, 1, 8);
  const articles: Article[] = Array.from({ length: count }, (_, index) => {
    const section = rng.int(SECTIONS.length);
    const tagCount = 1 + rng.int(5);
    const tags = new Set<string>();
    while (tags.size < tagCount) tags.add(TAGS[(section * 25 + rng.int(60)) % TAGS.length]!);
    return { slug: `story-${index + 1}`, index, section, tags: [...tags], publishedAt: base + index * 3_600_000 + rng.int(3_000_000) };
  });

  // Recent stories per section and per tag, for links to "what came just before".
  const recentBySection = new Map<number, number[]>();
  const recentByTag = new Map<string, number[]>();
  const remember = <K>(map: Map<K, number[]>, key: K, index: number) => {
    const list = map.get(key) ?? [];
    list.push(index);
    if (list.length > 40) list.shift();
    map.set(key, list);
  };
  // A few "hub" stories that many later stories cite.
  const hubs: number[] = [];

  let links = 0;
  let externals = 0;
  const relatedLists: Record<string, string>[][] = [];
  for (const article of articles) {
    const related: Record<string, string>[] = [];
    const chosen = new Set<number>();
    // Uniform from 0 to 2 × mean: the mean is --links.
    const want = rng.int(Math.round(2 * meanLinks) + 1);
    for (let attempt = 0; attempt < want * 3 && related.length < Math.min(want, 40); attempt++) {
      const roll = rng.next();
      let target: number | undefined;
      if (roll < 0.1) {
        related.push({ url: `https://example.com/reports/${article.index + 1}-${attempt}`, title: `${sentence(rng, 3, 7).slice(0, -1)} (external report)` });
        externals++;
        continue;
      } else if (roll < 0.45) target = pickFrom(rng, recentBySection.get(article.section));
      else if (roll < 0.75) target = pickFrom(rng, recentByTag.get(rng.pick(article.tags)));
      else if (roll < 0.85) target = pickFrom(rng, hubs);
      else if (article.index > 0) target = rng.int(article.index);
      if (target === undefined || target === article.index || chosen.has(target)) continue;
      chosen.add(target);
      related.push({ slug: articles[target]!.slug });
    }
    links += related.length - related.filter((entry) => entry.url).length;
    relatedLists.push(related);
    // Now and then an earlier story in the section is updated to point forward to this one ("Follow-up"),
    // which closes cycles in the graph.
    const earlier = pickFrom(rng, recentBySection.get(article.section));
    if (earlier !== undefined && rng.next() < 0.08) {
      const list = relatedLists[earlier]!;
      if (list.length < 45 && !list.some((entry) => entry.slug === article.slug)) {
        list.push({ slug: article.slug });
        links++;
      }
    }
    remember(recentBySection, article.section, article.index);
    for (const tag of article.tags) remember(recentByTag, tag, article.index);
    if (rng.next() < 0.01) hubs.push(article.index);
  }

  articles.forEach((article, index) => writeArticle(out, rng, article, authors, relatedLists[index]!));

  const seconds = (performance.now() - started) / 1000;
  console.log(`Wrote ${count} articles, ${authorCount} authors, ${links} internal and ${externals} external related links to ${out} in ${seconds.toFixed(1)} s`);
  return 0;
}

function pickFrom(rng: ReturnType<typeof random>, list: number[] | undefined): number | undefined {
  return list && list.length > 0 ? rng.pick(list) : undefined;
}

function writeArticle(out: string, rng: ReturnType<typeof random>, article: Article, authors: string[], related: Record<string, string>[]) {
  const title = `${sentence(rng, 4, 9).slice(0, -1)} in ${rng.pick(PLACES)} (${article.index + 1})`;
  const frontMatter: Record<string, unknown> = {
    title,
    dek: sentence(rng, 12, 24),
    author: authors[article.index % authors.length],
    section: SECTIONS[article.section],
    tags: article.tags,
    publishedAt: new Date(article.publishedAt).toISOString(),
  };
  if (rng.next() < 0.2) frontMatter.updatedAt = new Date(article.publishedAt + (1 + rng.int(72)) * 3_600_000).toISOString();
  if (rng.next() < 0.4) frontMatter.image = { src: rng.pick(IMAGES), alt: sentence(rng, 4, 8).slice(0, -1), caption: sentence(rng, 5, 10), credit: 'Newsline' };
  if (related.length > 0) frontMatter.related = related;

  const paragraphs: string[] = [];
  const paragraphCount = 3 + rng.int(8);
  for (let p = 0; p < paragraphCount; p++) {
    if (p > 0 && rng.next() < 0.15) paragraphs.push(`## ${sentence(rng, 2, 5).slice(0, -1)}`);
    paragraphs.push(Array.from({ length: 3 + rng.int(5) }, () => sentence(rng, 8, 20)).join(' '));
  }
  fs.writeFileSync(path.join(out, 'articles', `${article.slug}.md`), `---\n${stringify(frontMatter)}---\n\n${paragraphs.join('\n\n')}\n`);
}

process.exitCode = main();

/**
 * "More like this": stories to fill the places the editor's "Read more" list
 * leaves empty (up to SUGGESTION_PLACES in all).
 *
 * Score of a candidate story C for article A:
 *   3 × (number of A's neighbours, in either direction, that C is linked with; at most 3)
 * + 2 × (number of tags C shares with A)
 * + 1 × (C is in A's section)
 * Ties go to the newer story, then to the slug in alphabetical order, so the
 * same data always gives the same suggestions. Stories the page already shows
 * (A itself, its "Read more" list, "Stories that link here") are never
 * suggested. Each suggestion says why in a reader's words, from its strongest
 * reason: "Read together with “<headline>”" for a story linked with one of A's
 * neighbours (the newest such neighbour), else "More on <tag>" (the first
 * shared tag in A's order), else "More in <section>".
 */
export const SUGGESTION_PLACES = 5;
export const WEIGHTS = { path: 3, tag: 2, section: 1 } as const;
const MAX_PATHS_COUNTED = 3;

export type StoryRef = { id: number; slug: string; title: string; publishedAt: string };

/** An edge of the graph between a neighbour of A and a candidate, seen from the candidate. */
export type PathVia = { candidate: StoryRef; via: StoryRef; direction: 'linked-from' | 'links-to' };

export type SuggestionInput = {
  article: { id: number; section: string; tags: { name: string; slug: string }[] };
  /** Curated internal "Read more" count plus external entries: the places already taken. */
  placesTaken: number;
  /** Ids already on the page: the curated list and the backlinks. */
  shown: Set<number>;
  paths: PathVia[];
  tagMatches: { candidate: StoryRef; tagSlugs: string[] }[];
  sectionMatches: StoryRef[];
};

export type Suggestion = StoryRef & { score: number; reason: string };

/** What ties a candidate to A, counted for its score: the neighbours it is linked through, the tags it shares, its section. */
type CandidateTies = { story: StoryRef; vias: Map<number, PathVia>; tags: Set<string>; sameSection: boolean };

export function scoreSuggestions(input: SuggestionInput): Suggestion[] {
  const places = Math.max(0, SUGGESTION_PLACES - input.placesTaken);
  if (places === 0) return [];
  const tiesByCandidate = new Map<number, CandidateTies>();
  const tiesOf = (story: StoryRef): CandidateTies | undefined => {
    if (story.id === input.article.id || input.shown.has(story.id)) return undefined;
    let entry = tiesByCandidate.get(story.id);
    if (!entry) tiesByCandidate.set(story.id, (entry = { story, vias: new Map(), tags: new Set(), sameSection: false }));
    return entry;
  };

  for (const path of input.paths) {
    const entry = tiesOf(path.candidate);
    if (entry && path.via.id !== path.candidate.id && !entry.vias.has(path.via.id)) entry.vias.set(path.via.id, path);
  }
  for (const match of input.tagMatches) {
    const entry = tiesOf(match.candidate);
    match.tagSlugs.forEach((slug) => entry?.tags.add(slug));
  }
  for (const story of input.sectionMatches) {
    const entry = tiesOf(story);
    if (entry) entry.sameSection = true;
  }

  const scored = [...tiesByCandidate.values()].map((entry): Suggestion => {
    const paths = Math.min(entry.vias.size, MAX_PATHS_COUNTED);
    const score = WEIGHTS.path * paths + WEIGHTS.tag * entry.tags.size + WEIGHTS.section * (entry.sameSection ? 1 : 0);
    return { ...entry.story, score, reason: reasonFor(entry, input.article) };
  });
  return scored.sort(compareSuggestions).slice(0, places);
}

function reasonFor(entry: CandidateTies, article: SuggestionInput['article']): string {
  if (entry.vias.size > 0) {
    const strongest = [...entry.vias.values()].sort((a, b) => compareStories(a.via, b.via))[0]!;
    return `Read together with “${strongest.via.title}”`;
  }
  const tag = article.tags.find((candidate) => entry.tags.has(candidate.slug));
  if (tag) return `More on ${tag.name}`;
  return `More in ${article.section}`;
}

/** Newest first, then by slug. */
function compareStories(a: StoryRef, b: StoryRef): number {
  return b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug);
}

function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || compareStories(a, b);
}

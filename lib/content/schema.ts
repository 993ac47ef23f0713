import { z } from 'zod';
import { forbiddenCharacter, LINE_BREAKS } from '@/lib/characters';
import { localImageName } from '@/lib/images';
import { isHttpUrl, parseYouTubeId } from '@/lib/markdown/url';
import { nameToSlug } from '@/lib/slug';

/** Slugs: lowercase letters, digits and single hyphens, not at either end. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

export const slugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
  .regex(SLUG_PATTERN, 'must be lowercase letters, digits and single hyphens (like "we-can-be-heroes")');

/** Text shown to readers: trimmed, one line, not empty, bounded. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !LINE_BREAKS.test(value), 'must be one line of text, without tabs or control characters')
    .superRefine((value, ctx) => {
      const character = forbiddenCharacter(value);
      if (character) ctx.addIssue({ code: 'custom', message: forbiddenMessage(character) });
    });

/** Why a character is refused, for every field and the body alike. */
export const forbiddenMessage = (character: string) => `contains ${character}, a control character or noncharacter that web pages and feeds cannot carry: remove it`;

/** Editors' photos live in content/images/ (the seed checks and resizes them: db/seed/images.ts). */
const localImage = z
  .string()
  .trim()
  .refine((value) => localImageName(value) !== null, 'must name a photo in content/images/, like /images/photo.jpg (pages need its size and resized copies, so photos from other sites cannot be used)');
/** Stored as the URL standard serializes it: characters a URL may not hold raw (", <, >, spaces) percent-encoded. */
const httpUrl = z
  .string()
  .trim()
  .refine(isHttpUrl, 'must be an absolute http(s) URL')
  .transform((value) => new URL(value).href);

/** ISO 8601: a date ("2021-01-06") or a date-time with Z or an offset. Stored as UTC. */
const isoDate = z
  .string()
  .trim()
  .refine(
    (value) => z.iso.datetime({ offset: true }).safeParse(value).success || z.iso.date().safeParse(value).success,
    'must be an ISO 8601 date or date-time with a time zone, like 2021-01-06 or 2021-01-06T17:00:00Z',
  )
  .transform((value) => new Date(value).toISOString());

/** Who a byline names: a person, or a desk or publication writing as one (schema.org Person or Organization). */
export const AUTHOR_TYPES = ['person', 'organization'] as const;

export const authorFrontMatterSchema = z.strictObject({
  name: line(120),
  type: z.enum(AUTHOR_TYPES, { error: `must be one of: ${AUTHOR_TYPES.join(', ')}` }).default('person'),
  title: line(120).optional(),
  organization: line(120).optional(),
  slug: slugSchema.optional(),
});

const imageSchema = z.strictObject({
  src: localImage,
  alt: line(500),
  caption: line(500).optional(),
  credit: line(200).optional(),
});

const videoSchema = z.strictObject({
  title: line(300),
  url: z.string().trim().refine((value) => parseYouTubeId(value) !== null, 'must be a YouTube URL (watch, youtu.be or embed) or an 11-character video id'),
  poster: localImage.optional(),
  credit: line(300).optional(),
});

/** One "Read more" entry: another article by slug, or an external page with its title. */
export const relatedSchema = z
  .strictObject({ slug: slugSchema.optional(), url: httpUrl.optional(), title: line(300).optional() })
  .superRefine((entry, ctx) => {
    if (entry.slug !== undefined && (entry.url !== undefined || entry.title !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either slug, or url with title, not both' });
    } else if (entry.slug === undefined && entry.url === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs slug (another article) or url with title (an external page)' });
    } else if (entry.url !== undefined && entry.title === undefined) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required with url' });
    }
  })
  .transform((entry) =>
    entry.slug !== undefined ? { kind: 'article' as const, slug: entry.slug } : { kind: 'external' as const, url: entry.url!, title: entry.title! },
  );

/** A dated correction notice: when it was corrected, and what was wrong (shown on the story and on /corrections). */
export const correctionSchema = z.strictObject(
  { date: isoDate, text: line(2000) },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a date and a text (date: 2021-01-07, text: "An earlier version …")' : undefined) },
);

/** A structured credit: who did what ("role: Video producer", "name: Jen Kucsak"). */
export const creditSchema = z.strictObject(
  { role: line(120), name: line(200) },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a role and a name (role: Video producer, name: Jen Kucsak)' : undefined) },
);

export const MAX_AUTHORS = 20;
export const MAX_CORRECTIONS = 50;
export const MAX_CREDITS = 50;

export const MAX_TAGS = 30;
export const MAX_REDIRECTS = 20;
const NO_SLUG_MESSAGE = 'needs at least one letter or digit (its page URL is made from them)';
export const MAX_RELATED = 50;

/** The fields of an article's front matter, each checked on its own (articleFrontMatterSchema adds the rules across fields). */
export const articleFields = z.strictObject({
    title: line(300),
    slug: slugSchema.optional(),
    dek: line(1000).optional(),
    author: slugSchema.optional(),
    authors: z
      .array(slugSchema)
      .min(1, 'must list at least one author (or use author: <slug> for one)')
      .max(MAX_AUTHORS, `must list at most ${MAX_AUTHORS} authors`)
      .superRefine((slugs, ctx) => {
        const seen = new Map<string, number>();
        slugs.forEach((slug, index) => {
          const earlier = seen.get(slug);
          if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [index], message: `"${slug}" is listed twice (also authors.${earlier + 1})` });
          else seen.set(slug, index);
        });
      })
      .optional(),
    section: line(80).refine((name) => nameToSlug(name) !== '', NO_SLUG_MESSAGE),
    tags: z
      .array(line(80).refine((name) => nameToSlug(name) !== '', NO_SLUG_MESSAGE))
      .max(MAX_TAGS, `must list at most ${MAX_TAGS} tags`)
      .superRefine((tags, ctx) => {
        const seen = new Map<string, string>();
        tags.forEach((tag, index) => {
          const key = nameToSlug(tag);
          const earlier = seen.get(key);
          if (earlier !== undefined && key !== '') {
            ctx.addIssue({ code: 'custom', path: [index], message: earlier === tag ? `"${tag}" is listed twice` : `"${tag}" is the same tag as "${earlier}"` });
          }
          seen.set(key, earlier ?? tag);
        });
      })
      .default([]),
    publishedAt: isoDate,
    updatedAt: isoDate.optional(),
    /** Kept off the site (a preview link shows it); a future publishedAt hides a story the same way until then. */
    draft: z.boolean({ error: 'must be true or false (without quotes)' }).default(false),
    source: line(120).optional(),
    image: imageSchema.optional(),
    video: videoSchema.optional(),
    redirectFrom: z.array(slugSchema).max(MAX_REDIRECTS, `must list at most ${MAX_REDIRECTS} old slugs`).default([]),
    related: z.array(relatedSchema).max(MAX_RELATED, `must list at most ${MAX_RELATED} entries`).default([]),
    corrections: z.array(correctionSchema).max(MAX_CORRECTIONS, `must list at most ${MAX_CORRECTIONS} corrections`).default([]),
    credits: z.array(creditSchema).max(MAX_CREDITS, `must list at most ${MAX_CREDITS} credits`).default([]),
  });

/** The byline rules run even when other fields are wrong, so "author: is required" shows with every other problem. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };
const byline = (value: unknown) => value as { author?: unknown; authors?: unknown };

export const articleFrontMatterSchema = articleFields
  .refine((article) => byline(article).author !== undefined || byline(article).authors !== undefined, { ...always, path: ['author'], message: 'is required' })
  .refine((article) => byline(article).author === undefined || byline(article).authors === undefined, {
    ...always,
    path: ['authors'],
    message: 'give either author (one slug) or authors (a list), not both',
  })
  .superRefine((article, ctx) => {
    if (article.updatedAt !== undefined && article.updatedAt < article.publishedAt) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'must not be before publishedAt' });
    }
    article.corrections.forEach((correction, index) => {
      if (correction.date < article.publishedAt) ctx.addIssue({ code: 'custom', path: ['corrections', index, 'date'], message: 'must not be before publishedAt' });
    });
  });

export type AuthorFrontMatter = z.infer<typeof authorFrontMatterSchema>;
export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;
export type RelatedEntry = ArticleFrontMatter['related'][number];

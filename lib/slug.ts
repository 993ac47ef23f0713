import slugify from 'slugify';

/**
 * The URL name of a section or tag, derived from its name: lowercase ASCII
 * letters and digits separated by single hyphens. Accents are folded, "&"
 * becomes "and", and every other run of punctuation or space becomes one
 * hyphen: "Food & Drink" → "food-and-drink", "Ñandú News" → "nandu-news".
 * Returns "" for a name with no letters or digits (the seed refuses those).
 */
export function nameToSlug(name: string): string {
  return slugify(name.normalize('NFKC'), { lower: true, strict: true, locale: 'en', trim: true });
}

import type { Credit } from './types';

/** How bylines and credits read in English: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Credits with the same role, merged where the role first appears: "Photographs" / ["A", "B"]. */
export function groupCredits(credits: readonly Credit[]): { role: string; names: string[] }[] {
  const groups = new Map<string, { role: string; names: string[] }>();
  for (const credit of credits) {
    const group = groups.get(credit.role);
    if (group) group.names.push(credit.name);
    else groups.set(credit.role, { role: credit.role, names: [credit.name] });
  }
  return [...groups.values()];
}

/** Roles that belong with the hero: "Video producer", "Video edited by" with a video; "Photo…" with a photo. */
const HERO_ROLE = { video: /^video\b/i, image: /^(photo|photograph|image)/i } as const;

/**
 * The credit shown with the hero video or photo: its own `credit` when the editor gave one, else the structured
 * credits whose role names that kind of media ("Video producer: Jen Kucsak · Video editor: Jimmie Rhee").
 */
export function heroCredit(kind: keyof typeof HERO_ROLE, own: string | null | undefined, credits: readonly Credit[]): string | null {
  if (own) return own;
  const matching = groupCredits(credits.filter((credit) => HERO_ROLE[kind].test(credit.role)));
  return matching.length > 0 ? matching.map((group) => `${group.role}: ${joinNames(group.names)}`).join(' · ') : null;
}

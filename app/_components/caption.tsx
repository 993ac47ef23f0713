/** A caption and a credit, in the one caption style of the page (hero, figures and videos alike). */
export function Caption({ text, credit }: { text?: string | null; credit?: string | null }) {
  if (!text && !credit) return null;
  return (
    <figcaption>
      {text}
      {text && credit ? ' ' : null}
      {credit ? <span className="credit">{credit}</span> : null}
    </figcaption>
  );
}

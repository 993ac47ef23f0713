import fs from 'node:fs';
import path from 'node:path';

/** The reference article as published (e2e/fixtures/reference-article.txt is a copy of shared/seed/article.txt). */
const lines = fs.readFileSync(path.join(__dirname, 'fixtures', 'reference-article.txt'), 'utf8').split('\n');

export const REFERENCE_SLUG = 'we-can-be-heroes-robert-rodriguez';
export const REFERENCE_PATH = `/articles/${REFERENCE_SLUG}`;
export const reference = {
  headline: lines[0]!.trim(),
  author: lines[2]!.trim(),
  /** "·Senior Correspondent, Yahoo Entertainment" without the separator. */
  role: lines[3]!.replace(/^·/, '').trim(),
  readTime: lines[4]!.replace(/^·/, '').trim(),
  figureAlt: "'We Can Be Heroes' (Netflix)",
  figureCaption: 'We Can Be Heroes (Photo: Netflix)',
  readMoreHeading: 'Read more on Yahoo Entertainment',
  /**
   * The hero video's credit, shown with the video. The original's line "Video produced by Jen Kucsak and edited by
   * Jimmie Rhee" is structured `credits:` in the sample (roles starting with "Video" go with the hero video).
   */
  videoCredit: 'Video producer: Jen Kucsak · Video editor: Jimmie Rhee',
  /**
   * Every paragraph of the body text, in order, apart from the figure, the "Read more" heading and the closing
   * credits line ("— Video produced by …"), which the page shows with the video it credits (videoCredit).
   */
  paragraphs: lines
    .slice(6)
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '' && !paragraph.startsWith("'We Can Be Heroes' (Netflix)") && !paragraph.startsWith('Read more on') && !paragraph.startsWith('— Video produced by')),
};

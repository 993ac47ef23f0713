import { create } from 'xmlbuilder2';
import { escapeHtmlText, RSS_CONTENT_TYPE } from './feed';
import { xmlText } from './xml';
import { articlePath, CORRECTIONS_PATH, feedPath } from './paths';
import { absoluteUrl, siteConfig } from './site';
import type { CorrectionEntry } from './types';

const ATOM = 'http://www.w3.org/2005/Atom';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** A correction's id: its story's URL and which of the story's corrections it is (stable while the editor keeps the order). */
export const correctionGuid = (entry: CorrectionEntry) => `${absoluteUrl(articlePath(entry.article.slug))}#correction-${entry.position + 1}`;

/**
 * /corrections/feed.xml: every correction notice, newest first, as RSS 2.0 built by xmlbuilder2 (every string
 * through xmlText, like lib/feed.ts). Each item links to the corrected story; its description is the notice.
 */
export function buildCorrectionsRss(entries: CorrectionEntry[]): string {
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', { version: '2.0' });
  rss.att(XMLNS, 'xmlns:atom', ATOM);
  const channel = rss.ele('channel');
  channel.ele('title').txt(xmlText(`${siteConfig.name}: corrections`));
  channel.ele('link').txt(xmlText(absoluteUrl(CORRECTIONS_PATH)));
  channel.ele('description').txt(xmlText(`Every correction ${siteConfig.name} has made to its stories, newest first.`));
  channel.ele('language').txt(xmlText(siteConfig.locale));
  // The newest notice's date, not the time of the request: the same data gives the same bytes.
  if (entries[0]) channel.ele('lastBuildDate').txt(new Date(entries[0].date).toUTCString());
  channel.ele(ATOM, 'atom:link', { href: xmlText(absoluteUrl(feedPath(CORRECTIONS_PATH))), rel: 'self', type: 'application/rss+xml' });
  for (const entry of entries) {
    const item = channel.ele('item');
    item.ele('title').txt(xmlText(`Correction: ${entry.article.title}`));
    item.ele('link').txt(xmlText(absoluteUrl(articlePath(entry.article.slug))));
    item.ele('guid', { isPermaLink: 'false' }).txt(xmlText(correctionGuid(entry)));
    item.ele('pubDate').txt(new Date(entry.date).toUTCString());
    item.ele('description').txt(xmlText(escapeHtmlText(entry.text)));
  }
  return rss.end({ prettyPrint: false });
}

export function correctionsRssResponse(entries: CorrectionEntry[]): Response {
  return new Response(buildCorrectionsRss(entries), { headers: { 'Content-Type': RSS_CONTENT_TYPE } });
}

import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import { create } from 'xmlbuilder2';
import { withoutForbiddenCharacters as clean } from './characters';
import { xmlText } from './xml';
import { descriptionOf } from './description';
import { defaultSrcFor, localImageName, resizedHeight, resizedWidths, SHARE_SIZE, variantName } from './images';
import { bodyToHast } from './markdown/body';
import { VIDEO_EMBED_TAG } from './markdown/remark-newsroom';
import { youTubeWatchUrl } from './markdown/url';
import { articlePath, authorPath, feedPath, type FeedFormat, HOME_PATH, jsonFeedPath, mediaPath } from './paths';
import { absoluteUrl, siteConfig } from './site';
import type { FeedArticle } from './types';

/** How many stories each feed carries. */
export const FEED_SIZE = 50;

/** What both formats of one feed describe: the listing, and its newest stories with their bodies. */
export type FeedOptions = { title: string; description: string; listingPath: string; articles: FeedArticle[] };

const NAMESPACES = {
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
} as const;
const XMLNS = 'http://www.w3.org/2000/xmlns/';
type XmlElement = ReturnType<ReturnType<typeof create>['ele']>;

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';
export const JSON_FEED_CONTENT_TYPE = 'application/feed+json; charset=utf-8';
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * Plain text as HTML text. RSS readers render <description> as HTML, so a dek is HTML-escaped before it is
 * written (and XML-escaped again by the builder): a dek reading `<img src=x onerror=…>` reaches the reader as
 * those characters, never as an element.
 */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/** The date of a story's latest version: its update, else its publication. */
const lastChange = (article: FeedArticle) => article.updatedAt ?? article.publishedAt;

/** The newest date the feed's stories carry (not the time of the request: the same data gives the same bytes). */
function newestDate(articles: FeedArticle[]): Date | null {
  const times = articles.map((article) => Date.parse(lastChange(article))).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** The story's share crop (1200×630 JPEG), absolute, when it has a photo or a video poster. */
function shareImageUrl(article: FeedArticle): string | null {
  const stored = article.image?.stored;
  return stored ? absoluteUrl(mediaPath(stored.hash, variantName.share)) : null;
}

/**
 * The whole story as HTML for feed readers: the body through the site's own sanitized pipeline
 * (lib/markdown/body.ts), with every URL absolute, body photos pointing at their stored copies (a photo the seed
 * did not store is left out, as on the page) and each video embed a plain link to the video, titled.
 */
export function bodyHtml(article: Pick<FeedArticle, 'slug' | 'body' | 'bodyImages'>): string {
  const base = absoluteUrl(articlePath(article.slug));
  const tree: Root = bodyToHast(article.body);
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.tagName === VIDEO_EMBED_TAG) {
      const id = stringProperty(node, 'dataVideoId');
      const title = stringProperty(node, 'title');
      if (!id || !title) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const credit = stringProperty(node, 'dataCredit');
      const link: Element = { type: 'element', tagName: 'a', properties: { href: youTubeWatchUrl(id) }, children: [{ type: 'text', value: title }] };
      parent.children[index] = {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: credit ? [link, { type: 'text', value: ` — ${credit}` }] : [link],
      };
      return [SKIP, index + 1];
    }
    if (node.tagName === 'img') {
      const name = localImageName(stringProperty(node, 'src') ?? '');
      const stored = name ? article.bodyImages[name] : undefined;
      if (!stored) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const width = Math.max(...resizedWidths(stored.width));
      node.properties = { src: absoluteUrl(defaultSrcFor(stored)), alt: stringProperty(node, 'alt') ?? '', width, height: resizedHeight(stored, width) };
      return undefined;
    }
    const href = stringProperty(node, 'href');
    if (node.tagName === 'a' && href !== undefined) node.properties.href = new URL(href, base).toString();
    return undefined;
  });
  // A paragraph that held nothing but a photo the seed did not store is gone with it.
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!parent || index === undefined || node.tagName !== 'p') return undefined;
    if (!node.children.every((child) => child.type === 'text' && child.value.trim() === '')) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return clean(toHtml(tree));
}

function stringProperty(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === 'string' ? value : undefined;
}

/** CDATA cannot hold "]]>": split there into adjacent sections, which XML parsers read back as one text. */
function appendCdata(element: XmlElement, text: string): void {
  const parts = text.split(']]>');
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    element.dat(`${index > 0 ? '>' : ''}${part}${last ? '' : ']]'}`);
  });
}

/**
 * An RSS 2.0 document for a listing, built by xmlbuilder2 (which escapes every string), never by
 * concatenation. Authors are `dc:creator` (RSS's <author> must be an e-mail address), the description is
 * escaped plain text, `content:encoded` carries the whole story and `media:content` its share image.
 */
export function buildRssFeed(options: FeedOptions): string {
  const home = absoluteUrl(options.listingPath || HOME_PATH);
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', { version: '2.0' });
  for (const [prefix, uri] of Object.entries(NAMESPACES)) rss.att(XMLNS, `xmlns:${prefix}`, uri);
  const channel = rss.ele('channel');
  channel.ele('title').txt(xmlText(options.title));
  channel.ele('link').txt(xmlText(home));
  channel.ele('description').txt(xmlText(options.description));
  channel.ele('language').txt(xmlText(siteConfig.locale));
  channel.ele('copyright').txt(xmlText(`© ${siteConfig.name}`));
  const newest = newestDate(options.articles);
  if (newest) channel.ele('lastBuildDate').txt(newest.toUTCString());
  channel.ele(NAMESPACES.atom, 'atom:link', { href: xmlText(absoluteUrl(feedPath(options.listingPath))), rel: 'self', type: 'application/rss+xml' });

  for (const article of options.articles) {
    const link = absoluteUrl(articlePath(article.slug));
    const item = channel.ele('item');
    item.ele('title').txt(xmlText(article.title));
    item.ele('link').txt(xmlText(link));
    item.ele('guid', { isPermaLink: 'true' }).txt(xmlText(link));
    item.ele('pubDate').txt(new Date(article.publishedAt).toUTCString());
    // One dc:creator per author, in the byline's order.
    for (const author of article.byline) item.ele(NAMESPACES.dc, 'dc:creator').txt(xmlText(author.name));
    item.ele('category').txt(xmlText(article.section));
    item.ele('description').txt(xmlText(escapeHtmlText(descriptionOf(article))));
    appendCdata(item.ele(NAMESPACES.content, 'content:encoded'), bodyHtml(article));
    const image = shareImageUrl(article);
    if (image) {
      item.ele(NAMESPACES.media, 'media:content', {
        url: xmlText(image),
        type: 'image/jpeg',
        medium: 'image',
        width: String(SHARE_SIZE.width),
        height: String(SHARE_SIZE.height),
      });
    }
  }
  return rss.end({ prettyPrint: false });
}

/** The same feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1): same stories, same order. */
export function buildJsonFeed(options: FeedOptions): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: clean(options.title),
    home_page_url: absoluteUrl(options.listingPath || HOME_PATH),
    feed_url: absoluteUrl(jsonFeedPath(options.listingPath)),
    description: clean(options.description),
    language: siteConfig.locale,
    items: options.articles.map((article) => {
      const url = absoluteUrl(articlePath(article.slug));
      const image = shareImageUrl(article);
      return {
        id: url,
        url,
        title: clean(article.title),
        summary: clean(descriptionOf(article)),
        content_html: bodyHtml(article),
        ...(image ? { image } : {}),
        date_published: new Date(article.publishedAt).toISOString(),
        ...(article.updatedAt ? { date_modified: new Date(article.updatedAt).toISOString() } : {}),
        authors: article.byline.map((author) => ({ name: clean(author.name), url: absoluteUrl(authorPath(author.slug)) })),
        tags: [clean(article.section)],
      };
    }),
  };
  return JSON.stringify(feed);
}

export function rssResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': RSS_CONTENT_TYPE } });
}

export function jsonFeedResponse(json: string): Response {
  return new Response(json, { headers: { 'Content-Type': JSON_FEED_CONTENT_TYPE } });
}

/** One feed in the format its URL names (lib/paths.ts FEED_FILES: feed.xml or feed.json). */
export function feedResponse(format: FeedFormat, options: FeedOptions): Response {
  return format === 'rss' ? rssResponse(buildRssFeed(options)) : jsonFeedResponse(buildJsonFeed(options));
}

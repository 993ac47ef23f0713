import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { remarkNewsroom, VIDEO_EMBED_TAG } from './remark-newsroom';

/**
 * Article bodies are CommonMark plus figures and video embeds (see remark-newsroom).
 * Raw HTML is never rendered: remark-rehype drops it (allowDangerousHtml is off),
 * and the sanitizer below is an allowlist of elements, attributes and URL schemes
 * on top of that, so nothing an editor pastes can add script or event handlers.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', VIDEO_EMBED_TAG],
  attributes: {
    ...defaultSchema.attributes,
    [VIDEO_EMBED_TAG]: ['dataVideoId', 'dataPoster', 'dataCredit', 'title'],
  },
  // Links and images keep only http(s) or relative URLs: no mailto:, data:, javascript:.
  protocols: { ...defaultSchema.protocols, href: ['http', 'https'], src: ['http', 'https'], cite: ['http', 'https'] },
};

const markdownParser = unified().use(remarkParse).use(remarkDirective).use(remarkNewsroom);
const htmlTransformer = unified()
  .use(remarkParse)
  .use(remarkDirective)
  .use(remarkNewsroom)
  .use(remarkRehype)
  .use(rehypeSanitize, sanitizeSchema);

export type BodyProblem = { line: number | undefined; message: string };

/** An image the body shows (a Markdown image or a video's poster), with the line it is on. */
export type BodyImageRef = { src: string; line: number | undefined };

export type BodyAnalysis = { wordCount: number; text: string; problems: BodyProblem[]; images: BodyImageRef[] };

/** What the seed needs from a body: its plain text, word count and the problems to report. */
export function analyzeBody(markdown: string): BodyAnalysis {
  const file = new VFile(markdown);
  const tree = markdownParser.runSync(markdownParser.parse(file), file) as MdastRoot;
  const text = blockTexts(tree).join('\n');
  const images: BodyImageRef[] = [];
  visit(tree, (node) => {
    if (node.type === 'image') images.push({ src: node.url, line: node.position?.start.line });
    const poster = node.data?.hName === VIDEO_EMBED_TAG ? (node.data.hProperties as { dataPoster?: string } | undefined)?.dataPoster : undefined;
    if (poster) images.push({ src: poster, line: node.position?.start.line });
  });
  return {
    wordCount: countWords(text),
    text,
    problems: file.messages.map((message) => ({ line: message.line ?? undefined, message: message.reason })),
    images,
  };
}

/** The body as a sanitized HTML tree, ready to become React elements. */
export function bodyToHast(markdown: string): HastRoot {
  const file = new VFile(markdown);
  return htmlTransformer.runSync(htmlTransformer.parse(file), file) as HastRoot;
}

/** The text of each block on its own, so words at block boundaries do not run together. */
function blockTexts(node: MdastRoot | RootContent): string[] {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'code') return [toString(node)];
  if ('children' in node) return node.children.flatMap(blockTexts);
  return 'value' in node ? [node.value] : [];
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length;
}

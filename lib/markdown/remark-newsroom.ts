import type { Image, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isSafeUrl, parseYouTubeId } from './url';

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** The tag the body's video embeds become in HTML; the renderer maps it to a component. */
export const VIDEO_EMBED_TAG = 'video-embed';

/**
 * Our two additions to CommonMark, done on the Markdown tree:
 *
 * - A paragraph holding nothing but an image with a title, `![alt](src "caption")`,
 *   becomes <figure> with the title as its <figcaption>.
 * - `::video[Title]{url="https://youtu.be/…" poster="/images/…" credit="…"}` on a line
 *   of its own becomes a video embed. Any other directive-looking text
 *   (":smile:", "3:00pm" stays fine anyway) is put back exactly as the editor
 *   wrote it, so the directive syntax never eats prose.
 *
 * Problems (a video without a usable URL, an unsafe poster) are reported as
 * file messages so the seed can name them; the renderer simply drops such embeds.
 */
export function remarkNewsroom() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);

    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type === 'leafDirective' && node.name === 'video') {
        parent.children.splice(index, 1, ...videoEmbed(node, file));
        return [SKIP, index];
      }
      if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective') {
        parent.children.splice(index, 1, restoreSource(node, source, parent));
        return [SKIP, index + 1];
      }
      if (node.type === 'paragraph') {
        const figure = figureFrom(node);
        if (figure) {
          parent.children.splice(index, 1, figure);
          return SKIP;
        }
      }
      return undefined;
    });
  };
}

function restoreSource(node: Directive, source: string, parent: Parent): RootContent {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const value = start !== undefined && end !== undefined ? source.slice(start, end) : toString(node);
  const text: Text = { type: 'text', value };
  // A block-level directive sits where a paragraph would; keep the tree valid.
  const inPhrasing = node.type === 'textDirective' || parent.type === 'paragraph';
  return inPhrasing ? text : { type: 'paragraph', children: [text] };
}

function videoEmbed(node: LeafDirective, file: VFile): RootContent[] {
  const attributes = node.attributes ?? {};
  const url = attributes.url ?? attributes.id ?? '';
  const id = parseYouTubeId(url);
  const title = toString(node).trim() || attributes.title?.trim() || '';
  const poster = attributes.poster?.trim() ?? '';
  const problems: string[] = [];
  if (!id) problems.push(`::video needs url="…" with a YouTube URL or id (got ${JSON.stringify(url)})`);
  if (!title) problems.push('::video needs a title: ::video[Watch the trailer]{…}');
  if (poster && !isSafeUrl(poster)) problems.push(`::video poster must be a photo in content/images/, like poster="/images/still.jpg" (got ${JSON.stringify(poster)})`);
  for (const problem of problems) file.message(problem, node);
  if (problems.length > 0) return [];

  const embed: Paragraph = {
    type: 'paragraph',
    children: [],
    position: node.position,
    data: {
      hName: VIDEO_EMBED_TAG,
      hProperties: { dataVideoId: id, title, dataPoster: poster || undefined, dataCredit: attributes.credit?.trim() || undefined },
    },
  };
  return [embed];
}

function figureFrom(paragraph: Paragraph): Paragraph | undefined {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [image] = content;
  if (content.length !== 1 || image?.type !== 'image' || !image.title) return undefined;
  const caption: PhrasingContent = { type: 'text', value: image.title };
  const picture: Image = { ...image, title: null };
  return {
    type: 'paragraph',
    data: { hName: 'figure' },
    children: [picture, { type: 'emphasis', data: { hName: 'figcaption' }, children: [caption] }],
  };
}

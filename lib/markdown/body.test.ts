import type { Element, Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { analyzeBody, bodyToHast, countWords } from './body';
import { isSafeUrl, parseYouTubeId } from './url';

function elements(tree: Root | Element, tagName?: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element' && (!tagName || node.tagName === tagName)) found.push(node);
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
  return found;
}

function text(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(text).join('') : '';
}

describe('figures', () => {
  it('turns an image with a title, alone in its paragraph, into a figure with a caption', () => {
    const tree = bodyToHast(`![Alt text](/images/a.svg "We Can Be Heroes (Photo: Netflix)")`);
    const [figure] = elements(tree, 'figure');
    expect(figure).toBeDefined();
    const [img] = elements(figure!, 'img');
    expect(img?.properties).toMatchObject({ src: '/images/a.svg', alt: 'Alt text' });
    expect(img?.properties.title).toBeUndefined();
    expect(text(elements(figure!, 'figcaption')[0]!)).toBe('We Can Be Heroes (Photo: Netflix)');
  });

  it('leaves an image without a title, or inside a sentence, as an ordinary image', () => {
    expect(elements(bodyToHast('![Alt](/a.svg)'), 'figure')).toHaveLength(0);
    expect(elements(bodyToHast('Look: ![Alt](/a.svg "caption") here'), 'figure')).toHaveLength(0);
  });
});

describe('video embeds', () => {
  it('turns ::video into an embed with the id, title and poster', () => {
    const [embed] = elements(bodyToHast('::video[Watch the trailer]{url="https://youtu.be/dQw4w9WgXcQ" poster="/images/p.svg"}'), 'video-embed');
    expect(embed?.properties).toMatchObject({ dataVideoId: 'dQw4w9WgXcQ', title: 'Watch the trailer', dataPoster: '/images/p.svg' });
  });

  it('reports a video it cannot use and renders nothing for it', () => {
    const markdown = 'Intro\n\n::video[Clip]{url="javascript:alert(1)"}\n\n::video{url="dQw4w9WgXcQ" poster="data:image/png;base64,AAAA"}';
    expect(analyzeBody(markdown).problems).toEqual([
      { line: 3, message: '::video needs url="…" with a YouTube URL or id (got "javascript:alert(1)")' },
      { line: 5, message: '::video needs a title: ::video[Watch the trailer]{…}' },
      { line: 5, message: '::video poster must be a photo in content/images/, like poster=\"/images/still.jpg\" (got "data:image/png;base64,AAAA")' },
    ]);
    expect(elements(bodyToHast(markdown), 'video-embed')).toHaveLength(0);
  });

  it('puts other directive-looking text back exactly as written', () => {
    const tree = bodyToHast('Kick-off at 10:30, see note:this and :smile[yes]{a=1}.\n\n::other{x=1}');
    expect(text(tree).trim()).toBe('Kick-off at 10:30, see note:this and :smile[yes]{a=1}.\n::other{x=1}');
  });
});

describe('what a body can never do', () => {
  it('drops raw HTML, keeping the text between inline tags', () => {
    const tree = bodyToHast('<script>alert(1)</script>\n\nHello <span onclick="x()">there</span> <img src=x onerror=alert(1)>\n\n<iframe src="javascript:alert(1)"></iframe>');
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p']);
    expect(text(tree).trim()).toBe('Hello there');
  });

  it('keeps http(s) and site-relative links and drops javascript:, data: and other schemes', () => {
    const tree = bodyToHast('[a](https://example.com) [b](/articles/x) [c](javascript:alert(1)) [d](data:text/html,x) [e](JaVaScRiPt:alert(1)) [f](mailto:x@y.z) ![g](javascript:x) ![h](https://example.com/h.png)');
    const hrefs = elements(tree, 'a').map((a) => a.properties.href ?? null);
    expect(hrefs).toEqual(['https://example.com', '/articles/x', null, null, null, null]);
    expect(elements(tree, 'img').map((img) => img.properties.src ?? null)).toEqual([null, 'https://example.com/h.png']);
  });
});

describe('word count', () => {
  it('counts words of the text, not of the Markdown syntax', () => {
    expect(countWords('  one two\tthree\nfour — five  ')).toBe(5);
    expect(analyzeBody('# Title here\n\n**Bold** and [a link](https://example.com).').wordCount).toBe(6);
  });
});

describe('URLs', () => {
  it('accepts YouTube watch, share and embed URLs and bare ids', () => {
    for (const url of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'dQw4w9WgXcQ']) {
      expect(parseYouTubeId(url)).toBe('dQw4w9WgXcQ');
    }
    for (const url of ['https://vimeo.com/123', 'https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ', 'javascript:dQw4w9WgXcQ', 'short']) {
      expect(parseYouTubeId(url)).toBeNull();
    }
  });

  it('calls only http(s) and site-relative URLs safe', () => {
    expect(['https://a.test/x', 'http://a.test', '/images/x.svg'].every(isSafeUrl)).toBe(true);
    expect(['javascript:alert(1)', 'data:text/html,x', '//evil.test/x', '/\\evil.test', 'mailto:a@b.c', 'relative/path'].some(isSafeUrl)).toBe(false);
  });
});

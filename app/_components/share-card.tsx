import { ImageResponse } from 'next/og';
import { SHARE_SIZE } from '@/lib/images';
import { siteConfig } from '@/lib/site';

/** Headlines longer than this are cut at a word with an ellipsis, so the card never overflows. */
const MAX_HEADLINE = 140;

function shorten(text: string): string {
  if (text.length <= MAX_HEADLINE) return text;
  const cut = text.slice(0, MAX_HEADLINE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_HEADLINE / 2)).trimEnd()}…`;
}

/**
 * A 1200×630 PNG for sharing a page that has no photo of its own: a kicker (the section), a headline and the
 * site's name, drawn by next/og (no network, no browser). Readers' text is drawn as text, never as markup.
 */
export function shareCard({ kicker, headline }: { kicker: string; headline: string }): ImageResponse {
  const title = shorten(headline);
  const size = title.length > 90 ? 54 : title.length > 50 ? 64 : 76;
  return new ImageResponse(
    (
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', width: '100%', height: '100%', padding: '64px 72px', background: '#16131d', color: '#ffffff' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 18 }}>
          <div style={{ width: 14, height: 44, background: '#a46bff' }} />
          <div style={{ fontSize: 30, letterSpacing: 4, textTransform: 'uppercase', color: '#cdb6ff' }}>{kicker}</div>
        </div>
        <div style={{ display: 'flex', fontSize: size, lineHeight: 1.12, fontWeight: 700 }}>{title}</div>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderTop: '2px solid #3a3346', paddingTop: 28 }}>
          <div style={{ fontSize: 40, fontWeight: 700, letterSpacing: -1 }}>{siteConfig.name}</div>
          <div style={{ fontSize: 26, color: '#b9b3c4' }}>{new URL(siteConfig.url).host}</div>
        </div>
      </div>
    ),
    { ...SHARE_SIZE },
  );
}

import { getMediaFile } from '@/db/queries/media';
import { mediaPath, parseMediaPath } from '@/lib/paths';

// Read from the database on every request (a seed adds photos without a rebuild); the answer for a URL never
// changes, so browsers and shared caches keep it for a year.
export const dynamic = 'force-dynamic';

const YEAR = 31_536_000;

type Props = { params: Promise<{ hash: string; variant: string }> };

export async function GET(request: Request, { params }: Props): Promise<Response> {
  const { hash, variant } = await params;
  const file = parseMediaPath(mediaPath(hash, variant)) ? getMediaFile(hash, variant) : null;
  if (!file) {
    return new Response('No such image.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const headers = {
    'Content-Type': file.contentType,
    'Cache-Control': `public, max-age=${YEAR}, immutable`,
    // The URL names the bytes, so the hash is a strong validator.
    ETag: `"${hash}-${variant}"`,
  };
  if (request.headers.get('if-none-match') === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.bytes), { headers: { ...headers, 'Content-Length': String(file.bytes.length) } });
}

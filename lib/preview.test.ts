import { describe, expect, it } from 'vitest';
import { signPreview, verifyPreview } from './preview';

describe('preview links', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  const expires = now / 1000 + 3600;
  const { signature } = signPreview('secret', 'a-story', expires);

  it('open the story they were made for until they expire', () => {
    expect(verifyPreview('secret', 'a-story', String(expires), signature, now)).toBe(true);
    expect(verifyPreview('secret', 'a-story', String(expires), signature, expires * 1000)).toBe(false);
  });

  it('refuse another story, another expiry, another key, a forged or missing signature, and far-future expiries', () => {
    expect(verifyPreview('secret', 'another-story', String(expires), signature, now)).toBe(false);
    expect(verifyPreview('secret', 'a-story', String(expires + 1), signature, now)).toBe(false);
    expect(verifyPreview('other secret', 'a-story', String(expires), signature, now)).toBe(false);
    expect(verifyPreview('secret', 'a-story', String(expires), `${signature.slice(0, -1)}A`, now)).toBe(false);
    expect(verifyPreview('secret', 'a-story', String(expires), undefined, now)).toBe(false);
    expect(verifyPreview('secret', 'a-story', '1e99', signature, now)).toBe(false);
    const farFuture = now / 1000 + 365 * 86_400;
    expect(verifyPreview('secret', 'a-story', String(farFuture), signPreview('secret', 'a-story', farFuture).signature, now)).toBe(false);
  });
});

import { defaultSrcFor, srcSetFor, type StoredImage } from '@/lib/images';

/** What a page knows of an image: the stored photo (hash and size) and its alt text. */
export type PictureImage = { alt: string; stored: StoredImage };

/**
 * An editor's photo at the size the layout needs: resized WebP copies in `srcset` chosen by `sizes`, and its
 * width and height so the page never shifts while it loads. `priority` is for the first image a reader sees
 * (the page's largest paint): fetched early, never lazy. Everything else is lazy.
 */
export function Picture({
  image,
  sizes,
  priority = false,
  className,
  decorative = false,
}: {
  image: PictureImage;
  sizes: string;
  priority?: boolean;
  className?: string;
  /** The image repeats what the text beside it says (cards): alt="" so screen readers do not read it twice. */
  decorative?: boolean;
}) {
  const { stored } = image;
  return (
    // Stored copies are already the right sizes and formats; next/image's optimizer is not needed.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      className={className}
      src={defaultSrcFor(stored)}
      srcSet={srcSetFor(stored)}
      sizes={sizes}
      width={stored.width}
      height={stored.height}
      alt={decorative ? '' : image.alt}
      loading={priority ? undefined : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      decoding={priority ? undefined : 'async'}
    />
  );
}

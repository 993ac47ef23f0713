import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/app/articles/[slug]/_parts/article-view';
import { FormattedDate } from '@/app/_components/formatted-date';
import { getArticle } from '@/db/queries/articles';
import { getPreviewDb } from '@/db/queries/connection';
import { readPreviewSecret } from '@/db/preview-secret';
import { slugSchema } from '@/lib/content/schema';
import { verifyPreview } from '@/lib/preview';
import type { Article } from '@/lib/types';

// A preview shows the database as it is at this moment, to whoever holds the link: rendered for every request,
// never cached (Next sends no-store), never indexed.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ expires?: string | string[]; signature?: string | string[] }> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? undefined : value);

/** The story the link was signed for, drafts and scheduled stories included; null for a link that is not valid. */
async function previewedArticle({ params, searchParams }: Props): Promise<Article | null> {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const secret = readPreviewSecret();
  if (!secret || !slugSchema.safeParse(slug).success || !verifyPreview(secret, slug, one(query.expires), one(query.signature))) return null;
  return getArticle(slug, getPreviewDb());
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const article = await previewedArticle(props);
  return { title: article ? `Preview: ${article.title}` : 'Page not found', robots: { index: false, follow: false } };
}

export default async function PreviewPage(props: Props) {
  const article = await previewedArticle(props);
  if (!article) notFound();
  const scheduled = article.publishedAt > new Date().toISOString();
  return (
    <>
      <aside className="preview-banner" aria-label="Preview">
        <p>
          <strong>Preview.</strong>{' '}
          {article.draft ? (
            'This story is a draft: readers cannot see it until draft: true is removed and the folder seeded.'
          ) : scheduled ? (
            <>
              This story is scheduled: readers see it from <FormattedDate iso={article.publishedAt} time />.
            </>
          ) : (
            'This story is published: readers see it at its own address.'
          )}
        </p>
      </aside>
      <ArticleView article={article} />
    </>
  );
}

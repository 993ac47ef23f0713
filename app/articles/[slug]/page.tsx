import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import { articleForMetadata, articleFromParams } from '@/app/_lib/article-params';
import { noStaticParams } from '@/app/_lib/static-params';
import { ArticleView } from './_parts/article-view';
import { articleMetadata } from './_parts/metadata';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleForMetadata(params);
  if (!article) return { title: 'Page not found', robots: { index: false } };
  return articleMetadata(article);
}

export default async function ArticlePage({ params }: Props) {
  return <ArticleView article={await articleFromParams(params)} />;
}

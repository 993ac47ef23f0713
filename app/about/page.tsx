import type { Metadata } from 'next';
import Link from 'next/link';
import { alternates } from '@/app/_lib/metadata';
import { ABOUT_PATH, CORRECTIONS_PATH, feedPath, SEARCH_PATH, SITEMAP_PATH } from '@/lib/paths';
import { siteConfig } from '@/lib/site';

// Nothing on this page comes from the database: it changes only with a deploy.
export const revalidate = false;

const description = `What ${siteConfig.name} covers, how its "Read more" links and story maps work, and how to reach the newsroom.`;

export const metadata: Metadata = {
  title: 'About',
  description,
  alternates: alternates(ABOUT_PATH),
};

export default function AboutPage() {
  return (
    <div className="page page--narrow prose">
      <p className="listing-header__kicker">About</p>
      <h1 className="page__title">About {siteConfig.name}</h1>
      <p className="prose__lede">
        {siteConfig.name} covers entertainment and culture: film, television, streaming and the business behind them, with the reporting that
        explains how a story came to be.
      </p>

      <h2>Following a story</h2>
      <p>
        Every story ends with <strong>Read more</strong>: the earlier reporting and sources our editors chose for it, in the order they recommend
        reading them. Each link is one click away, and the stories it leads to have their own Read more lists, so you can follow a subject back
        as far as it goes.
      </p>
      <p>
        The <strong>story map</strong> under each article draws those links: the stories one and two Read more links away, and the stories that
        point back to the one you are reading. It is the quickest way to see everything we have written around a subject.
      </p>

      <h2>Corrections</h2>
      <p>
        When we get something wrong we correct the story, say at its foot what changed and when, and update its date. Every correction is
        listed on our <Link href={CORRECTIONS_PATH}>corrections page</Link>, newest first, and in its{' '}
        <a href={feedPath(CORRECTIONS_PATH)}>RSS feed</a>.
      </p>

      <h2>Contact</h2>
      <p>
        Tips, corrections and questions go to the newsroom at <a href="mailto:newsroom@example.com">newsroom@example.com</a>.
      </p>
      <p>
        Follow every new story in our <a href={feedPath()}>RSS feed</a>, browse the <a href={SITEMAP_PATH}>sitemap</a>, or{' '}
        <Link href={SEARCH_PATH}>search the archive</Link>.
      </p>
    </div>
  );
}

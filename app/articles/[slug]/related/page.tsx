import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import '@/app/_styles/story-map.css';
import Link from 'next/link';
import { relatedMapPath } from '@/app/_components/article-graph';
import { StoryMap } from '@/app/_components/story-map';
import { getNeighbourhood } from '@/db/queries/graph';
import { articleFromParams } from '@/lib/article-params';
import { layoutNeighbourhood } from '@/lib/graph/layout';
import { MAX_MAP_NODES, type MapNode } from '@/lib/graph/neighbourhood';
import { alternates } from '@/lib/metadata';
import { articlePath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFromParams(params, '/related');
  return {
    title: `Story map: ${article.title}`,
    description: `The stories linked with “${article.title}”, one and two “Read more” links away.`,
    alternates: alternates(relatedMapPath(article.slug)),
  };
}

export default async function StoryMapPage({ params }: Props) {
  const article = await articleFromParams(params, '/related');
  const center: MapNode = { id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 };
  const hood = getNeighbourhood(center);
  const layout = layoutNeighbourhood(hood);
  const byId = new Map(hood.nodes.map((node) => [node.id, node]));
  const outgoing = hood.edges.filter((edge) => edge.from === article.id).map((edge) => byId.get(edge.to)!);
  const incoming = hood.edges.filter((edge) => edge.to === article.id).map((edge) => byId.get(edge.from)!);
  const twoAway = hood.nodes.filter((node) => node.distance === 2);

  return (
    <div className="page story-map-page">
      <p className="listing-header__kicker">Story map</p>
      <h1 className="page__title">How “{article.title}” connects</h1>
      <p>
        Every story one or two “Read more” links away from <Link href={articlePath(article.slug)}>{article.title}</Link>, in either direction.
        Arrows point from a story to the story it recommends. Select a story to read it.
      </p>
      {hood.omitted > 0 ? (
        <p className="muted" role="note">
          {hood.omitted} more {hood.omitted === 1 ? 'story is' : 'stories are'} linked within two steps but not shown: the map keeps the {MAX_MAP_NODES} stories
          closest to this one (its own links first, then the stories most linked with them).
        </p>
      ) : null}
      <div className="story-map-layout">
        <StoryMap layout={layout} centerId={article.id} title={article.title} />
        <section className="story-map-list" aria-labelledby="map-list-heading">
          <h2 id="map-list-heading">The stories on this map</h2>
          <StoryList heading="This story links to" stories={outgoing} />
          <StoryList heading="Stories that link here" stories={incoming} />
          <StoryList heading="Two links away" stories={twoAway} />
          <h3>All links on the map</h3>
          <ul className="story-map-edges">
            {hood.edges.map((edge) => (
              <li key={`${edge.from}-${edge.to}`}>
                {byId.get(edge.from)!.title} <span aria-label="links to">→</span> {byId.get(edge.to)!.title}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

function StoryList({ heading, stories }: { heading: string; stories: MapNode[] }) {
  if (stories.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {stories.map((story) => (
          <li key={story.id}>
            <Link href={articlePath(story.slug)}>{story.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

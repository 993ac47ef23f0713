import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import '@/app/_styles/story-map.css';
import Link from 'next/link';
import { NodeSwatch, StoryMap } from '@/app/_components/story-map';
import { getNeighbourhood } from '@/db/queries/graph';
import { articleFromParams } from '@/app/_lib/article-params';
import { layoutNeighbourhood } from '@/lib/graph/layout';
import { MAX_MAP_NODES, type MapEdge, type MapNode } from '@/lib/graph/neighbourhood';
import { alternates } from '@/app/_lib/metadata';
import { articlePath, relatedMapPath } from '@/lib/paths';
import { noStaticParams } from '@/app/_lib/static-params';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFromParams(params, 'related');
  return {
    title: `Story map: ${article.title}`,
    description: `The stories linked with “${article.title}”, one and two “Read more” links away.`,
    alternates: alternates(relatedMapPath(article.slug)),
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Beyond this many stories their list is much taller than the map: it goes under the map, in columns, not beside it. */
const LIST_BESIDE_MAP_MAX = 12;

/**
 * The map, then the same stories as a list grouped by distance (the only view on narrow screens, where the map
 * would be too small to read or tap), then every link on the map, story by story, folded away.
 */
export default async function StoryMapPage({ params }: Props) {
  const article = await articleFromParams(params, 'related');
  const center: MapNode = { id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 };
  const neighbourhood = getNeighbourhood(center);
  const layout = layoutNeighbourhood(neighbourhood);
  const byId = new Map(neighbourhood.nodes.map((node) => [node.id, node]));
  const oneAway = neighbourhood.nodes.filter((node) => node.distance === 1);
  const twoAway = neighbourhood.nodes.filter((node) => node.distance === 2);
  const linksFrom = (node: MapNode) => neighbourhood.edges.filter((edge) => edge.from === node.id);
  const linksTo = (node: MapNode) => neighbourhood.edges.filter((edge) => edge.to === node.id);

  return (
    <div className="page story-map-page">
      <p className="listing-header__kicker">Story map</p>
      <h1 className="page__title">How “{article.title}” connects</h1>
      <p className="story-map-intro">
        Every story one or two “Read more” links away from <Link href={articlePath(article.slug)}>{article.title}</Link>, in either direction:{' '}
        {plural(neighbourhood.nodes.length - 1, 'story', 'stories')} and {plural(neighbourhood.edges.length, 'link', 'links')}.
      </p>
      {neighbourhood.omitted > 0 ? (
        <p className="muted" role="note">
          {neighbourhood.omitted} more {neighbourhood.omitted === 1 ? 'story is' : 'stories are'} linked within two steps but not shown: the map keeps the {MAX_MAP_NODES} stories
          closest to this one (its own links first, then the stories most linked with them).
        </p>
      ) : null}
      <div className={neighbourhood.nodes.length - 1 > LIST_BESIDE_MAP_MAX ? 'story-map-layout story-map-layout--stacked' : 'story-map-layout'}>
        <StoryMap layout={layout} centerId={article.id} title={article.title} />
        <section className="story-map-list" aria-labelledby="map-list-heading">
          <h2 id="map-list-heading" className="rail-heading">
            The stories on this map
          </h2>
          <p className="story-map-list__narrow-note muted">On a wider screen these stories are also drawn as a map.</p>
          <div className="story-map-list__groups">
            <StoryGroup heading="This story" distance={0} stories={[center]} note={() => undefined} />
            <StoryGroup
              heading="One link away"
              distance={1}
              stories={oneAway}
              note={(story) => {
                const out = neighbourhood.edges.some((edge) => edge.from === article.id && edge.to === story.id);
                const back = neighbourhood.edges.some((edge) => edge.from === story.id && edge.to === article.id);
                return out && back ? 'Links both ways with this story' : out ? 'In this story’s “Read more”' : 'Links to this story';
              }}
            />
            <StoryGroup
              heading="Two links away"
              distance={2}
              stories={twoAway}
              note={(story) => {
                const via = new Set([...linksFrom(story).map((edge) => edge.to), ...linksTo(story).map((edge) => edge.from)].filter((id) => byId.get(id)?.distance === 1));
                return `Linked with ${plural(via.size, 'story', 'stories')} one link away`;
              }}
            />
          </div>
        </section>
        {neighbourhood.edges.length > 0 ? (
          <details className="story-map-links">
            <summary>Every link on the map, story by story</summary>
            <ul className="story-map-links__list">
              {neighbourhood.nodes
                .map((node) => ({ node, links: linksFrom(node) }))
                .filter(({ links }) => links.length > 0)
                .map(({ node, links }) => (
                  <li key={node.id}>
                    <span className="story-map-links__from">{node.title}</span> links to:
                    <ul>
                      {links.map((edge: MapEdge) => (
                        <li key={edge.to}>{byId.get(edge.to)!.title}</li>
                      ))}
                    </ul>
                  </li>
                ))}
            </ul>
          </details>
        ) : null}
      </div>
    </div>
  );
}

function StoryGroup({ heading, distance, stories, note }: { heading: string; distance: 0 | 1 | 2; stories: MapNode[]; note: (story: MapNode) => string | undefined }) {
  if (stories.length === 0) return null;
  return (
    <div className="story-map-list__group">
      <h3>
        <NodeSwatch distance={distance} />
        {heading}
      </h3>
      <ul>
        {stories.map((story) => {
          const text = note(story);
          return (
            <li key={story.id}>
              <Link href={articlePath(story.slug)}>{story.title}</Link>
              {text ? <span className="story-map-list__note">{text}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

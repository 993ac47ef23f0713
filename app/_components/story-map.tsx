import type { MapLayout } from '@/lib/graph/layout';
import { NODE_RADIUS } from '@/lib/graph/layout';
import { articlePath } from '@/lib/site';

/** The neighbourhood as server-rendered SVG: every node a link, arrows for direction, no JavaScript. */
export function StoryMap({ layout, centerId, title }: { layout: MapLayout; centerId: number; title: string }) {
  return (
    <figure className="story-map">
      <svg viewBox={layout.viewBox} role="group" aria-label={`Map of the stories linked with ${title}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="story-map__arrow" />
          </marker>
        </defs>
        <g className="story-map__edges" aria-hidden="true">
          {layout.edges.map((edge) => (
            <line key={`${edge.from}-${edge.to}`} x1={edge.x1} y1={edge.y1} x2={edge.x2} y2={edge.y2} markerEnd="url(#arrow)" />
          ))}
        </g>
        <g className="story-map__nodes">
          {layout.nodes.map((node) => (
            <a key={node.id} href={articlePath(node.slug)} className={`story-map__node story-map__node--d${node.distance}`} aria-current={node.id === centerId ? 'page' : undefined}>
              <title>{node.title}</title>
              <circle cx={node.x} cy={node.y} r={node.id === centerId ? NODE_RADIUS + 5 : NODE_RADIUS} />
              <text x={node.labelX} y={node.labelY} textAnchor={node.anchor}>
                {node.label}
              </text>
            </a>
          ))}
        </g>
      </svg>
      <figcaption className="muted">Arrows point from a story to the story its “Read more” list recommends.</figcaption>
    </figure>
  );
}

import type { CSSProperties } from 'react';
import type { MapLayout } from '@/lib/graph/layout';
import { MIN_SCALE, NODE_RADIUS } from '@/lib/graph/layout';
import { articlePath } from '@/lib/paths';

/**
 * The neighbourhood as server-rendered SVG: every node a link, arrows for direction, no JavaScript.
 * Drawn at one unit per CSS pixel; it may shrink to MIN_SCALE to fit its column, and scrolls sideways
 * inside its frame below that rather than shrinking the labels and tap targets. Narrow screens do not show it
 * (story-map.css): the page's list says the same.
 */
export function StoryMap({ layout, centerId, title }: { layout: MapLayout; centerId: number; title: string }) {
  const size: CSSProperties = { minWidth: `${Math.ceil(layout.width * MIN_SCALE)}px` };
  return (
    <figure className="story-map">
      <figcaption className="story-map-legend">
        <span className="story-map-legend__title">Key</span>
        <ul className="story-map-legend__keys">
          <li>
            <NodeSwatch distance={0} /> This story
          </li>
          <li>
            <NodeSwatch distance={1} /> One link away
          </li>
          <li>
            <NodeSwatch distance={2} /> Two links away
          </li>
          <li>
            <ArrowSwatch /> Links to (the story’s “Read more” recommends it)
          </li>
          <li>
            <ArrowSwatch both /> Link to each other
          </li>
        </ul>
      </figcaption>
      <div className="story-map__canvas">
        <svg viewBox={layout.viewBox} width={layout.width} height={layout.height} style={size} role="group" aria-label={`Map of the stories linked with ${title}`}>
          <defs>
            <marker id="story-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="story-map__arrow" />
            </marker>
          </defs>
          <g className="story-map__edges" aria-hidden="true">
            {layout.edges.map((edge) => (
              <line
                key={`${edge.from}-${edge.to}`}
                x1={edge.x1}
                y1={edge.y1}
                x2={edge.x2}
                y2={edge.y2}
                markerStart={edge.both ? 'url(#story-map-arrow)' : undefined}
                markerEnd="url(#story-map-arrow)"
              />
            ))}
          </g>
          <g className="story-map__nodes">
            {layout.nodes.map((node) => (
              <a key={node.id} href={articlePath(node.slug)} className={`story-map__node story-map__node--d${node.distance}`} aria-current={node.id === centerId ? 'page' : undefined}>
                <title>{node.title}</title>
                <rect className="story-map__hit" x={node.hit.x} y={node.hit.y} width={node.hit.width} height={node.hit.height} rx="4" />
                <circle className={`story-map__dot story-map__dot--d${node.distance}`} cx={node.x} cy={node.y} r={node.r} />
                {/* The label twice: a halo the colour of the map under it, so edges running beneath do not cut
                    through the words (one element with paint-order would do, but HTML validators reject it). */}
                {(['story-map__halo', 'story-map__label'] as const).map((className) => (
                  <text key={className} className={className} x={node.labelX} y={node.labelY} textAnchor={node.anchor} aria-hidden={className === 'story-map__halo' ? true : undefined}>
                    {node.lines.map((line, index) => (
                      <tspan key={index} x={node.labelX} dy={index === 0 ? undefined : '1.2em'}>
                        {line}
                      </tspan>
                    ))}
                  </text>
                ))}
              </a>
            ))}
          </g>
        </svg>
      </div>
    </figure>
  );
}

/** The map's node style for a distance, for the key and the list's headings. */
export function NodeSwatch({ distance }: { distance: 0 | 1 | 2 }) {
  return (
    <svg className="story-map-swatch" width="24" height="24" viewBox="-12 -12 24 24" aria-hidden="true" focusable="false">
      <circle className={`story-map__dot story-map__dot--d${distance}`} r={NODE_RADIUS[distance] - (distance === 0 ? 6 : distance === 1 ? 2 : 1)} />
    </svg>
  );
}

function ArrowSwatch({ both = false }: { both?: boolean }) {
  return (
    <svg className="story-map-swatch" width="40" height="24" viewBox="0 0 40 24" aria-hidden="true" focusable="false">
      <line className="story-map__edge" x1={both ? 10 : 2} y1="12" x2="30" y2="12" />
      <path className="story-map__arrow" d="M 29 7 L 38 12 L 29 17 z" />
      {both ? <path className="story-map__arrow" d="M 11 7 L 2 12 L 11 17 z" /> : null}
    </svg>
  );
}

// A fully connected network drawn as units and links, for the parameter-counting section of
// the neurons chapter. Large layers are elided ("⋮ 64") so the picture stays readable.
import * as Plot from "@observablehq/plot";

/**
 * Units as circles in columns (input on the left), every unit linked to every unit of the next
 * layer, and a caption under each column with its role and size.
 *
 * @param {number[]} sizes - layer sizes, input first: [3, 4, 4, 1]
 * @param {{width?: number, height?: number, maxUnits?: number}} [options]
 * @returns {SVGElement | HTMLElement}
 *
 * @example
 * display(networkDiagram([3, 4, 4, 1], {width: 480}));
 */
export function networkDiagram(sizes, {width = 480, height = 220, maxUnits = 8} = {}) {
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`networkDiagram: sizes must be at least two positive integers, got ${JSON.stringify(sizes)}`);
  }
  if (!Number.isInteger(maxUnits) || maxUnits < 3) throw new Error(`networkDiagram: maxUnits must be an integer ≥ 3, got ${maxUnits}`);
  const last = sizes.length - 1;
  const position = (i, slots) => (slots === 1 ? 0 : 1 - (2 * i) / (slots - 1)); // top to bottom in [−1, 1]
  const columns = sizes.map((n, layer) => {
    if (n <= maxUnits) return {layer, n, column: Array.from({length: n}, (_, i) => ({layer, y: position(i, n)})), elided: null};
    // Elided: the first maxUnits − 2 units, then "⋮" in the next slot, then the last unit.
    const column = Array.from({length: maxUnits - 2}, (_, i) => ({layer, y: position(i, maxUnits)}));
    column.push({layer, y: position(maxUnits - 1, maxUnits)});
    return {layer, n, column, elided: {layer, y: position(maxUnits - 2, maxUnits)}};
  });
  const units = columns.flatMap((c) => c.column);
  const links = [];
  for (let l = 0; l < last; l++) {
    for (const a of columns[l].column) for (const b of columns[l + 1].column) links.push({x1: l, y1: a.y, x2: l + 1, y2: b.y});
  }
  const role = (l) => (l === 0 ? "input" : l === last ? "output" : `hidden ${l}`);
  return Plot.plot({
    width: Math.max(200, width), // Framework's width can be 0 before layout
    height,
    marginLeft: 30,
    marginRight: 30,
    marginBottom: 34,
    x: {axis: null, domain: [-0.15, last + 0.15]},
    y: {axis: null, domain: [-1.15, 1.15]},
    marks: [
      Plot.link(links, {x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "currentColor", strokeOpacity: Math.min(0.5, 20 / Math.max(20, links.length) + 0.1)}),
      Plot.dot(units, {
        x: "layer",
        y: "y",
        r: 7,
        fill: (d) => (d.layer === 0 ? "var(--theme-background, white)" : "var(--theme-foreground-focus, #3b5fc0)"),
        stroke: "currentColor",
        strokeWidth: 1.2
      }),
      Plot.text(columns.filter((c) => c.elided).map((c) => c.elided), {x: "layer", y: "y", text: () => "⋮", fontSize: 16, fill: "currentColor"}),
      Plot.text(columns, {x: "layer", y: -1.15, dy: 18, text: (c) => `${role(c.layer)}: ${c.n}`, fill: "currentColor", fontSize: 11})
    ]
  });
}

// One sigmoid neuron over the plane: its output σ(w₁x₁ + w₂x₂ + b) as shading, the line where
// the weighted sum is zero, and the weight vector, which points toward the inputs it "likes".
import * as Plot from "@observablehq/plot";

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/**
 * @param {{w1: number, w2: number, b: number}} neuron - weights and bias
 * @param {{width?: number, extent?: number}} [options] - the square [−extent, extent]² is drawn
 * @returns {SVGElement | HTMLElement}
 *
 * @example
 * display(neuronPlane({w1: 1, w2: -2, b: 0.5}, {width: 360}));
 */
export function neuronPlane({w1, w2, b}, {width = 360, extent = 2} = {}) {
  for (const [name, value] of Object.entries({w1, w2, b})) {
    if (!Number.isFinite(value)) throw new Error(`neuronPlane: ${name} must be a finite number, got ${value}`);
  }
  const size = Math.max(200, Math.min(width, 420)); // Framework's width can be 0 before layout
  const cells = 48; // the output sampled at the centres of a 48×48 grid, smoothed when drawn larger
  // The boundary w₁x₁ + w₂x₂ + b = 0, clipped to the square, as two endpoints.
  const boundary = [];
  if (Math.abs(w2) > 1e-9) {
    for (let x1 = -extent; x1 <= extent; x1 += (2 * extent) / 200) boundary.push({x1, x2: -(w1 * x1 + b) / w2});
  } else if (Math.abs(w1) > 1e-9) {
    boundary.push({x1: -b / w1, x2: -extent}, {x1: -b / w1, x2: extent});
  }
  const visible = boundary.filter((d) => Math.abs(d.x2) <= extent && Math.abs(d.x1) <= extent);
  const norm = Math.hypot(w1, w2);
  const arrowScale = norm > 0 ? Math.min(1, extent / 2 / norm) : 0;
  const arrow = {x1: 0, y1: 0, x2: w1 * arrowScale, y2: w2 * arrowScale};
  return Plot.plot({
    width: size,
    height: size,
    x: {label: "x₁", domain: [-extent, extent]},
    y: {label: "x₂", domain: [-extent, extent]},
    color: {type: "linear", domain: [0, 1], scheme: "PuOr", legend: true, label: "neuron output a = σ(z)"},
    marks: [
      Plot.raster({fill: (x1, x2) => sigmoid(w1 * x1 + w2 * x2 + b), width: cells, height: cells, x1: -extent, x2: extent, y1: -extent, y2: extent, imageRendering: "auto"}),
      // Fixed dark ink with a light halo: the line sits on the white band (a = 0.5) in either theme.
      Plot.line(visible, {x: "x1", y: "x2", stroke: "#111", strokeWidth: 2, strokeDasharray: "6,4"}),
      ...(norm > 0
        ? [
            Plot.arrow([arrow], {x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "white", strokeWidth: 5}),
            Plot.arrow([arrow], {x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "#111", strokeWidth: 2}),
            Plot.text([arrow], {x: "x2", y: "y2", text: () => "w", dx: 9, dy: -9, fill: "#111", stroke: "white", strokeWidth: 3, fontWeight: "bold", fontSize: 13})
          ]
        : []),
      Plot.frame()
    ]
  });
}

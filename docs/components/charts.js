// Shared charts for every chapter: loss curves, decision boundaries, histogram grids, and
// a visible error box. Each function returns a DOM element for `display(...)`.
import * as Plot from "@observablehq/plot";

const splits = ["training", "validation"];

/**
 * Training (solid) and validation (dashed) curves from a training history.
 *
 * `history` is `run.history` from the engine's `train` (an array of
 * `{epoch, step, loss, validationLoss, accuracy, validationAccuracy}`), a `Progress` itself,
 * or an object of named histories `{he: h1, xavier: h2}` to compare runs (one colour each).
 *
 * @example
 * display(resize((width) => lossCurve(run.history, {width, log: true})));
 * display(lossCurve({"lr 0.1": a.history, "lr 0.01": b.history}, {y: "accuracy"}));
 */
export function lossCurve(history, {width = 640, height = 240, y = "loss", x = "epoch", log = false, validation = true, title, caption, yDomain} = {}) {
  if (typeof y !== "string" || !y) throw new Error(`lossCurve: y must be a field name such as "loss" or "accuracy", got ${JSON.stringify(y)}`);
  if (x !== "epoch" && x !== "step") throw new Error(`lossCurve: x must be "epoch" or "step", got ${JSON.stringify(x)}`);
  const runs = normalizeRuns(history);
  const validationKey = `validation${y[0].toUpperCase()}${y.slice(1)}`;
  const rows = [];
  const problems = [];
  for (const [run, entries] of runs) {
    for (const entry of entries) {
      for (const split of splits) {
        if (split === "validation" && !validation) continue;
        const value = entry[split === "training" ? y : validationKey];
        if (value === undefined || value === null) continue;
        if (!Number.isFinite(value)) {
          if (!problems.some((p) => p.run === run && p.split === split)) problems.push({run, split, value, at: entry[x]});
          continue;
        }
        if (log && value <= 0) continue; // a log axis cannot show 0
        rows.push({run, split, x: entry[x], value});
      }
    }
  }
  const many = runs.length > 1;
  const notes = problems.map(({run, split, value, at}) => `${many ? `${run}: ` : ""}${split} ${y} became ${value} at ${x} ${at}`);
  const lower = /loss|error/i.test(y);
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 52,
    title,
    caption: [caption, ...notes].filter(Boolean).join(" · ") || undefined,
    x: {label: `${x} →`, grid: true, ...(rows.length ? {} : {domain: [0, 1]})},
    y: {label: `${lower ? "↓ " : "↑ "}${y}`, type: log ? "log" : "linear", tickFormat: log ? "~g" : undefined, grid: true, nice: true, domain: yDomain ?? (rows.length ? undefined : log ? [0.01, 1] : [0, 1])},
    color: many ? {legend: true, label: "run"} : {legend: rows.some((d) => d.split === "validation"), domain: splits, range: ["var(--theme-foreground-focus, #3b5fc0)", "#e7623a"]},
    marks: [
      ...splits.map((split) =>
        Plot.lineY(
          rows.filter((d) => d.split === split),
          {x: "x", y: "value", z: "run", stroke: many ? "run" : () => split, strokeWidth: 1.75, strokeDasharray: split === "validation" ? "5,3" : null}
        )
      ),
      Plot.tip(rows, Plot.pointerX({x: "x", y: "value", title: (d) => `${many ? `${d.run}\n` : ""}${d.split} ${y}: ${format(d.value)}\n${x} ${d.x}`})),
      rows.length ? null : Plot.text(["no data yet"], {frameAnchor: "middle", fill: "currentColor", fillOpacity: 0.6})
    ]
  });
  plot.classList?.add("loss-curve");
  return plot;
}

/**
 * The model's predicted class over the 2-D input range, with the data points on top.
 *
 * `model.predict(x)` takes an n×2 `Matrix` and returns logits: n×1 for two classes
 * (class 1 where the logit is > 0) or n×k (the largest wins). A plain function `(x) => logits`
 * works too. `data` is a Dataset `{x: n×2 Matrix, y: n×1 class indices}`. Shading fades
 * where the model is unsure (probability near 1/k).
 *
 * @example
 * const data = moons({n: 200, noise: 0.1, seed: 1});
 * display(resize((width) => decisionBoundary(run.model, data, {width, resolution: 60})));
 */
export function decisionBoundary(model, data, {width = 480, height, resolution = 60, padding = 0.1, title, caption} = {}) {
  const predict = typeof model === "function" ? model : model && typeof model.predict === "function" ? (x) => model.predict(x) : null;
  if (!predict) throw new Error(`decisionBoundary: model must have a predict(x) method or be a function, got ${describe(model)}`);
  const x = data?.x;
  if (!x || !(x.data instanceof Float64Array || Array.isArray(x.data) || ArrayBuffer.isView(x.data))) {
    throw new Error(`decisionBoundary: data.x must be a Matrix, got ${describe(x)}`);
  }
  if (x.cols !== 2) throw new Error(`decisionBoundary: data.x must have 2 columns (a 2-D input), got ${x.cols}`);
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > 400) {
    throw new Error(`decisionBoundary: resolution must be an integer in [2, 400], got ${resolution}`);
  }
  const n = x.rows;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const a = x.data[2 * i], b = x.data[2 * i + 1];
    if (a < x0) x0 = a;
    if (a > x1) x1 = a;
    if (b < y0) y0 = b;
    if (b > y1) y1 = b;
  }
  if (!(n > 0 && Number.isFinite(x0 + x1 + y0 + y1))) throw new Error(`decisionBoundary: data.x must hold at least one finite point, got ${n} rows`);
  const px = (x1 - x0 || 1) * padding, py = (y1 - y0 || 1) * padding;
  [x0, x1, y0, y1] = [x0 - px, x1 + px, y0 - py, y1 + py];

  // One grid point at the centre of each raster pixel; row 0 is the top (largest y).
  const r = resolution;
  const grid = new Float64Array(r * r * 2);
  for (let j = 0; j < r; j++) {
    for (let i = 0; i < r; i++) {
      grid[2 * (j * r + i)] = x0 + ((i + 0.5) / r) * (x1 - x0);
      grid[2 * (j * r + i) + 1] = y1 - ((j + 0.5) / r) * (y1 - y0);
    }
  }
  const Matrix = x.constructor && x.constructor !== Object ? x.constructor : null; // the engine's Matrix, without importing it
  const out = predict(Matrix ? new Matrix(r * r, 2, grid) : {rows: r * r, cols: 2, data: grid});
  if (!out || out.rows !== r * r || !out.cols) {
    throw new Error(`decisionBoundary: model.predict must return ${r * r} rows of logits, got ${out ? `${out.rows}×${out.cols}` : describe(out)}`);
  }
  const k = out.cols;
  const classes = k === 1 ? 2 : k;
  const label = new Array(r * r), confidence = new Float64Array(r * r);
  let bad = 0;
  for (let p = 0; p < r * r; p++) {
    if (k === 1) {
      const z = out.data[p];
      if (!Number.isFinite(z)) bad++;
      label[p] = z > 0 ? 1 : 0;
      confidence[p] = 1 / (1 + Math.exp(-Math.abs(z)));
    } else {
      let best = 0, max = -Infinity;
      for (let c = 0; c < k; c++) if (out.data[p * k + c] > max) (max = out.data[p * k + c]), (best = c);
      let total = 0;
      for (let c = 0; c < k; c++) total += Math.exp(out.data[p * k + c] - max);
      if (!Number.isFinite(max)) bad++;
      label[p] = best;
      confidence[p] = 1 / total;
    }
  }
  if (bad) throw new Error(`decisionBoundary: the model produced ${bad} non-finite logits on the grid; the weights may have diverged (NaN)`);
  const points = [];
  for (let i = 0; i < n; i++) points.push({x: x.data[2 * i], y: x.data[2 * i + 1], label: data.y ? String(data.y.data[i]) : "?"});
  const domain = Array.from({length: Math.max(classes, data.classes ?? 0)}, (_, c) => String(c));
  const aspect = (y1 - y0) / (x1 - x0);
  const plot = Plot.plot({
    width,
    height: height ?? Math.round(Math.min(Math.max(width * aspect, 160), 1.2 * width)),
    title,
    caption,
    x: {domain: [x0, x1], label: "x₁"},
    y: {domain: [y0, y1], label: "x₂"},
    color: {type: "ordinal", domain, scheme: "tableau10", legend: false},
    marks: [
      Plot.raster(label, {
        width: r,
        height: r,
        x1: x0,
        x2: x1,
        y1: y1,
        y2: y0,
        fill: (d) => String(d),
        // unsure regions fade: confidence runs from 1/k (no idea) to 1 (certain)
        fillOpacity: (d, p) => 0.12 + 0.38 * ((confidence[p] - 1 / classes) / (1 - 1 / classes)),
        imageRendering: "pixelated"
      }),
      Plot.dot(points, {x: "x", y: "y", fill: "label", stroke: "var(--theme-background, white)", strokeWidth: 0.75, r: 3})
    ]
  });
  plot.classList?.add("decision-boundary");
  return plot;
}

/**
 * Small multiples: one histogram per layer, on a shared x axis so layers compare at a glance.
 *
 * `stats` is the array from the engine's `activationStats` or `gradientStats`:
 * `[{layer, kind, mean, std, histogram: [{x0, x1, count}]}]`.
 *
 * @example
 * display(resize((width) => histogramGrid(activationStats(model, data.x), {width, columns: 4})));
 */
export function histogramGrid(stats, {width = 640, columns, height, label = "activation", title, caption} = {}) {
  if (!Array.isArray(stats)) throw new Error(`histogramGrid: stats must be an array from activationStats or gradientStats, got ${describe(stats)}`);
  const cols = columns ?? Math.max(1, Math.min(stats.length, Math.floor(width / 150)));
  if (!Number.isInteger(cols) || cols < 1) throw new Error(`histogramGrid: columns must be a positive integer, got ${columns}`);
  const bins = [], notes = [];
  stats.forEach((s, i) => {
    const name = `${s.layer ?? i} ${s.kind ?? ""}`.trim();
    const total = (s.histogram ?? []).reduce((t, b) => t + b.count, 0) || 1;
    for (const b of s.histogram ?? []) bins.push({name, i, x0: b.x0, x1: b.x1, fraction: b.count / total});
    notes.push({name, i, text: `${name}\nσ ${format(s.std)}`});
  });
  const rowsOfFacets = Math.max(1, Math.ceil(stats.length / cols));
  const fx = (d) => d.i % cols, fy = (d) => Math.floor(d.i / cols);
  return Plot.plot({
    width,
    height: height ?? 30 + rowsOfFacets * 110,
    marginLeft: 44,
    title,
    caption,
    fx: {axis: null},
    fy: {axis: null},
    x: {label: `${label} →`, grid: true},
    y: {label: "↑ fraction", grid: true, ticks: 3},
    marks: [
      Plot.rectY(bins, {x1: "x0", x2: "x1", y: "fraction", fx, fy, fill: "var(--theme-foreground-focus, #3b5fc0)", fillOpacity: 0.8, inset: 0}),
      Plot.text(notes, {text: "text", fx, fy, frameAnchor: "top-right", dx: -4, dy: 4, fontSize: 10, lineHeight: 1.1}),
      Plot.ruleY([0])
    ]
  });
}

/**
 * An Error shown where the reader sees it, instead of a blank chart or a silent NaN.
 * Cells catch bad input and `display(errorBox(error))`.
 *
 * @example
 * try { display(lossCurve(run.history)); } catch (error) { display(errorBox(error)); }
 */
export function errorBox(error, {title = "This cell could not run"} = {}) {
  const box = document.createElement("div");
  box.className = "error-box";
  box.setAttribute("role", "alert");
  const heading = document.createElement("strong");
  heading.textContent = title;
  const message = document.createElement("pre");
  message.textContent = error instanceof Error ? error.message : String(error);
  box.append(heading, message);
  return box;
}

function normalizeRuns(history) {
  if (history && !Array.isArray(history) && Array.isArray(history.history)) return [["run", history.history]];
  if (Array.isArray(history)) return [["run", history]];
  if (history instanceof Map) return Array.from(history, ([k, v]) => [String(k), historyOf(k, v)]);
  if (history && typeof history === "object") return Object.entries(history).map(([k, v]) => [k, historyOf(k, v)]);
  throw new Error(`lossCurve: history must be an array of {epoch, loss, …}, a training Progress, or an object of named histories, got ${describe(history)}`);
}

function historyOf(name, value) {
  if (Array.isArray(value)) return value;
  if (value && Array.isArray(value.history)) return value.history;
  throw new Error(`lossCurve: history "${name}" must be an array of {epoch, loss, …} or a training Progress, got ${describe(value)}`);
}

function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "object") {
    const name = value.constructor?.name;
    return name && name !== "Object" ? `a ${name}` : `an object with keys {${Object.keys(value).slice(0, 5).join(", ")}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

function format(v) {
  return v === undefined ? "–" : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : +v.toPrecision(3) + "";
}

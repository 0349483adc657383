// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
// @ts-ignore: plain JavaScript page component without type declarations
import {decisionBoundary, errorBox, histogramGrid, lossCurve} from "../../docs/components/charts.js";
import {Matrix} from "../../src/matrix.js";

// jsdom has no canvas: a minimal 2-D context lets Plot's raster run, and keeps the pixels it drew
let pixels: {width: number; height: number; data: Uint8ClampedArray} | undefined;
Object.assign(HTMLCanvasElement.prototype, {
  getContext: () => ({
    createImageData: (width: number, height: number) => ({width, height, data: new Uint8ClampedArray(4 * width * height)}),
    putImageData: (image: typeof pixels) => (pixels = image),
    drawImage: () => {}
  }),
  toDataURL: () => "data:,"
});

const history = Array.from({length: 10}, (_, i) => ({epoch: i + 1, step: 10 * (i + 1), loss: 1 / (i + 1), validationLoss: 1.2 / (i + 1)}));
const lines = (chart: Element) => chart.querySelectorAll("[aria-label='line'] path").length;

describe("lossCurve", () => {
  it("draws a training and a validation line with labelled axes", () => {
    const chart = lossCurve(history, {width: 400});
    expect(lines(chart)).toBe(2);
    expect(chart.textContent).toContain("epoch");
    expect(chart.textContent).toContain("loss");
  });

  it("draws one training line per named run", () => {
    const chart = lossCurve({a: history, b: history, c: history}, {validation: false});
    expect(lines(chart)).toBe(3);
  });

  it("accepts a Progress and says where the loss became NaN", () => {
    const chart = lossCurve({history: [...history, {epoch: 11, step: 110, loss: NaN}]});
    expect(chart.textContent).toContain("training loss became NaN at epoch 11");
  });

  it("rejects a history that is not one", () => {
    expect(() => lossCurve(42)).toThrow("lossCurve: history must be");
    expect(() => lossCurve(history, {x: "time"})).toThrow('lossCurve: x must be "epoch" or "step", got "time"');
  });
});

describe("decisionBoundary", () => {
  const data = {x: Matrix.fromRows([[-1, -2], [1, 2], [0, 0]]), y: Matrix.column([0, 1, 0]), classes: 2};

  it("asks the model about a grid whose first row is the top of the plot", () => {
    let grid: Matrix | undefined;
    const model = {predict: (x: Matrix) => ((grid = x), new Matrix(x.rows, 1))};
    decisionBoundary(model, data, {resolution: 4, padding: 0});
    expect(grid).toBeInstanceOf(Matrix);
    expect([grid!.rows, grid!.cols]).toEqual([16, 2]);
    expect(grid!.data[0]).toBeCloseTo(-1 + 0.25); // left edge + half a pixel
    expect(grid!.data[1]).toBeCloseTo(2 - 0.5); // top edge − half a pixel
    expect(grid!.data[2 * 15 + 1]).toBeCloseTo(-2 + 0.5); // last row is the bottom
  });

  it("paints the class the model predicts where it predicts it", () => {
    // class 1 (orange in tableau10) above x₂ = 0, class 0 (blue) below
    const model = {predict: (x: Matrix) => new Matrix(x.rows, 1, Float64Array.from({length: x.rows}, (_, i) => 10 * x.data[2 * i + 1]))};
    const chart = decisionBoundary(model, data, {resolution: 8});
    // the image is drawn top-down: its first pixel row sits at the top of the plot
    expect(chart.querySelector("image")!.getAttribute("transform")).toMatch(/scale\(1,1\)$/);
    expect(chart.querySelectorAll("circle").length).toBe(3);
    const red = (row: number) => pixels!.data[4 * row * pixels!.width];
    expect([pixels!.width, pixels!.height]).toEqual([8, 8]);
    expect(red(0)).toBeGreaterThan(200); // top: orange #f28e2c
    expect(red(7)).toBeLessThan(100); // bottom: blue #4e79a7
  });

  it("explains bad models, data and outputs", () => {
    expect(() => decisionBoundary({}, data)).toThrow("decisionBoundary: model must have a predict(x) method or be a function, got an object with keys {}");
    expect(() => decisionBoundary(() => null, {x: Matrix.fromRows([[1, 2, 3]])})).toThrow("decisionBoundary: data.x must have 2 columns (a 2-D input), got 3");
    expect(() => decisionBoundary(() => new Matrix(3, 1), data, {resolution: 10})).toThrow("decisionBoundary: model.predict must return 100 rows of logits, got 3×1");
    expect(() => decisionBoundary((x: Matrix) => new Matrix(x.rows, 1, new Float64Array(x.rows).fill(NaN)), data, {resolution: 2})).toThrow("non-finite logits");
    expect(() => decisionBoundary(() => null, data, {resolution: 1})).toThrow("decisionBoundary: resolution must be an integer in [2, 400], got 1");
  });
});

describe("histogramGrid and errorBox", () => {
  it("draws one histogram per layer", () => {
    const stats = [1, 2, 3].map((layer) => ({layer, kind: "tanh", std: 1 / layer, histogram: [{x0: -1, x1: 0, count: 3}, {x0: 0, x1: 1, count: 1}]}));
    const chart = histogramGrid(stats, {width: 600});
    expect(chart.querySelectorAll("[aria-label='rect'] rect").length).toBe(6);
    expect(chart.textContent).toContain("σ 0.333");
    expect(() => histogramGrid({})).toThrow("histogramGrid: stats must be an array");
  });

  it("errorBox shows the message as text, not HTML", () => {
    const box = errorBox(new Error("dropout: rate must be in [0, 1), got <b>1</b>"));
    expect(box.getAttribute("role")).toBe("alert");
    expect(box.querySelector("pre")!.textContent).toBe("dropout: rate must be in [0, 1), got <b>1</b>");
    expect(box.querySelector("b")).toBeNull();
  });
});

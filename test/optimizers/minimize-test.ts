import {describe, expect, it} from "vitest";
import {adam, minimize, momentum, sgd} from "../../src/optimizers/index.js";

const valley = ([x, y]: number[]) => x * x + 10 * y * y;
const valleyGradient = ([x, y]: number[]) => [2 * x, 20 * y];

describe("minimize", () => {
  it("sgd on x² + 10y² follows the closed form w_t = (1 − 2ηa)^t · w₀", () => {
    // per coordinate: w ← w − η·2a·w, so x_t = (1 − 0.2)^t·x₀ and y_t = (1 − 2)^t·y₀ for η = 0.1
    const path = minimize({f: valley, gradient: valleyGradient, start: [-4, 1], optimizer: sgd({learningRate: 0.1}), steps: 5});
    expect(path.length).toBe(6);
    expect(path[0]).toEqual({step: 0, point: [-4, 1], value: 26});
    expect(path[5].point[0]).toBeCloseTo(-4 * 0.8 ** 5, 12);
    expect(path[5].point[1]).toBeCloseTo(1 * (-1) ** 5, 12); // y oscillates without decaying: η·2·10 = 2
  });

  it("finite differences stand in for a missing gradient", () => {
    const a = minimize({f: valley, start: [-4, 1], optimizer: momentum({learningRate: 0.02}), steps: 30});
    const b = minimize({f: valley, gradient: valleyGradient, start: [-4, 1], optimizer: momentum({learningRate: 0.02}), steps: 30});
    a.forEach((p, i) => p.point.forEach((v, j) => expect(v).toBeCloseTo(b[i].point[j], 6)));
  });

  it("on a valley with curvatures 2 and 20, momentum 0.7 beats SGD by orders of magnitude and 0.9 overshoots", () => {
    // with η = 0.02, heavy-ball momentum converges at rate √μ once μ ≥ (1 − √(ηλ))² for every curvature λ
    // (0.64 for λ = 2): √0.7 ≈ 0.84 per step against SGD's 1 − 0.04 = 0.96, and √0.9 ≈ 0.95 for μ = 0.9
    const options = {f: valley, gradient: valleyGradient, start: [-4, 1], steps: 100};
    const plain = minimize({...options, optimizer: sgd({learningRate: 0.02})}).at(-1)!.value;
    const tuned = minimize({...options, optimizer: momentum({learningRate: 0.02, momentum: 0.7})}).at(-1)!.value;
    const heavy = minimize({...options, optimizer: momentum({learningRate: 0.02, momentum: 0.9})}).at(-1)!.value;
    expect(plain).toBeCloseTo(16 * 0.96 ** 200, 10); // x_t = 0.96^t·x₀ and f = x² once y has died out
    expect(tuned).toBeLessThan(1e-12);
    expect(heavy).toBeGreaterThan(tuned);
    expect(heavy).toBeLessThan(plain);
  });

  it("a diverging path stops at the first non-finite value", () => {
    const path = minimize({f: ([x]) => Math.exp(x * x), gradient: ([x]) => [2 * x * Math.exp(x * x)], start: [2], optimizer: sgd({learningRate: 1}), steps: 100});
    expect(path.length).toBeLessThan(100);
    expect(Number.isFinite(path.at(-1)!.value)).toBe(false);
  });

  it("minimize validates its arguments", () => {
    expect(() => minimize({f: valley, start: [], optimizer: adam(), steps: 3})).toThrow("minimize: start must be a non-empty list of numbers");
    expect(() => minimize({f: valley, start: [NaN, 1], optimizer: adam(), steps: 3})).toThrow("minimize: start[0] must be a finite number, got NaN");
    expect(() => minimize({f: valley, start: [1, 1], optimizer: adam(), steps: -1})).toThrow("minimize: steps must be an integer ≥ 0, got -1");
    expect(() => minimize({f: valley, gradient: () => [1], start: [1, 1], optimizer: adam(), steps: 1})).toThrow("minimize: gradient returned 1 numbers for a point of 2");
  });
});

import {describe, expect, it} from "vitest";
import {Matrix} from "../src/matrix.js";
import {accuracy, loss, softmax, sigmoidOf, type LossName} from "../src/losses.js";
import {relativeError, testMatrix} from "./helpers.js";

/** Central differences of loss.value with respect to every output entry. */
function numericGradient(name: LossName, output: Matrix, target: Matrix, epsilon = 1e-6): Float64Array {
  const l = loss(name);
  const g = new Float64Array(output.data.length);
  for (let i = 0; i < g.length; i++) {
    const old = output.data[i];
    output.data[i] = old + epsilon;
    const plus = l.value(output, target);
    output.data[i] = old - epsilon;
    const minus = l.value(output, target);
    output.data[i] = old;
    g[i] = (plus - minus) / (2 * epsilon);
  }
  return g;
}

function expectGradientMatches(name: LossName, output: Matrix, target: Matrix): void {
  const {grad} = loss(name).compute(output, target);
  const numeric = numericGradient(name, output, target);
  for (let i = 0; i < numeric.length; i++) {
    const error = relativeError(grad.data[i], numeric[i]);
    if (Math.abs(grad.data[i] - numeric[i]) > 1e-9) expect(error, `${name} entry ${i}`).toBeLessThan(1e-6);
  }
}

const labels = Matrix.column([0, 2, 1, 2, 0]);
const logits = testMatrix(5, 3, 3); // entries in (−1, 1)

describe("losses", () => {
  it("loss(name) resolves names and aliases and rejects unknown ones", () => {
    expect(loss("bce")).toBe(loss("binaryCrossEntropy"));
    expect(loss("crossEntropy").name).toBe("softmaxCrossEntropy");
    expect(() => loss("mae" as LossName)).toThrow('loss: unknown loss "mae"; expected one of "mse", "binaryCrossEntropy"');
  });

  it("mse is the mean of squared errors over every entry", () => {
    // errors 1, −2, 0, 3 → (1 + 4 + 0 + 9)/4 = 3.5; gradient 2e/4 = [0.5, −1, 0, 1.5]
    const {value, grad} = loss("mse").compute(Matrix.fromRows([[2, 0], [1, 4]]), Matrix.fromRows([[1, 2], [1, 1]]));
    expect(value).toBe(3.5);
    expect(Array.from(grad.data)).toEqual([0.5, -1, 0, 1.5]);
  });

  it("binaryCrossEntropy on logits equals −t log σ(z) − (1 − t) log(1 − σ(z))", () => {
    const z = Matrix.column([0.3, -1.2, 2]);
    const t = Matrix.column([1, 0, 0]);
    const direct = (-Math.log(sigmoidOf(0.3)) - Math.log(1 - sigmoidOf(-1.2)) - Math.log(1 - sigmoidOf(2))) / 3;
    expect(loss("bce").value(z, t)).toBeCloseTo(direct, 12);
    // dL/dz = (σ(z) − t)/n
    expect(loss("bce").compute(z, t).grad.data[0]).toBeCloseTo((sigmoidOf(0.3) - 1) / 3, 14);
  });

  it("binaryCrossEntropy stays finite for huge logits", () => {
    const {value, grad} = loss("bce").compute(Matrix.column([1000, -1000]), Matrix.column([0, 1]));
    expect(value).toBe(1000); // each example costs |z| = 1000
    expect(Array.from(grad.data)).toEqual([0.5, -0.5]);
    expect(loss("bce").value(Matrix.column([1000]), Matrix.column([1]))).toBe(0);
  });

  it("softmaxCrossEntropy is log k at equal logits and stable for huge ones", () => {
    expect(loss("crossEntropy").value(new Matrix(2, 4), Matrix.column([0, 3]))).toBeCloseTo(Math.log(4), 14);
    const z = Matrix.fromRows([[1000, 1001, 999]]);
    const shifted = Matrix.fromRows([[1, 2, 0]]);
    expect(loss("crossEntropy").value(z, Matrix.column([1]))).toBeCloseTo(loss("crossEntropy").value(shifted, Matrix.column([1])), 12);
    expect(Number.isFinite(loss("crossEntropy").value(Matrix.fromRows([[-1e4, 1e4]]), Matrix.column([0])))).toBe(true);
  });

  it("softmaxCrossEntropy's gradient is (softmax − onehot)/n", () => {
    const {grad} = loss("crossEntropy").compute(logits, labels);
    const p = softmax(logits);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 3; j++) {
        expect(grad.get(i, j)).toBeCloseTo((p.get(i, j) - (labels.data[i] === j ? 1 : 0)) / 5, 14);
      }
    }
  });

  it("softmaxCrossEntropy accepts one-hot targets and gives the same loss", () => {
    const oneHot = new Matrix(5, 3);
    labels.data.forEach((c, i) => oneHot.set(i, c, 1));
    const a = loss("crossEntropy").compute(logits, labels);
    const b = loss("crossEntropy").compute(logits, oneHot);
    expect(b.value).toBeCloseTo(a.value, 14);
    b.grad.data.forEach((g, i) => expect(g).toBeCloseTo(a.grad.data[i], 14));
  });

  it("hinge is the Weston–Watkins multiclass SVM loss with margin 1", () => {
    // CS231n's example: scores [3.2, 5.1, −1.7], true class 0:
    //   max(0, 5.1 − 3.2 + 1) + max(0, −1.7 − 3.2 + 1) = 2.9 + 0
    const s = Matrix.fromRows([[3.2, 5.1, -1.7]]);
    const {value, grad} = loss("hinge").compute(s, Matrix.column([0]));
    expect(value).toBeCloseTo(2.9, 12);
    expect(Array.from(grad.data)).toEqual([-1, 1, 0]);
    expect(loss("squaredHinge").value(s, Matrix.column([0]))).toBeCloseTo(2.9 ** 2, 12);
  });

  it("hinge with one column is the binary hinge max(0, 1 − y·s), y = 2t − 1", () => {
    // t = 1, s = 0.25 → 0.75;  t = 0, s = −3 → 0;  mean 0.375
    expect(loss("hinge").value(Matrix.column([0.25, -3]), Matrix.column([1, 0]))).toBe(0.375);
  });

  for (const name of ["mse", "bce", "crossEntropy", "hinge", "squaredHinge"] as LossName[]) {
    it(`${name}'s gradient matches central differences`, () => {
      if (name === "mse") expectGradientMatches(name, logits, testMatrix(5, 3, 9));
      else if (name === "bce") expectGradientMatches(name, testMatrix(6, 1, 4), Matrix.column([1, 0, 0, 1, 1, 0]));
      else expectGradientMatches(name, logits, labels);
    });
  }

  it("hinge's gradient matches central differences with one column too", () => {
    expectGradientMatches("squaredHinge", Matrix.column([0.2, -0.5, 0.7]), Matrix.column([1, 0, 0]));
  });

  it("a loss given something other than a matrix says which argument and what it got", () => {
    expect(() => loss("mse").value(undefined as unknown as Matrix, new Matrix(2, 1))).toThrow("mse: output must be a Matrix (the model's output), got undefined");
    expect(() => loss("bce").compute(new Matrix(2, 1), [1, 0] as unknown as Matrix)).toThrow(
      "binaryCrossEntropy: target must be a Matrix (labels or target values), got an array (make a matrix with Matrix.fromRows or Matrix.column)"
    );
    expect(() => loss("softmaxCrossEntropy").computeInto(new Matrix(2, 3), new Matrix(2, 1), null as unknown as Matrix)).toThrow("softmaxCrossEntropy: grad must be a Matrix, got null");
  });

  it("losses name the problem with bad targets", () => {
    expect(() => loss("mse").value(new Matrix(3, 1), new Matrix(2, 1))).toThrow("mse: output is 3×1 but target is 2×1; they must have the same shape");
    expect(() => loss("crossEntropy").value(logits, Matrix.column([0, 1, 3, 0, 0]))).toThrow(
      "softmaxCrossEntropy: target label at row 2 is 3; labels must be integers in 0…2 for 3 output columns"
    );
    expect(() => loss("crossEntropy").value(logits, Matrix.column([0, 1, 0.5, 0, 0]))).toThrow("target label at row 2 is 0.5");
    expect(() => loss("crossEntropy").value(logits, Matrix.column([0, NaN, 0, 0, 0]))).toThrow(
      "softmaxCrossEntropy: target has NaN at row 1, column 0; targets must be finite numbers"
    );
    expect(() => loss("crossEntropy").value(Matrix.column([1, 2]), Matrix.column([0, 1]))).toThrow(
      'softmaxCrossEntropy: output must have at least 2 columns (one logit per class), got 1; for a single logit use "binaryCrossEntropy"'
    );
    expect(() => loss("bce").value(Matrix.column([1, 2]), Matrix.column([0, 2]))).toThrow("binaryCrossEntropy: target at row 1 is 2; targets must be in [0, 1]");
    expect(() => loss("hinge").value(logits, new Matrix(5, 2))).toThrow("hinge: target must be n×1 class indices or n×3 one-hot rows, got 5×2");
    expect(() => loss("crossEntropy").value(logits, new Matrix(4, 1))).toThrow("softmaxCrossEntropy: output has 5 rows but target has 4");
    expect(() => loss("mse").value(new Matrix(0, 1), new Matrix(0, 1))).toThrow("mse: the batch is empty");
    expect(() => loss("bce").value(logits, labels)).toThrow(
      'binaryCrossEntropy: output is 5×3 but target is 5×1; they must have the same shape; for 3 classes with n×1 labels use "softmaxCrossEntropy"'
    );
    expect(() => loss("mse").value(logits, labels)).toThrow("or one-hot the labels with oneHot(y, 3)");
  });

  it("a NaN output gives a NaN loss (which train reports as divergence)", () => {
    expect(loss("mse").value(Matrix.column([NaN]), Matrix.column([1]))).toBeNaN();
  });

  it("softmax rows sum to 1 and survive huge logits", () => {
    const p = softmax(Matrix.fromRows([[1000, 1001], [-5, -5]]));
    expect(p.get(0, 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
    expect(p.toRows()[1]).toEqual([0.5, 0.5]);
  });

  it("sigmoidOf does not overflow", () => {
    expect(sigmoidOf(-1000)).toBe(0);
    expect(sigmoidOf(1000)).toBe(1);
    expect(sigmoidOf(0)).toBe(0.5);
  });

  it("accuracy uses arg-max for several columns and the sign for one", () => {
    expect(accuracy(Matrix.fromRows([[0.1, 0.9], [2, 1], [0, 3]]), Matrix.column([1, 1, 1]))).toBeCloseTo(2 / 3, 15);
    expect(accuracy(Matrix.column([0.3, -2, 0.1, -0.1]), Matrix.column([1, 0, 0, 0]))).toBe(0.75);
    expect(accuracy(Matrix.fromRows([[0.1, 0.9]]), Matrix.fromRows([[0, 1]]))).toBe(1);
    expect(() => accuracy(new Matrix(2, 3), new Matrix(2, 2))).toThrow("accuracy: target must be n×1 class indices or n×3 one-hot rows, got 2×2");
  });
});

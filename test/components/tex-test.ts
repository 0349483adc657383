// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
// @ts-ignore: plain JavaScript page component without type declarations
import {tex} from "../../docs/components/tex.js";

describe("tex", () => {
  it("typesets inline math in a span and display math in a div", () => {
    const inline = tex("\\frac{1}{n}");
    expect(inline.tagName).toBe("SPAN");
    expect(inline.querySelector(".katex .mfrac")).not.toBeNull();
    const block = tex("x^2", {display: true});
    expect(block.tagName).toBe("DIV");
    expect(block.querySelector(".katex-display")).not.toBeNull();
    expect(tex.block("y").querySelector(".katex-display")).not.toBeNull();
  });

  it("works as a tagged template that keeps backslashes and interpolates values", () => {
    const std = 0.125;
    const element = tex`\sigma = ${std}`;
    expect(element.querySelector("annotation")!.textContent).toBe("\\sigma = 0.125");
  });

  it("shows a TeX mistake as visible red source and refuses non-strings", () => {
    expect(tex("\\frac{1}{").querySelector(".katex-error")).not.toBeNull();
    expect(() => tex(3)).toThrow("tex: source must be a string of TeX, got number");
  });
});

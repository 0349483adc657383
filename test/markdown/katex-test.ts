import MarkdownIt from "markdown-it";
import {describe, expect, it} from "vitest";
import {katexPlugin, pagesWithMath} from "../../lib/markdown/katex.js";

const md = new MarkdownIt({html: true}).use(katexPlugin);
const render = (source: string) => md.render(source);
const mathCount = (html: string) => (html.match(/class="katex"/g) ?? []).length;

describe("katexPlugin", () => {
  it("typesets inline $…$ and display $$…$$", () => {
    expect(mathCount(render("a $x^2$ b"))).toBe(1);
    const block = render("$$\n\\frac{1}{1 + e^{-z}}\n$$\n");
    expect(block).toContain("katex-display");
    expect(block).not.toContain("$$");
  });

  it("leaves Framework's ${expression} alone", () => {
    const html = render("loss ${run.loss.toFixed(3)} and ${epochs}");
    expect(mathCount(html)).toBe(0);
    expect(html).toContain("${run.loss.toFixed(3)}");
  });

  it("keeps stray dollar signs in prose as dollars", () => {
    for (const source of ["it costs $5 and $10", "a $ sign alone", "pay $ 3 $ now", "price: 4$"]) {
      expect(mathCount(render(source)), source).toBe(0);
      expect(render(source)).toContain("$");
    }
  });

  it("does not reach into code spans or code blocks", () => {
    expect(mathCount(render("run `echo $HOME` then $x$"))).toBe(1);
    expect(mathCount(render("before $a and `b$` after"))).toBe(0);
    expect(mathCount(render("```js\nconst s = `$${x}$`;\n```\n"))).toBe(0);
  });

  it("records the pages that hold math, for the head to load KaTeX's fonts early", () => {
    md.render("text with $x^2$", {path: "/inline"});
    md.render("$$\ny = Wx + b\n$$\n", {path: "/display"});
    md.render("it costs $5 and `$x$` is code", {path: "/none"});
    expect([...pagesWithMath].filter((p) => ["/inline", "/display", "/none"].includes(p)).sort()).toEqual(["/display", "/inline"]);
    md.render("the math is gone", {path: "/inline"});
    expect(pagesWithMath.has("/inline")).toBe(false);
  });

  it("treats \\$ as a literal dollar", () => {
    const html = render("escaped \\$x$ stays");
    expect(mathCount(html)).toBe(0);
  });

  it("knows the book's macros", () => {
    const html = render("$\\Var[W] = \\E[W^2]$");
    expect(html).not.toContain("katex-error");
    expect(html).toContain("Var");
  });

  it("shows a TeX mistake as a visible error instead of throwing", () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(render("$\\frac{1}{$")).toContain("katex-error");
    } finally {
      console.warn = warn;
    }
    expect(warnings.length).toBe(1);
  });
});

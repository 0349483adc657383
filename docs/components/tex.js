// Math typeset in the page, for formulas that quote live values (a slider's σ, a trained loss).
// Static math in prose is typeset at build time by lib/markdown/katex.js; this is its live twin.
import katex from "katex";

/**
 * A KaTeX-rendered element: a `<span>` inline, a `<div>` with `{display: true}`.
 * Also works as a tagged template, where backslashes need no escaping.
 * A TeX mistake renders as red source (`.katex-error`) rather than throwing, so the reader sees it.
 *
 * @example
 * display(tex(`\\sigma = \\sqrt{2 / ${fanIn}} = ${Math.sqrt(2 / fanIn).toFixed(3)}`, {display: true}));
 * display(tex`\mathrm{Var}[W] = ${variance.toFixed(4)}`);
 */
export function tex(source, ...rest) {
  let options = rest[0];
  if (Array.isArray(source) && Array.isArray(source.raw)) {
    source = String.raw(source, ...rest);
    options = {};
  }
  if (typeof source !== "string") {
    throw new Error(`tex: source must be a string of TeX, got ${source === null ? "null" : typeof source}`);
  }
  const {display = false, macros} = options ?? {};
  const element = document.createElement(display ? "div" : "span");
  element.className = display ? "tex tex-display" : "tex";
  katex.render(source, element, {displayMode: Boolean(display), throwOnError: false, output: "htmlAndMathml", macros});
  return element;
}

/** `tex` with `{display: true}`: a centred block. */
tex.block = (source, options) => tex(source, {...options, display: true});

// Build-time math: `$…$` inline and `$$…$$` display, typeset by KaTeX into the page's HTML,
// so readers download no TeX engine and see no flash of raw source.
import markdownItKatex from "@vscode/markdown-it-katex";

const plugin = markdownItKatex.default ?? markdownItKatex;

/** Macros every page may use, e.g. `$\E[x]$`, `$\Var[W]$`. */
export const macros = {
  "\\E": "\\mathbb{E}",
  "\\Var": "\\operatorname{Var}",
  "\\R": "\\mathbb{R}"
};

/**
 * The pages (by the `path` in markdown-it's env) whose Markdown, when last parsed, held math. The
 * site's head reads it to start loading KaTeX's fonts early on those pages only.
 */
export const pagesWithMath = new Set();

/**
 * markdown-it plugin: `md.use(katexPlugin)`.
 * Inline `$` follows Pandoc's rule so that a stray dollar sign in prose stays a dollar sign:
 * the opening `$` must be followed by a non-space, the closing `$` preceded by a non-space and
 * not followed by a digit. `${…}` is left to Framework (a live inline expression), `\$` is a
 * literal dollar, and nothing inside code spans or code blocks is touched.
 */
export function katexPlugin(md, options = {}) {
  const katexOptions = {throwOnError: false, strict: "ignore", ...options, macros: {...macros, ...options.macros}};
  md.use(plugin, katexOptions);
  md.inline.ruler.at("math_inline", inlineMath);
  for (const rule of ["math_inline", "math_inline_block", "math_block"]) {
    const render = md.renderer.rules[rule];
    md.renderer.rules[rule] = (tokens, idx, opts, env, self) => {
      const html = render(tokens, idx, opts, env, self);
      // a TeX mistake still renders (red, visible) but is also reported when the site builds
      if (html.includes("katex-error")) console.warn(`katex: ${env?.path ?? "page"}: cannot typeset ${JSON.stringify(tokens[idx].content.trim())}`);
      return html;
    };
  }
  md.core.ruler.push("katex-pages", (state) => {
    const path = state.env?.path;
    if (!path) return;
    const isMath = (token) => token.type.startsWith("math_"); // math_inline, math_block, …
    const math = state.tokens.some((t) => isMath(t) || t.children?.some(isMath));
    if (math) pagesWithMath.add(path);
    else pagesWithMath.delete(path);
  });
  return md;
}

function inlineMath(state, silent) {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$") return false;
  const next = src[start + 1];
  if (next === "{" || next === "$") return false; // Framework's ${expression}; $$…$$ has its own rule
  const literal = () => {
    if (!silent) state.pending += "$";
    state.pos = start + 1;
    return true;
  };
  if (next === undefined || /\s/.test(next)) return literal();
  let end = start + 1;
  for (;;) {
    end = src.indexOf("$", end);
    if (end === -1) return literal();
    let slashes = 0;
    while (src[end - 1 - slashes] === "\\") slashes++;
    if (slashes % 2 === 0 && !/\s/.test(src[end - 1]) && !/\d/.test(src[end + 1] ?? "")) break;
    end++;
  }
  const content = src.slice(start + 1, end);
  if (content.includes("`")) return literal(); // a `$` inside a code span is code, not a closing delimiter
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.markup = "$";
    token.content = content;
  }
  state.pos = end + 1;
  return true;
}

// The site: Observable Framework config. Chapters live in docs/theme/chapters.js; a chapter shows
// in the sidebar and the pager as soon as its page docs/<path>.md exists.
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {katexPlugin, pagesWithMath} from "./lib/markdown/katex.js";
// @ts-ignore: plain JavaScript without type declarations, owned by the live-cells work
import {liveCellsPlugin} from "./lib/markdown/liveCells.js";
// @ts-ignore: plain JavaScript module shared with the home page
import {chapters, preface} from "./docs/theme/chapters.js";

type Entry = {path: string; title: string};

const written = (path: string) => existsSync(fileURLToPath(new URL(`./docs${path}.md`, import.meta.url)));

// The faces a page's first screen uses: text, headings and emphasis (Source Serif 4), the sidebar
// and table of contents (Inter), code (JetBrains Mono), and on pages with math the KaTeX faces
// of nearly every formula. A browser fetches a face only when a layout first needs it, so pages
// were laid out in fallback fonts (each looked up among the system's fonts) and then again as
// each face arrived. Asked for right after the fonts stylesheet, before the body is parsed, they
// are ready for the first layout. The faces are data: URLs in that stylesheet: nothing is fetched.
const textFaces = ["400 1em 'Source Serif 4'", "italic 400 1em 'Source Serif 4'", "700 1em 'Source Serif 4'", "400 1em Inter", "500 1em Inter", "700 1em Inter", "400 1em 'JetBrains Mono'"];
const mathFaces = ["400 1em KaTeX_Main", "700 1em KaTeX_Main", "italic 400 1em KaTeX_Math", "1em KaTeX_Size1", "1em KaTeX_Size2"];
// (a script waits for the stylesheets above it, so the @font-face rules are known when it runs)
const loadFaces = (faces: string[]) => `<script>for (const font of ${JSON.stringify(faces)}) document.fonts.load(font);</script>`;

export default {
  root: "docs",
  title: "Training Neural Networks",
  pages: [
    ...[preface as Entry].filter((p) => written(p.path)).map((p) => ({name: p.title, path: p.path})),
    ...(chapters as Entry[]).map((c, i) => ({name: `${i + 1}. ${c.title}`, path: c.path})).filter((p) => written(p.path))
  ],
  pager: true,
  // links end in .html, so dist/ works with any static server, not only ones that map /neurons → neurons.html
  preserveExtension: true,
  toc: {show: true, label: "On this page"},
  search: true,
  // style.css imports the air (light) and near-midnight (dark) themes and our overrides
  style: "style.css",
  // no Google Fonts: every font is self-hosted (docs/theme/fonts.css.js), so no request leaves the origin
  globalStylesheets: [],
  // a11y.js: the accessibility fixes for markup that Framework, Plot and Inputs write (one place).
  // keepHeading.js: a deep link (#heading) stays on its heading while the cells above it render.
  // pagesWithMath is filled by the KaTeX plugin as it parses the page, before its head is made.
  head: ({path}: {path: string}) => `<link rel="stylesheet" href="/theme/fonts.css">
${loadFaces(pagesWithMath.has(path) ? [...textFaces, ...mathFaces] : textFaces)}
<meta name="color-scheme" content="light dark">
<script type="module" src="/theme/a11y.js"></script>
<script type="module" src="/theme/keepHeading.js"></script>`,
  footer: `Training Neural Networks, an interactive notebook. Every cell is seeded and runs offline in your browser.`,
  markdownIt: (md: any) => md.use(katexPlugin).use(liveCellsPlugin)
};

// The site: Observable Framework config. Chapters live in docs/theme/chapters.js; a chapter shows
// in the sidebar and the pager as soon as its page docs/<path>.md exists.
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {katexPlugin} from "./lib/markdown/katex.js";
// @ts-ignore: plain JavaScript without type declarations, owned by the live-cells work
import {liveCellsPlugin} from "./lib/markdown/liveCells.js";
// @ts-ignore: plain JavaScript module shared with the home page
import {chapters, preface} from "./docs/theme/chapters.js";

type Entry = {path: string; title: string};

const written = (path: string) => existsSync(fileURLToPath(new URL(`./docs${path}.md`, import.meta.url)));

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
  // keepHeading.js: a deep link (#heading) stays on its heading while the cells above it render
  head: `<link rel="stylesheet" href="/theme/fonts.css">
<meta name="color-scheme" content="light dark">
<script type="module" src="/theme/keepHeading.js"></script>`,
  footer: `Training Neural Networks, an interactive notebook. Every cell is seeded and runs offline in your browser.`,
  markdownIt: (md: any) => md.use(katexPlugin).use(liveCellsPlugin)
};

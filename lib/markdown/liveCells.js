// Live cells: a markdown-it plugin that makes every code cell of a page editable in the
// published site. It runs after Framework has installed its own fence renderer, so wrapping
// `md.renderer.rules.fence` sees both the author's source and Framework's output (the cell's
// root `<!--:id:-->`). It adds, per cell, a wrapper carrying the source; per page, the page's
// Markdown (for Download) and one hidden cell that imports the client, which the client loads
// lazily: the editor, type stripper and parser are fetched only when a reader presses Edit.
//
// Fence attributes: ```ts fixed``` marks a cell as not editable (Framework ignores unknown
// attributes); cells that only import get no Edit button either.

import {readFileSync} from "node:fs";
import {join} from "node:path";
import {fenceBody} from "../../docs/components/live/store.js";

// jsx/tsx cells are left alone: the in-page transform strips types but does not compile JSX.
const CODE_TAGS = new Set(["js", "ts"]);
const BOOT = `import {boot} from "/components/live/boot.js";\nboot();\n`;

export function liveCellsPlugin(md, {root = "docs"} = {}) {
  const fence = md.renderer.rules.fence;
  if (!fence) throw new Error("liveCellsPlugin: md.renderer.rules.fence is missing; use it after Framework's renderer");

  md.renderer.rules.fence = (tokens, idx, options, context, self) => {
    const token = tokens[idx];
    const [tag = "", ...attributes] = token.info.trim().split(/\s+/);
    const lang = tag.toLowerCase();
    const codeBefore = context?.code?.length ?? 0;
    const html = fence(tokens, idx, options, context, self);
    if (token.meta?.liveBoot) return `<div class="live-boot" hidden>${html}</div>`;
    if (!CODE_TAGS.has(lang) || !context?.code || context.code.length === codeBefore) return html;
    const {id, node} = context.code[context.code.length - 1];
    const index = (context.liveIndex = (context.liveIndex ?? -1) + 1);
    const fixed = attributes.some((a) => /^(fixed|readonly|noedit)$/i.test(a));
    const importOnly = node.body?.type === "Program" && node.body.body.length > 0 && node.body.body.every((s) => s.type === "ImportDeclaration");
    const inputs = [...new Set(node.references.map((r) => r.name))];
    if (node.expression && !inputs.includes("display") && !inputs.includes("view")) inputs.push("display");
    const outputs = [...new Set((node.declarations ?? []).map((d) => d.name))];
    const data = {
      id,
      index,
      lang,
      // the page's Markdown is embedded once (#live-page); a cell carries its own text only when
      // it cannot be cut from there (an indented fence, say)
      source: fenceBody(context.liveMarkdown, token.map) === token.content ? undefined : token.content,
      inputs,
      outputs,
      expression: node.expression,
      editable: !fixed && !importOnly,
      map: token.map, // [opening line, line after the closing fence] in the page's Markdown
      markup: token.markup
    };
    return `<div class="live-cell" data-live-id="${escape(id)}" data-live="${escape(JSON.stringify(data))}">${html}</div>\n`;
  };

  md.core.ruler.push("live-cells", (state) => {
    const context = state.env;
    if (context) context.liveMarkdown = state.src;
    const hasCells = state.tokens.some((t) => t.type === "fence" && CODE_TAGS.has(t.info.trim().split(/\s+/)[0].toLowerCase()));
    if (!hasCells) return;
    const page = {path: context?.path ?? "", prefix: frontMatterPrefix(root, context?.path, state.src), source: state.src};
    const html = new state.Token("html_block", "", 0);
    html.content = `<div id="live-page" hidden data-live-page="${escape(JSON.stringify(page))}"></div>\n`;
    const boot = new state.Token("fence", "code", 0);
    boot.info = "js";
    boot.content = BOOT;
    boot.markup = "```";
    boot.meta = {liveBoot: true};
    state.tokens.push(html, boot);
  });

  return md;
}

// The Markdown handed to markdown-it has its front matter removed; Download puts it back.
function frontMatterPrefix(root, path, source) {
  if (!path) return "";
  try {
    const file = readFileSync(join(root, path.endsWith(".md") ? path : `${path}.md`), "utf8");
    return file.endsWith(source) ? file.slice(0, file.length - source.length) : "";
  } catch {
    return "";
  }
}

function escape(string) {
  return String(string).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

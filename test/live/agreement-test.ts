import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

// Plain JavaScript modules without type declarations: load them untyped.
const paths: string[] = ["@observablehq/framework/dist/markdown.js", "../../lib/markdown/liveCells.js", "../../docs/components/live/transform.js", "../../docs/components/live/store.js"];
const [{createMarkdownIt, parseMarkdown}, {liveCellsPlugin}, {transformCell}, {fenceBody}] = await Promise.all(paths.map((p) => import(p)));

const docs = new URL("../../docs/", import.meta.url).pathname;
const pages = readdirSync(docs).filter((f) => f.endsWith(".md"));

// Every editable cell of every page, compiled by the in-page transform, must declare and use the
// same names as Framework's own compilation of it: otherwise running it unchanged would rewire
// the page.
describe("transformCell agrees with Framework on the book's cells", () => {
  for (const file of pages) {
    it(`${file}: same inputs and outputs for every editable cell`, () => {
      const md = createMarkdownIt({markdownIt: (md: any) => md.use(liveCellsPlugin)});
      const source = readFileSync(join(docs, file), "utf8");
      const {body} = parseMarkdown(source, {md, path: `/${file.replace(/\.md$/, "")}`});
      const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      const pageMatch = /data-live-page="([^"]*)"/.exec(body);
      if (!pageMatch) return; // a page without code cells
      const page = JSON.parse(unescape(pageMatch[1]));
      const cells = [...body.matchAll(/data-live="([^"]*)"/g)].map((m) => JSON.parse(unescape(m[1])));
      const mismatches: string[] = [];
      for (const cell of cells.filter((c) => c.editable)) {
        const text = cell.source ?? fenceBody(page.source, cell.map);
        let compiled;
        try {
          compiled = transformCell(text, {lang: cell.lang, id: cell.id});
        } catch (error: any) {
          mismatches.push(`cell ${cell.index + 1}: ${error.message}`);
          continue;
        }
        const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
        if (!same(compiled.outputs, cell.outputs)) mismatches.push(`cell ${cell.index + 1}: outputs ${compiled.outputs} vs Framework ${cell.outputs}`);
        if (!same(compiled.inputs, cell.inputs)) mismatches.push(`cell ${cell.index + 1}: inputs ${compiled.inputs} vs Framework ${cell.inputs}`);
      }
      expect(mismatches).toEqual([]);
      expect(cells.length).toBeGreaterThan(0); // the page's cells were found and compared
    });
  }
});

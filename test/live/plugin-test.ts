import {describe, expect, it} from "vitest";

// Plain JavaScript modules without type declarations: load them untyped.
const paths: string[] = ["@observablehq/framework/dist/markdown.js", "../../lib/markdown/liveCells.js", "../../docs/components/live/store.js"];
const [{createMarkdownIt, parseMarkdown}, {liveCellsPlugin}, {fenceBody}] = await Promise.all(paths.map((p) => import(p)));

function render(source: string) {
  const md = createMarkdownIt({markdownIt: (md: any) => md.use(liveCellsPlugin)});
  return parseMarkdown(source, {md, path: "/page.md"} as any);
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

// Each cell's data, with its source cut from the embedded page Markdown as the client does.
function cells(body: string) {
  const page = JSON.parse(unescape(/data-live-page="([^"]*)"/.exec(body)![1]));
  return [...body.matchAll(/data-live="([^"]*)"/g)].map((m) => {
    const data = JSON.parse(unescape(m[1]));
    return {...data, source: data.source ?? fenceBody(page.source, data.map)};
  });
}

describe("liveCellsPlugin", () => {
  it("wraps each code cell with its original source, inputs and outputs", () => {
    const page = render("# T\n\n```ts\nconst slope: number = 2;\n```\n\n```js\nslope * 2\n```\n");
    const [a, b] = cells(page.body);
    expect(a).toMatchObject({index: 0, lang: "ts", source: "const slope: number = 2;\n", outputs: ["slope"], inputs: [], editable: true});
    expect(b).toMatchObject({index: 1, lang: "js", expression: true, inputs: ["slope", "display"], outputs: []});
    expect(page.body).toMatch(new RegExp(`data-live-id="${a.id}"[^]*<!--:${a.id}:-->`));
  });

  it("marks ```ts fixed and import-only cells as not editable, and Framework still runs them", () => {
    const page = render('```ts fixed\nconst k = 1;\n```\n\n```ts\nimport * as Plot from "@observablehq/plot";\n```\n');
    expect(cells(page.body).map((c) => c.editable)).toEqual([false, false]);
    expect(page.code.length).toBe(3); // two cells plus the client loader
  });

  it("embeds the page's Markdown and loads the client once, only on pages with cells", () => {
    const page = render("```js\n1\n```\n");
    expect(page.body).toContain('id="live-page"');
    expect(page.code.at(-1).node.imports.map((i: any) => i.name)).toEqual(["./components/live/boot.js"]) // root-relative, resolved from /page.md;
    expect(render("# no code\n\n```python\nx = 1\n```\n").body).not.toContain("live-");
  });

  it("embeds a cell's text only when it cannot be cut from the page's Markdown", () => {
    const body = render("- item\n\n  ```js\n  const a = 1;\n  ```\n\n```js\nconst b = 2;\n```\n").body;
    const raw = [...body.matchAll(/data-live="([^"]*)"/g)].map((m) => JSON.parse(unescape(m[1])));
    expect(raw.map((c) => c.source)).toEqual(["const a = 1;\n", undefined]);
    expect(cells(body).map((c) => c.source)).toEqual(["const a = 1;\n", "const b = 2;\n"]);
  });

  it("records where each fence sits in the Markdown so Download can splice edits back", () => {
    const source = "# T\n\n```ts\nconst a = 1;\n```\n";
    const [a] = cells(render(source).body);
    expect(source.split("\n").slice(a.map[0], a.map[1])).toEqual(["```ts", "const a = 1;", "```"]);
  });
});

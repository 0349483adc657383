import {describe, expect, it} from "vitest";

// The page-side modules are plain JavaScript without type declarations; load them untyped.
const transformPath: string = "../../docs/components/live/transform.js";
const guardPath: string = "../../docs/components/live/guard.js";
const {transformCell, stripTypes, parseCell, errorLine, importOrder, CellError} = await import(transformPath);
const {guard, LoopError} = await import(guardPath);

// Evaluates a compiled factory the way the page does, with a stub `__live`.
function compile(source: string, options: object = {}, live: object = {}) {
  const cell = transformCell(source, {id: "t", ...options});
  const stub = {guard: () => {}, import: async (s: string) => ({s}), display: (d: unknown) => d, ...live};
  const body = (0, eval)(cell.factory)(stub);
  return {cell, body};
}

describe("transformCell: declarations and references", () => {
  it("finds top-level const/let/var/function/class as outputs and free names as inputs", () => {
    const {cell} = compile("const a = b + 1;\nlet c = 2;\nvar d;\nfunction f(x) { return x + e; }\nclass K {}");
    expect(cell.outputs).toEqual(["a", "c", "d", "f", "K"]);
    expect(cell.inputs).toEqual(["b", "e"]);
  });

  it("finds names declared by destructuring, defaults and rest", () => {
    const {cell} = compile("const {x, y: [z, ...w], q = r} = obj;");
    expect(cell.outputs).toEqual(["x", "z", "w", "q"]);
    expect(cell.inputs.sort()).toEqual(["obj", "r"]);
  });

  it("does not count locals of inner scopes, globals, or the cell's own names as inputs", () => {
    const {cell} = compile("const s = Math.max(1, 2);\nfor (let i = 0; i < n; i++) { const t = i; }\nconst g = (u) => u + s;\ntry {} catch (err) { err; }");
    expect(cell.inputs).toEqual(["n"]);
  });

  it("returns the declared values from the body", async () => {
    const {body} = compile("const a = b * 2;\nfunction f() { return a; }");
    const out = await body(21);
    expect(out.a).toBe(42);
    expect(out.f()).toBe(42);
  });

  it("treats a lone expression in a js cell as something to display, as Framework does", async () => {
    const shown: unknown[] = [];
    const {cell, body} = compile("k * slope", {lang: "js"}, {display: () => (v: unknown) => shown.push(v)});
    expect(cell.expression).toBe(true);
    expect(cell.inputs).toEqual(["k", "slope", "display"]);
    await body(3, 2, null);
    expect(shown).toEqual([6]);
  });

  it("does not display a lone expression in a ts cell (Framework's ts cells have no implicit display)", () => {
    const {cell} = compile("k * slope");
    expect(cell.expression).toBe(false);
    expect(cell.inputs).toEqual(["k", "slope"]);
  });

  it("refuses to redefine a page built-in or a global", () => {
    expect(() => transformCell("const width = 3;")).toThrow(/'width' is built into the page.*line 1/);
    expect(() => transformCell("\nconst display = 1;")).toThrow(/line 2/);
    expect(() => transformCell("const Math = 1;")).toThrow(/Global 'Math' cannot be redefined/);
  });

  it("refuses a name another cell already defines", () => {
    expect(() => transformCell("const slope = 1;", {taken: new Map([["slope", "cell 2"]])})).toThrow("'slope' is already defined by cell 2");
  });

  it("treats an empty cell as empty", () => {
    expect(transformCell("  \n").empty).toBe(true);
    expect(transformCell("// just a comment\n").outputs).toEqual([]);
  });
});

describe("transformCell: imports", () => {
  it("rewrites static imports into one awaited load, preserving names", async () => {
    const {cell, body} = compile('import {a, b as c} from "./x.js";\nimport * as P from "p";\nimport D from "d";\nconst y = [a, c, P, D];');
    expect(cell.imports).toEqual(["./x.js", "p", "d"]);
    expect(cell.outputs).toEqual(["a", "c", "P", "D", "y"]);
    const loaded = new Map<string, object>([["./x.js", {a: 1, b: 2}], ["p", {p: 3}], ["d", {default: 4}]]);
    const {body: b2} = compile('import {a, b as c} from "./x.js";\nimport * as P from "p";\nimport D from "d";\nconst y = [a, c, P, D];', {}, {import: async (s: string) => loaded.get(s)});
    expect((await b2()).y).toEqual([1, 2, {p: 3}, 4]);
    void body;
  });

  it("routes dynamic import() through the page's resolver", async () => {
    const {cell, body} = compile('const m = await import("./engine/index.js");');
    expect(cell.imports).toEqual(["./engine/index.js"]);
    expect((await body()).m).toEqual({s: "./engine/index.js"});
  });

  it("lists imports in Framework's order: declarations first, then import()", () => {
    expect(importOrder('const q = import("b");\nimport {x} from "a";')).toEqual(["a", "b"]);
  });
});

describe("transformCell: await, yield and types", () => {
  it("accepts top-level await", async () => {
    const {body} = compile("const v = await Promise.resolve(5);");
    expect((await body()).v).toBe(5);
  });

  it("makes a cell whose body yields an async generator", async () => {
    const {cell, body} = compile("for (let i = 0; i < 3; i++) yield i * n;");
    expect(cell.generator).toBe(true);
    expect(cell.inputs).toEqual(["n", "display"]); // the page shows each yielded value
    const values = [];
    for await (const v of body(10, null)) values.push(v);
    expect(values).toEqual([0, 10, 20]);
  });

  it("does not count a yield inside an inner generator function", () => {
    const {cell} = compile("function* g() { yield 1; }\nconst x = [...g()];");
    expect(cell.generator).toBe(false);
    expect(cell.outputs).toEqual(["g", "x"]);
  });

  it("strips TypeScript types and keeps every line in place", () => {
    const js = stripTypes("const a: number = 1;\ntype T = {x: number};\ninterface I {}\nconst b = a as number;\n");
    expect(js.split("\n")[3]).toMatch(/^const b = a\s*;$/);
    expect(js.split("\n").length).toBe(5);
  });

  it("keeps imports that are only used by other cells", () => {
    const {cell} = compile('import {moons} from "./engine/index.js";');
    expect(cell.outputs).toEqual(["moons"]);
  });
});

describe("transformCell: errors carry the reader's line", () => {
  it("reports a syntax error's line", () => {
    let error: any;
    try {
      transformCell("const a = 1;\nconst b = a +;\n", {lang: "js"});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/line 2/);
  });

  it("reports a TypeScript syntax error's line", () => {
    expect(() => transformCell("const a: number = 1;\n\nconst b: = 2;")).toThrow(/line 3/);
  });

  it("reports a line-1 syntax error with the reader's column", () => {
    try {
      parseCell("let = ;");
      expect.unreachable();
    } catch (e: any) {
      expect(e.line).toBe(1);
      expect(e.column).toBeLessThan(8);
    }
  });

  it("maps a runtime error's stack back to the reader's line", async () => {
    const {body} = compile("const a = 1;\n\nnull.x;", {lang: "js"});
    const error = await body().catch((e: unknown) => e);
    expect(errorLine(error, "t")).toBe(3);
  });
});

describe("loop guards", () => {
  it("puts a guard in every loop body, braced or not", () => {
    const {cell} = compile("for (;;) x++;\nwhile (a) { b(); }\ndo c(); while (d);\nfor (const k in o) {}\nfor (const v of w) v;", {lang: "js"});
    expect(cell.factory.match(/__live\.guard\(\)/g)).toHaveLength(5);
    expect(cell.factory.split("\n")).toHaveLength(5 + 2); // one generated line per reader's line, then the closing line and sourceURL
  });

  it("stops an endless loop through the guard", async () => {
    let calls = 0;
    const trip = () => {
      if (++calls > 1000) throw new Error("tripped");
    };
    const {body} = compile("let i = 0;\nwhile (true) { i++; }", {}, {guard: trip});
    await expect(body()).rejects.toThrow("tripped");
  });

  it("guard() throws LoopError when one synchronous slice runs past the limit", () => {
    let t = 0;
    const check = guard({limit: 100, now: () => t, visible: () => true});
    check();
    t = 50;
    check();
    t = 150;
    expect(() => check()).toThrow(LoopError);
    expect(() => check()).toThrow(/Stopped/); // a try/catch inside the loop cannot swallow it
  });

  it("guard() lets a loop continue across slices while the page keeps breathing", async () => {
    let t = 0;
    const check = guard({limit: 100, now: () => t, visible: () => true});
    check();
    await new Promise((r) => setTimeout(r, 150)); // a heartbeat runs: the page was free
    t = 90;
    check();
    await new Promise((r) => setTimeout(r, 150));
    t = 180;
    expect(() => check()).not.toThrow();
  });

  it("guard() trips when a loop only awaits resolved promises (the heartbeat goes stale)", async () => {
    let t = 0;
    const check = guard({limit: 100, now: () => t, visible: () => true});
    let error: unknown;
    for (let i = 0; i < 50; i++) {
      t += 10;
      try {
        check();
      } catch (e) {
        error = e;
        break;
      }
      await 0;
    }
    expect(error).toBeInstanceOf(LoopError);
  });

  it("guarded code reads the clock rarely in a fast loop, and still trips", async () => {
    let reads = 0;
    const {body} = compile("let s = 0;\nfor (let i = 0; i < 100000; i++) s += i;\nconst total = s;", {lang: "js"}, {guard: guard({limit: 100, now: () => ++reads * 1e-4, visible: () => false})});
    expect((await body()).total).toBe(4999950000);
    expect(reads).toBeLessThan(200);
    let t = 0;
    const {body: endless} = compile("while (true) {}", {lang: "js"}, {guard: guard({limit: 100, now: () => (t += 0.001), visible: () => false})});
    await expect(endless()).rejects.toThrow(LoopError);
  });

  it("guard() validates its limit", () => {
    expect(() => guard({limit: 0})).toThrow("guard: limit must be a positive number of milliseconds, got 0");
  });
});

// boot: the client side of live cells, loaded by every page that has code cells (the markdown
// plugin lib/markdown/liveCells.js adds a hidden cell that calls boot()). It adds Edit buttons,
// Stop for running generators, the page bar (Share, Download, Reset all edits), and restores
// edits. The editor (CodeMirror) and the transform (sucrase + acorn) are import()ed on first use.
//
// Running an edit redefines the cell in Framework's own runtime with `define` from
// observablehq:client (the call a built page makes for each cell), after deleting the cell's old
// variables, so the cell's output is replaced and every cell that uses its values reruns. A built
// client exports only `define` (preview also exports `undefine`, `main`, `runtime`), so connect()
// reaches the runtime through the runtime's own "@variable" builtin, and undefine() repeats what
// Framework's does: clear the cell's displayed nodes and delete its variables.

import {define} from "observablehq:client";
import {fenceBody, hash, loadEdit, saveEdit, removeEdit, encodeShare, decodeShare, markdownWithEdits} from "./store.js";
import {css} from "./style.js";

const MAX_DISPLAYS = 200; // per run of a cell
const MAX_STRING = 20000; // characters of one displayed string
const LOOP_LIMIT = 2500; // ms the main thread may stay busy inside a reader's loop

let booted = false;
let page;
const cells = [];
let transformModule;
let editorModule;
let importMap;
let pageBar;
let runtime; // Observable runtime, found by connect()

const loadTransform = () => (transformModule ??= Promise.all([import("./transform.js"), import("./guard.js")]).then(([t, g]) => ({...t, ...g})));
const loadEditor = () => (editorModule ??= import("./editor.js"));

export async function boot() {
  if (booted) return;
  booted = true;
  const pageEl = document.getElementById("live-page");
  if (!pageEl) return;
  page = JSON.parse(pageEl.dataset.livePage);
  runtime = await connect();
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  for (const el of document.querySelectorAll(".live-cell")) cells.push(new LiveCell(el));
  addPageBar();
  // Errors that escape a cell's run (a promise nobody awaited, a throwing timer callback) still
  // carry the compiled cell's name in their stack: show them at that cell.
  const stray = (error) => {
    const match = /live-cell-([0-9a-f]{8}(?:-\d+)?)-\d+\.js:(\d+)/.exec(String(error?.stack ?? ""));
    const cell = match && cells.find((c) => c.id === match[1]);
    if (cell) cell.showMessage(`${error.name ?? "Error"}: ${error.message ?? error} (line ${match[2]}, after the cell had finished running)`, "error", +match[2]);
    return !!cell;
  };
  // shown at the cell, so not reported again as an uncaught error of the page
  addEventListener("unhandledrejection", (event) => stray(event.reason) && event.preventDefault());
  addEventListener("error", (event) => stray(event.error) && event.preventDefault());
  restore().catch((error) => pageNotice(`Could not restore edits: ${error.message}`, "error"));
}

class LiveCell {
  constructor(el) {
    this.el = el;
    this.data = JSON.parse(el.dataset.live);
    this.data.source ??= fenceBody(page.source, this.data.map) ?? "";
    this.id = this.data.id;
    this.index = this.data.index;
    this.hash = hash(this.data.source);
    this.div = el.querySelector(":scope > .observablehq");
    this.root = findRoot(this.div, this.id);
    this.current = {inputs: this.data.inputs, outputs: this.data.outputs}; // what the runtime runs now
    this.original = null; // Framework's own definition, captured before the first redefinition
    this.edited = false;
    this.editor = null;
    this.code = this.data.source; // the text in the editor (or that would be, before it opens)
    this.generators = new Set();
    this.version = 0;
    this.bar = html(`<div class="live-bar" role="group"></div>`);
    this.status = html(`<span class="live-status" role="status" aria-live="polite"></span>`);
    this.stopButton = button("Stop", () => this.stop(), "live-stop");
    this.stopButton.hidden = true;
    // A cell that shows nothing, or follows one, gets its first line as a label, so its Edit button
    // says what it edits. A line that only opens a call, like `display(`, takes the next one along.
    const lines = this.data.source.split("\n").filter((line) => line.trim() && !/^\s*(\/\/|import\b)/.test(line));
    let first = lines.shift()?.trim() ?? "";
    while (/[([]$/.test(first) && lines.length) first += lines.shift().trim();
    this.label = html(`<code class="live-label" aria-hidden="true"></code>`);
    this.label.textContent = first.trim();
    this.bar.setAttribute("aria-label", `Cell ${this.index + 1}: ${first.trim().slice(0, 60)}`);
    this.bar.append(this.label, this.status, this.stopButton);
    if (this.data.editable) {
      this.editButton = button("Edit", () => this.toggle(), "live-edit");
      this.editButton.setAttribute("aria-expanded", "false");
      this.bar.append(this.editButton);
    }
    this.panel = html(`<div class="live-panel" hidden></div>`);
    this.host = html(`<div class="live-editor"></div>`);
    this.message = html(`<div class="live-message" role="alert" hidden></div>`);
    this.runButton = button("Run", () => this.run(), "live-run");
    this.runButton.title = "Run (Shift+Enter or Ctrl/Cmd+Enter)";
    this.resetButton = button("Reset", () => this.reset(), "live-reset");
    this.resetButton.title = "Restore the book's version of this cell";
    const actions = html(`<div class="live-actions"></div>`);
    actions.append(this.runButton, this.resetButton, html(`<span class="live-hint">Shift+Enter runs</span>`));
    this.panel.append(this.host, actions, this.message);
    // A cell shown with `echo` has its code under the output (Framework wraps that <pre> in a
    // .observablehq-pre-container with its Copy button): the editor takes that place.
    this.echo = el.querySelector(":scope > .observablehq-pre-container, :scope > pre");
    if (this.echo) el.prepend(this.bar), this.echo.before(this.panel);
    else el.prepend(this.bar, this.panel);
    this.updateBar();
    this.watch();
  }

  // The runtime variable that holds this cell's body (found by the node Framework observes).
  variable() {
    for (const v of runtime._variables) if (v._observer?._node === this.div) return v;
    return null;
  }

  // Watches the cell's results so generator values (training runs) get progress and Stop.
  watch() {
    const v = this.variable();
    if (!v) return;
    if (!this.original) this.original = {inputs: this.data.inputs, outputs: this.data.outputs, body: v._definition};
    const observer = v._observer;
    observer.fulfilled = (value) => this.scan(value);
    if (v._value !== undefined) this.scan(v._value);
  }

  scan(value) {
    // inputs (view, Generators, Mutable) are generators too, but waiting for the reader, not running
    if (this.current.inputs.some((name) => name === "view" || name === "Generators" || name === "Mutable")) return;
    if (isGenerator(value)) return this.instrument(value);
    if (this.current.outputs.length && value && typeof value === "object") {
      for (const name of this.current.outputs) if (isGenerator(value[name])) this.instrument(value[name]);
    }
  }

  instrument(gen) {
    if (gen.__live) return;
    gen.__live = true;
    const async = Object.prototype.toString.call(gen) === "[object AsyncGenerator]";
    const next = gen.next.bind(gen);
    const ret = gen.return.bind(gen);
    const state = {steps: 0, stopped: false};
    const done = {done: true, value: undefined};
    const settle = (result) => {
      if (result.done) this.finished(gen, state);
      else this.progress(gen, state, result.value);
      return result;
    };
    gen.next = (value) => {
      if (state.stopped) return async ? Promise.resolve(done) : done;
      const result = next(value);
      return async ? result.then(settle, (error) => (this.finished(gen, state), Promise.reject(error))) : settle(result);
    };
    gen.return = (value) => {
      this.finished(gen, state);
      return ret(value);
    };
    gen.__liveStop = () => {
      state.stopped = true;
      this.finished(gen, state, true);
      try {
        const r = ret(undefined);
        if (r && typeof r.catch === "function") r.catch(() => {});
      } catch {
        // a generator that is running right now: the stopped flag ends it at its next step
      }
    };
    this.generators.add(gen);
    this.updateBar();
  }

  progress(gen, state, value) {
    if (!this.generators.has(gen)) return;
    state.steps++;
    this.status.textContent = `running · ${describeProgress(value, state.steps)}`;
  }

  finished(gen, state, stopped = false) {
    if (!this.generators.delete(gen)) return;
    this.status.textContent = stopped ? `stopped after ${plural(state.steps, "step")}` : state.steps ? `finished · ${plural(state.steps, "step")}` : "";
    this.updateBar();
  }

  stop() {
    for (const gen of [...this.generators]) gen.__liveStop();
    this.updateBar();
  }

  updateBar() {
    if (this.echo) this.echo.hidden = !this.panel.hidden || this.code !== this.data.source;
    this.stopButton.hidden = this.generators.size === 0;
    this.el.classList.toggle("live-edited", this.edited);
    this.el.classList.toggle("live-running", this.generators.size > 0);
    if (this.generators.size && !this.status.textContent.startsWith("running")) this.status.textContent = "running…";
    this.bar.hidden = !this.data.editable && this.generators.size === 0 && !this.status.textContent;
    if (this.editButton) this.editButton.textContent = this.panel.hidden ? (this.edited ? "Edit (edited)" : "Edit") : "Close editor";
    if (this.editButton) this.editButton.setAttribute("aria-label", this.panel.hidden ? "Edit" : "Close editor");
    updatePageBar();
  }

  async open({focus = true} = {}) {
    if (!this.editor) {
      this.host.textContent = "Loading editor…";
      const {editor} = await loadEditor();
      this.host.textContent = "";
      this.editor = editor({
        parent: this.host,
        doc: this.code,
        lang: this.data.lang,
        label: `Source of cell ${this.index + 1}`,
        onRun: () => this.run(),
        onChange: (code) => (this.code = code)
      });
    }
    this.panel.hidden = false;
    this.editButton?.setAttribute("aria-expanded", "true");
    this.updateBar();
    if (focus) this.editor.focus();
    loadTransform(); // warm up while the reader types
  }

  close() {
    this.panel.hidden = true;
    this.editButton?.setAttribute("aria-expanded", "false");
    this.updateBar();
  }

  toggle() {
    return this.panel.hidden ? this.open() : this.close();
  }

  setCode(code) {
    this.code = code;
    if (this.editor && this.editor.code !== code) this.editor.code = code;
  }

  showMessage(text, kind = "error", line) {
    this.message.hidden = !text;
    this.message.className = `live-message live-${kind}`;
    this.message.textContent = text ?? "";
    this.editor?.markLine(kind === "error" ? line : null);
  }

  // Compiles the editor's code and redefines the cell. Returns false on a compile error.
  async run({save = true} = {}) {
    const code = this.code;
    const T = await loadTransform();
    if (save) {
      if (code === this.data.source) removeEdit(page.path, this.index);
      else saveEdit(page.path, this.index, {hash: this.hash, code});
    }
    this.edited = code !== this.data.source;
    this.shared = false;
    this.showMessage(null);
    let compiled;
    const id = `${this.id}-${++this.version}`;
    try {
      compiled = T.transformCell(code, {lang: this.data.lang, id, taken: takenNames(this)});
    } catch (error) {
      this.showMessage(`${error.name}: ${error.message}`, "error", error.line);
      this.updateBar();
      return false;
    }
    let factory;
    try {
      factory = (0, eval)(compiled.factory);
    } catch (error) {
      // the parser accepted it but the engine did not (e.g. a duplicate declaration)
      this.showMessage(`${error.name}: ${error.message}`, "error");
      this.updateBar();
      return false;
    }
    const cell = this;
    const live = {
      guard: T.guard({limit: LOOP_LIMIT}),
      import: (specifier) => resolveImport(specifier),
      display: (display) => capDisplay(display)
    };
    const body = factory(live);
    const annotate = (error) => cell.reportError(error, id, T);
    let wrapped;
    if (compiled.empty) {
      wrapped = () => {};
      this.showMessage("This cell is empty. Cells that used its values will say they are not defined; press Reset to bring the book's version back.", "note");
    } else if (compiled.generator) {
      const displayIndex = compiled.inputs.indexOf("display");
      wrapped = function (...args) {
        const gen = yieldCell(body.apply(this, args), args[displayIndex], cell.root, annotate);
        cell.instrument(gen);
        return gen;
      };
    } else {
      wrapped = async function (...args) {
        try {
          const value = await body.apply(this, args);
          if (compiled.outputs.length) cell.scan(value);
          return value;
        } catch (error) {
          throw annotate(error);
        }
      };
    }
    this.redefine({inputs: compiled.inputs, outputs: compiled.outputs, body: wrapped});
    this.runtimeDiffers = true;
    if (compiled.outputs.length === 0 && !compiled.expression && !compiled.empty && !compiled.inputs.includes("display")) {
      this.showMessage("Ran. This cell shows nothing and defines no names; call display(…) to see a value.", "note");
    }
    this.updateBar();
    return true;
  }

  reportError(error, id, T) {
    const line = T.errorLine(error, id);
    if (error instanceof Error && line && !/\(line \d+\)$/.test(error.message)) {
      try {
        error.message = `${error.message} (line ${line})`;
      } catch {
        // frozen error object: the message below still names the line
      }
    }
    const name = error?.name ?? "Error";
    if (name === "LoopError" && this.edited) saveEdit(page.path, this.index, {hash: this.hash, code: this.code, looped: true});
    this.showMessage(`${name}: ${error?.message ?? String(error)}`, "error", line);
    return error;
  }

  redefine({inputs, outputs, body}) {
    if (!this.original) this.watch();
    for (const gen of [...this.generators]) gen.__liveStop();
    undefine(this);
    define({id: this.id, inputs, outputs, body});
    this.current = {inputs, outputs};
    this.watch();
  }

  async reset() {
    this.setCode(this.data.source);
    removeEdit(page.path, this.index);
    this.showMessage(null);
    this.edited = false;
    this.shared = false;
    if (this.runtimeDiffers) {
      if (this.original?.body) this.redefine(this.original);
      else await this.run({save: false});
    }
    this.runtimeDiffers = false;
    this.updateBar();
  }
}

// A cell whose body yields: show each yielded value in place of the previous one.
async function* yieldCell(gen, display, root, annotate) {
  try {
    for (;;) {
      const {done, value} = await gen.next();
      if (done) return;
      if (display && root?._nodes) {
        root._nodes.forEach((n) => n.remove());
        root._nodes.length = 0;
        display(value);
      }
      yield value;
    }
  } catch (error) {
    throw annotate(error);
  } finally {
    gen.return?.();
  }
}

function capDisplay(display) {
  let count = 0;
  return (value) => {
    if (++count > MAX_DISPLAYS) {
      if (count === MAX_DISPLAYS + 1) display(html(`<div class="live-message live-note">Only the first ${MAX_DISPLAYS} outputs of this cell are shown.</div>`));
      return value;
    }
    if (typeof value === "string" && value.length > MAX_STRING) {
      display(`${value.slice(0, MAX_STRING)}… (${(value.length - MAX_STRING).toLocaleString("en-US")} more characters not shown)`);
      return value;
    }
    return display(value);
  };
}

// Edited code may import what the page's own cells import: map each specifier the author wrote
// to the URL Framework resolved it to in the built page (static imports first, then import()).
async function resolveImport(specifier) {
  const map = await getImportMap();
  const url = map.get(specifier);
  if (!url) {
    const known = [...map.keys()].map((s) => JSON.stringify(s)).join(", ") || "none";
    throw new Error(`Cannot import ${JSON.stringify(specifier)}: an edited cell can import only what this page already loads (${known}).`);
  }
  return import(/* @vite-ignore */ url);
}

async function getImportMap() {
  if (importMap) return importMap;
  const T = await loadTransform();
  importMap = new Map();
  const script = [...document.querySelectorAll("script[type=module]")].map((s) => s.textContent).join("\n");
  for (const segment of script.split(/\bdefine\(\{id: /).slice(1)) {
    const id = /^"([^"]+)"/.exec(segment)?.[1];
    const cell = cells.find((c) => c.id === id);
    if (!cell) continue;
    const urls = [...segment.matchAll(/\bimport\((?:\/\*.*?\*\/\s*)?"([^"]+)"\)/g)].map((m) => m[1]);
    let specifiers = [];
    try {
      specifiers = T.importOrder(cell.data.source, {lang: cell.data.lang});
    } catch {
      continue;
    }
    specifiers.forEach((s, i) => urls[i] && !importMap.has(s) && importMap.set(s, new URL(urls[i], document.baseURI).href));
  }
  return importMap;
}

function takenNames(except) {
  const taken = new Map();
  for (const cell of cells) {
    if (cell === except) continue;
    for (const name of cell.current.outputs) taken.set(name, `cell ${cell.index + 1} on this page`);
  }
  return taken;
}

// ---- page bar: Share, Download, Reset all edits ----

function addPageBar() {
  const editable = cells.some((c) => c.data.editable);
  if (!editable) return;
  pageBar = html(`<div class="live-pagebar" role="region" aria-label="Live notebook">
    <span class="live-pagebar-text">Live page: <b>Edit</b> any cell and rerun it. <a href="./notebook">How?</a></span>
    <span class="live-pagebar-actions"></span>
    <div class="live-pagebar-notice" role="status" hidden></div>
  </div>`);
  const actions = pageBar.querySelector(".live-pagebar-actions");
  const share = button("Share", () => shareLink(), "live-share");
  share.title = "Copy a link that carries your edits and input values";
  const download = button("Download .md", () => downloadMarkdown(), "live-download");
  download.title = "Download this page's Markdown with your edits";
  const resetAll = button("Reset all edits", () => resetAllEdits(), "live-reset-all");
  actions.append(share, download, resetAll);
  // fix the link for pages in subfolders
  pageBar.querySelector("a").href = new URL(relativeRoot() + "notebook", location.href).pathname;
  if (page.path === "/notebook") pageBar.querySelector("a").remove();
  const h1 = document.querySelector("#observablehq-main h1");
  if (h1) h1.after(pageBar);
  else document.querySelector("#observablehq-main")?.prepend(pageBar);
  updatePageBar();
}

function relativeRoot() {
  const depth = (page.path.match(/\//g) ?? []).length - 1;
  return depth > 0 ? "../".repeat(depth) : "./";
}

function updatePageBar() {
  if (!pageBar) return;
  const n = cells.filter((c) => c.edited || c.shared).length;
  const resetAll = pageBar.querySelector(".live-reset-all");
  resetAll.disabled = n === 0;
  resetAll.textContent = n ? `Reset all edits (${n})` : "Reset all edits";
}

function pageNotice(text, kind = "note", actions = []) {
  if (!pageBar) return;
  const notice = pageBar.querySelector(".live-pagebar-notice");
  notice.hidden = !text;
  notice.className = `live-pagebar-notice live-${kind}`;
  notice.textContent = text ?? "";
  for (const a of actions) notice.append(" ", a);
}

function readInputs() {
  const inputs = {};
  for (const cell of cells) {
    const values = [...cell.div.querySelectorAll("input, select, textarea")].map((e) => (e.type === "checkbox" || e.type === "radio" ? e.checked : e.value));
    if (values.length) inputs[cell.index] = values;
  }
  return inputs;
}

function writeInputs(inputs) {
  for (const [index, values] of Object.entries(inputs)) {
    const cell = cells[+index];
    if (!cell || !Array.isArray(values)) continue;
    const elements = [...cell.div.querySelectorAll("input, select, textarea")];
    elements.forEach((e, i) => {
      if (i >= values.length) return;
      if (e.type === "checkbox" || e.type === "radio") e.checked = !!values[i];
      else e.value = String(values[i]);
    });
    elements[0]?.dispatchEvent(new Event("input", {bubbles: true}));
  }
}

async function shareLink() {
  const edits = {};
  for (const cell of cells) if (cell.code !== cell.data.source) edits[cell.index] = cell.code;
  const payload = await encodeShare({edits, inputs: readInputs()});
  const url = new URL(location.href);
  url.hash = `live=${payload}`;
  const link = url.href;
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // clipboard needs permission; the link is shown below to copy by hand
  }
  const field = html(`<input class="live-share-url" readonly aria-label="Share link">`);
  field.value = link;
  pageNotice(`${copied ? "Link copied." : "Copy this link:"} It carries ${plural(Object.keys(edits).length, "edited cell")} and the input values; whoever opens it sees your code but runs nothing until they press Run.`, "note", [field]);
  field.select();
}

function downloadMarkdown() {
  const edits = cells.filter((c) => c.code !== c.data.source).map((c) => ({map: c.data.map, code: c.code}));
  const text = markdownWithEdits(page, edits);
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], {type: "text/markdown"}));
  a.download = `${page.path.split("/").pop() || "index"}.md`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function resetAllEdits() {
  for (const cell of cells) if (cell.edited || cell.shared || cell.code !== cell.data.source) await cell.reset();
  for (let i = 0; i < cells.length; i++) removeEdit(page.path, i);
  if (location.hash.startsWith("#live=")) history.replaceState(null, "", location.pathname + location.search);
  pageNotice("All edits on this page were reset.");
}

// ---- restore: stored edits run; shared edits are shown and wait for Run ----

async function restore() {
  let shared = null;
  if (location.hash.startsWith("#live=")) {
    try {
      shared = await decodeShare(location.hash.slice("#live=".length));
    } catch (error) {
      pageNotice(`This link's edits could not be read: ${error.message}`, "error");
    }
  }
  if (shared) {
    const indices = Object.keys(shared.edits).map(Number).filter((i) => cells[i]?.data.editable && typeof shared.edits[i] === "string");
    for (const i of indices) {
      const cell = cells[i];
      cell.setCode(shared.edits[i]);
      cell.shared = true;
      cell.runtimeDiffers = false; // shown, not run: the runtime still has the book's version
      await cell.open({focus: false});
      cell.showMessage("Shared edit: this is someone else's code and has not run. Read it, then press Run (or Reset).", "shared");
      cell.updateBar();
    }
    writeInputs(shared.inputs);
    pageNotice(`This link carries ${plural(indices.length, "edited cell")}${Object.keys(shared.inputs).length ? " and input values" : ""}. Edited code is shown but not run until you press Run.`, "shared");
    return;
  }
  for (const cell of cells) {
    if (!cell.data.editable) continue;
    const stored = loadEdit(page.path, cell.index);
    if (!stored) continue;
    if (stored.hash === cell.hash && stored.looped) {
      cell.setCode(stored.code);
      cell.edited = true;
      cell.runtimeDiffers = false;
      await cell.open({focus: false});
      cell.showMessage("Your edit from an earlier visit was stopped as an endless loop, so it has not run this time. Fix it and press Run, or press Reset.", "note");
    } else if (stored.hash === cell.hash) {
      cell.setCode(stored.code);
      cell.edited = true;
      await cell.open({focus: false});
      await cell.run({save: false});
      if (!cell.message.textContent) cell.showMessage("Your edit from an earlier visit (press Reset for the book's version).", "note");
    } else {
      const show = button("Show my old edit", async () => {
        cell.setCode(stored.code);
        await cell.open();
        cell.showMessage("Your old edit is in the editor and has not run. Press Run to use it, or Reset to go back.", "note");
      });
      const discard = button("Discard it", () => {
        removeEdit(page.path, cell.index);
        offer.remove();
      });
      const offer = html(`<div class="live-message live-note">The book's version of this cell changed since you edited it, so your edit was not applied. </div>`);
      offer.append(show, " ", discard);
      cell.panel.before(offer);
      cell.bar.hidden = false;
    }
  }
  updatePageBar();
}

// ---- the runtime ----

// Defines one more variable on the loader cell's root asking for "@variable": the runtime hands
// the variable itself, and through it the module and the runtime.
function connect() {
  return new Promise((resolve, reject) => {
    const host = document.querySelector(".live-boot .observablehq");
    const id = host && [...host.childNodes].find((n) => n.nodeType === 8 && /^:[0-9a-f]{8}(?:-\d+)?:$/.test(n.data))?.data.slice(1, -1);
    if (!id) return reject(new Error("live cells: the loader cell's root was not found"));
    define({id, inputs: ["@variable"], body: (variable) => void resolve(variable._module._runtime)});
  });
}

// Framework's undefine(id): clear what the cell displayed, delete its variable and its outputs.
function undefine(cell) {
  const root = cell.root;
  if (root?._nodes) {
    root._nodes.forEach((n) => n.remove());
    root._nodes.length = 0;
  }
  const v = cell.variable();
  if (!v) return;
  const outputs = [...v._outputs].filter((o) => o._inputs.length === 1 && o._inputs[0] === v);
  v.delete();
  outputs.forEach((o) => o.delete());
}

// ---- helpers ----

function findRoot(div, id) {
  for (const node of div.childNodes) if (node.nodeType === 8 && node.data === `:${id}:`) return node;
  return null;
}

function isGenerator(value) {
  if (!value || (typeof value !== "object" && typeof value !== "function")) return false;
  const tag = Object.prototype.toString.call(value);
  return tag === "[object AsyncGenerator]" || tag === "[object Generator]";
}

function describeProgress(value, steps) {
  if (value && typeof value === "object" && "epoch" in value) {
    const parts = [`epoch ${value.epoch}`];
    if (typeof value.loss === "number") parts.push(`loss ${value.loss.toPrecision(3)}`);
    if (typeof value.accuracy === "number") parts.push(`accuracy ${(100 * value.accuracy).toFixed(1)}%`);
    return parts.join(" · ");
  }
  return plural(steps, "step");
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function html(string) {
  const template = document.createElement("template");
  template.innerHTML = string.trim();
  return template.content.firstChild;
}

function button(label, onclick, className = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = `live-button ${className}`;
  b.textContent = label;
  b.addEventListener("click", onclick);
  return b;
}

// exposed for the browser test and for debugging from the console
export {cells as liveCells};

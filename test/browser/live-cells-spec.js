// Live cells in the built site: edit, run, errors, reload, reset, endless loops, Stop, share,
// download, and no editor code before the first Edit. Target: /notebook (docs/notebook.md).

const EDITOR_CODE = /\/_import\/components\/live\/(editor|transform|guard|vendor\/)|\/_node\/(@codemirror|@lezer|acorn|sucrase|crelt|style-mod|w3c-keyname)/;

export default async function ({browser, baseUrl, check, log, pages = ["/notebook"]}) {
  await notebook({browser, baseUrl, check, log});
  if (pages.includes("/neurons")) await echoCell({browser, baseUrl, check, log}, "/neurons");
  await rerunEveryCell({browser, baseUrl, check, log, pages});
}

// A cell shown with `echo` has its code under its output; Edit puts the editor in the code's
// place (not a second copy of the code), and closing the editor unchanged shows the code again.
async function echoCell({browser, baseUrl, check, log}, path) {
  const context = await browser.newContext({viewport: {width: 1200, height: 1000}});
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, {waitUntil: "load"});
  await page.waitForSelector(".live-edit", {timeout: 15000});
  const cell = page.locator(".live-cell:has(> .observablehq-pre-container):has(.live-edit)").first();
  if (!(await cell.count())) {
    check(false, `live-cells: ${path} has an editable cell shown with echo`);
    return context.close();
  }
  const layout = () =>
    cell.evaluate((c) => [...c.children].filter((e) => getComputedStyle(e).display !== "none").map((e) => (e.matches(".observablehq-pre-container, pre") ? "code" : e.matches(".live-panel") ? "editor" : e.matches(".observablehq") ? "output" : e.className.split(" ")[0])).join(" "));
  const before = await layout();
  await cell.scrollIntoViewIfNeeded();
  const edit = cell.locator(":scope > .live-bar .live-edit");
  await edit.click();
  await cell.locator(".cm-content").waitFor({timeout: 10000});
  const editing = await layout();
  await edit.click(); // Close editor
  const after = await layout();
  log(`${path}: echo cell: ${before} → Edit: ${editing} → Close: ${after}`);
  check(before === "live-bar output code" && editing === "live-bar output editor" && after === before, `live-cells: on ${path}, Edit on a cell shown with echo puts the editor in place of its code, and Close shows the code again (${before} → ${editing} → ${after})`);
  await context.close();
}

// Every editable cell of every page, run again unchanged through the in-page transform, must
// still work: the transform agrees with Framework's own compilation on the chapters' real code.
async function rerunEveryCell({browser, baseUrl, check, log, pages}) {
  for (const path of pages) {
    const context = await browser.newContext({viewport: {width: 1200, height: 1000}});
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`, {waitUntil: "load"});
    const live = await page.waitForSelector(".live-edit", {timeout: 15000}).then(() => true, () => false);
    if (!live) {
      log(`${path}: no editable cells`);
      await context.close();
      continue;
    }
    await page.waitForTimeout(2000);
    const results = await page.evaluate(async () => {
      const boot = [...document.querySelectorAll("link[rel=modulepreload]")].map((l) => l.href).find((h) => h.includes("/live/boot"));
      const {liveCells} = await import(boot);
      const failures = [];
      let count = 0;
      for (const cell of liveCells) {
        if (!cell.data.editable) continue;
        count++;
        const ok = await cell.run({save: false});
        await new Promise((r) => setTimeout(r, 100));
        if (!ok || !cell.message.hidden) failures.push(`cell ${cell.index + 1}: ${cell.message.textContent.slice(0, 200)}`);
      }
      return {count, failures};
    });
    await page.waitForTimeout(3000);
    const late = await page.evaluate(() => [...document.querySelectorAll(".live-message.live-error:not([hidden])")].map((m) => m.textContent.slice(0, 200)));
    log(`${path}: reran ${results.count} editable cells unchanged`);
    check(results.failures.length === 0 && late.length === 0, `live-cells: ${path}: every editable cell reruns unchanged without error (${[...results.failures, ...late].slice(0, 2).join(" | ")})`);
    await context.close();
  }
}

async function notebook({browser, baseUrl, check, log}) {
  const context = await browser.newContext({viewport: {width: 1200, height: 1000}});
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  const url = `${baseUrl}/notebook`;

  const cell = (text) => page.locator(`.live-cell[data-test-source*=${JSON.stringify(text)}]`).first();
  const output = (text) => cell(text).locator(":scope > .observablehq");
  const text = async (locator) => ((await locator.textContent({timeout: 5000}).catch(() => null)) ?? "").trim();
  const waitFor = async (fn, arg, timeout = 8000) => page.waitForFunction(fn, arg, {timeout}).then(() => true, () => false);
  const outputMatches = (source, pattern) =>
    waitFor(
      ([source, pattern]) => {
        const el = [...document.querySelectorAll(".live-cell")].find((c) => c.dataset.testSource?.includes(source));
        return el && new RegExp(pattern).test(el.querySelector(":scope > .observablehq").textContent);
      },
      [source, pattern.source]
    );

  async function edit(source, code, {run = true} = {}) {
    const c = cell(source);
    const editor = c.locator(".cm-content");
    if (!(await c.locator(".live-panel").isVisible())) await c.locator(":scope > .live-bar").getByRole("button", {name: "Edit"}).click();
    await editor.waitFor({timeout: 10000});
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    if (code) await page.keyboard.insertText(code);
    else await page.keyboard.press("Delete");
    if (run) await c.getByRole("button", {name: "Run"}).click();
  }
  const message = (source) => text(cell(source).locator(".live-message"));

  // --- a page that is only read loads no editor code ---
  await page.goto(url, {waitUntil: "load"});
  const ready = await waitFor(() => document.querySelectorAll(".live-bar").length > 0 && document.querySelector(".live-cell svg"), null, 15000);
  await tag(page);
  check(ready, "live-cells: /notebook shows Edit bars and its first chart");
  await page.waitForTimeout(500);
  check(!requests.some((u) => EDITOR_CODE.test(u)), `live-cells: no editor, transform or parser code is fetched before Edit (${requests.filter((u) => EDITOR_CODE.test(u)).length} requests)`);
  const foreign = requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith("data:") && !u.startsWith("blob:"));
  check(foreign.length === 0, `live-cells: no request leaves the origin (${foreign.slice(0, 3).join(", ")})`);
  const editButtons = await page.getByRole("button", {name: "Edit", exact: true}).count();
  check(editButtons >= 8, `live-cells: code cells have an Edit button (found ${editButtons})`);
  check((await cell("Inputs.range").getByRole("button", {name: "Edit"}).count()) === 0, "live-cells: a ```ts fixed cell has no Edit button");
  check((await cell("import * as Plot").getByRole("button", {name: "Edit"}).count()) === 0, "live-cells: an import-only cell has no Edit button");

  // --- two cells in a row: each bar names its own code, and the output sits under its own bar ---
  const pair = await page.evaluate(() => {
    const [first, second] = ["const amplitude = 1;", "amplitude * 2"].map((s) => [...document.querySelectorAll(".live-cell")].find((c) => c.dataset.testSource?.trim() === s));
    if (!first || !second) return {labels: []};
    const shown = (el) => el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().width > 0;
    const box = (el) => el.getBoundingClientRect();
    const bar = second.querySelector(":scope > .live-bar"), output = second.querySelector(":scope > .observablehq");
    return {
      adjacent: first.nextElementSibling === second,
      labels: [first, second].map((c) => (shown(c.querySelector(".live-label")) ? c.querySelector(".live-label").textContent : null)),
      gapBetweenBars: Math.round(box(bar).top - box(first.querySelector(":scope > .live-bar")).bottom),
      gapToOutput: Math.round(box(output).top - box(bar).bottom)
    };
  });
  check(pair.adjacent && pair.labels[0] === "const amplitude = 1;" && pair.labels[1] === "amplitude * 2", `live-cells: in two cells in a row, each Edit bar shows its own cell's first line (${JSON.stringify(pair.labels)})`);
  check(pair.adjacent && pair.gapToOutput >= 0 && pair.gapToOutput < pair.gapBetweenBars + 4 && pair.gapToOutput <= 6, `live-cells: the second cell's output sits right under its own bar (${pair.gapToOutput} px below it; the bars are ${pair.gapBetweenBars} px apart)`);

  // --- the book's own (unedited) training cell waits for Train; Stop halts it ---
  const TRAINING = "const run = trains"; // the training cell, by its source in the book
  const isRunning = (source) => /running/.test(document.querySelector(`.live-cell[data-test-source*=${JSON.stringify(source)}] .live-status`)?.textContent ?? "");
  const untrained = await outputMatches("run.history", /epoch 0: loss/);
  check(untrained && !(await page.evaluate(isRunning, TRAINING)), `live-cells: the 3,000-epoch training cell waits for Train and shows the untrained model (${(await text(output("run.history"))).slice(-60)})`);
  await page.getByRole("button", {name: "Train 3,000 epochs", exact: true}).click();
  const bookRunning = await waitFor(isRunning, TRAINING, 10000);
  check(bookRunning, "live-cells: after Train, the book's own training cell shows progress while it runs");
  if (bookRunning) {
    await page.waitForTimeout(300);
    await cell(TRAINING).getByRole("button", {name: "Stop"}).click();
    await page.waitForTimeout(300);
    const atStop = await text(output("run.history"));
    await page.waitForTimeout(1200);
    const later = await text(output("run.history"));
    check(atStop === later && /epoch \d+/.test(later) && !/epoch 3000/.test(later), `live-cells: Stop halts the book's own training cell (${later.slice(-50)})`);
  }

  // --- edit a number; the downstream chart and value change ---
  const chartBefore = await output("Math.sin(frequency * x)").locator("svg").first().innerHTML().catch(() => "");
  check(/6\.28/.test(await text(output("frequency * 2 * Math.PI"))), "live-cells: the expression cell shows 2π before editing");
  await edit("const frequency", "const frequency: number = 3;");
  check(await outputMatches("frequency * 2 * Math.PI", /18\.8/), "live-cells: after Run, the cell that reads frequency shows 6π");
  const chartAfter = await output("Math.sin(frequency * x)").locator("svg").first().innerHTML().catch(() => "");
  check(chartBefore && chartAfter && chartBefore !== chartAfter, "live-cells: the chart that depends on the edited number redrew");
  check(requests.some((u) => EDITOR_CODE.test(u)), "live-cells: the editor is fetched once Edit is pressed");
  check(await cell("const frequency").evaluate((el) => el.classList.contains("live-edited")), "live-cells: the edited cell is marked as edited");

  // --- a syntax error shows its message and line; other cells keep working ---
  await edit("const words", 'const words = ["a"];\ndisplay(words.map((w) => w.toUpperCase()).join(" ");');
  await page.waitForTimeout(300);
  const syntax = await message("const words");
  check(/SyntaxError/.test(syntax) && /line 2/.test(syntax), `live-cells: a syntax error names its line (${syntax})`);
  check((await cell("const words").locator(".live-error-line").count()) === 1, "live-cells: the error line is marked in the editor");
  await edit("const frequency", "const frequency: number = 2;");
  check(await outputMatches("frequency * 2 * Math.PI", /12\.5/), "live-cells: other cells still run after a syntax error elsewhere");

  // --- a new name declared by an edit reaches a cell that uses it ---
  await edit("const amplitude", "const amplitude = 1;\nconst phase = 0.5;");
  await edit("amplitude * 2", "amplitude * 2 + phase");
  check(await outputMatches("amplitude * 2", /^2\.5$/), "live-cells: a name declared in an edit is usable by another cell");

  // --- an edit can import what the page imports ---
  await edit("let count = 0", 'import {moons as m} from "./engine/index.js";\nimport * as P from "@observablehq/plot";\ndisplay(`${m({n: 10, noise: 0, seed: 1}).x.rows} rows, ${typeof P.dot}`);');
  check(await outputMatches("let count = 0", /10 rows, function/), "live-cells: an edited cell imports the engine and Plot through the page's own URLs");

  // --- a promise nobody awaited still reports at its cell ---
  await edit("let count = 0", "setTimeout(() => Promise.reject(new Error(\"late failure\")), 10);\ndisplay(1);");
  check(await waitFor(() => /late failure/.test(document.querySelector('.live-cell[data-test-source*="let count = 0"] .live-message')?.textContent ?? "")), "live-cells: an unhandled rejection from edited code shows at its cell");

  // --- runtime errors carry the reader's line ---
  await edit("const words", "const q = 1;\n\nconst r = (null as any).x;");
  await waitFor(() => /TypeError/.test(document.querySelector('.live-cell[data-test-source*="const words"] .live-message')?.textContent ?? ""));
  const runtime = await message("const words");
  check(/TypeError/.test(runtime) && /line 3/.test(runtime), `live-cells: a runtime error names its line (${runtime})`);

  // --- misuse: built-ins, huge output, unknown import, empty cell ---
  await edit("let count = 0", "const width = 3;");
  check(/built into the page/.test(await message("let count = 0")), "live-cells: redefining a built-in name is refused with a message");
  await edit("let count = 0", 'display("x".repeat(100000));');
  check(await outputMatches("let count = 0", /more characters not shown/), "live-cells: a huge string output is capped");
  const shownLength = (await text(output("let count = 0"))).length;
  check(shownLength < 30000, `live-cells: the capped output is short (${shownLength} characters)`);
  await edit("let count = 0", 'import {foo} from "./nowhere.js";\ndisplay(foo);');
  await waitFor(() => /Cannot import/.test(document.querySelector('.live-cell[data-test-source*="let count = 0"]')?.textContent ?? ""));
  check(/Cannot import "\.\/nowhere\.js"/.test(await text(cell("let count = 0"))), "live-cells: an import the page cannot resolve says so");
  await edit("const amplitude", "");
  check(/empty/.test(await message("const amplitude")), "live-cells: emptying a cell gives a message");
  check(await outputMatches("amplitude * 2", /is not defined/), "live-cells: a cell using the emptied cell's name reports it as not defined");

  // --- an endless loop is stopped and the page still responds ---
  const t0 = Date.now();
  await edit("let count = 0", "let count = 0;\nfor (let i = 0; i >= 0; i++) count += i;\ndisplay(count);");
  const stopped = await waitFor(() => /Stopped/.test(document.querySelector('.live-cell[data-test-source*="let count = 0"] .live-message')?.textContent ?? ""), null, 10000);
  log(`endless loop stopped after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  check(stopped, "live-cells: an endless loop is stopped with a message within a few seconds");
  check(/line 2/.test(await message("let count = 0")), "live-cells: the stopped loop's line is named");
  const t1 = Date.now();
  await page.evaluate(() => 1 + 1);
  check(Date.now() - t1 < 1000, "live-cells: the page responds after the loop is stopped");
  await edit("const frequency", "const frequency: number = 5;");
  check(await outputMatches("frequency * 2 * Math.PI", /31\.4/), "live-cells: cells still run after an endless loop was stopped");

  // --- a yielding cell becomes a generator ---
  await edit("descent.step", "for (let i = 0; i <= 4; i++) yield i * i;");
  check(await outputMatches("descent.step", /^16$/), "live-cells: a cell that yields shows each value in turn, ending at the last");

  // --- Stop halts a training run ---
  await edit(TRAINING, "const data = moons({n: 300, noise: 0.15, seed: 1});\nconst model = sequential(dense(2, 16, {init: \"he\", seed: 1}), relu(), dense(16, 1, {seed: 3}));\nconst run = train(model, data, {loss: \"bce\", optimizer: adam({learningRate: 0.01}), epochs: 100000, batchSize: 32, seed: 1});");
  const running = await waitFor(isRunning, TRAINING, 10000);
  check(running, "live-cells: a training run shows progress");
  await page.waitForTimeout(300);
  const stopButton = cell(TRAINING).getByRole("button", {name: "Stop"});
  check(await stopButton.isVisible(), "live-cells: a running training cell has a Stop button");
  await stopButton.click();
  await page.waitForTimeout(300);
  const epochAtStop = await text(output("run.history"));
  await page.waitForTimeout(1500);
  const epochLater = await text(output("run.history"));
  const status = await text(cell(TRAINING).locator(".live-status"));
  log(`after Stop: "${epochLater.slice(-60)}", status "${status}"`);
  check(epochAtStop === epochLater && /epoch \d+/.test(epochLater) && !/epoch 100000/.test(epochLater), "live-cells: Stop halts the run and the charts keep the last epoch");
  check(/stopped/.test(status) && !(await stopButton.isVisible()), "live-cells: after Stop the cell says it stopped and hides Stop");

  // --- reload keeps edits; Reset restores the book's version ---
  await page.reload({waitUntil: "load"});
  await page.waitForSelector(".live-edit", {timeout: 15000});
  await tag(page);
  check(await outputMatches("frequency * 2 * Math.PI", /31\.4/), "live-cells: after reload the edit is back and runs");
  check((await text(cell("const frequency").locator(".cm-content"))).includes("frequency: number = 5"), "live-cells: after reload the editor shows the reader's code");
  check(await cell("const frequency").evaluate((el) => el.classList.contains("live-edited")), "live-cells: after reload the cell is marked as edited");
  await cell("const frequency").getByRole("button", {name: "Reset"}).click();
  check(await outputMatches("frequency * 2 * Math.PI", /6\.28/), "live-cells: Reset restores the original output downstream");
  check(!(await cell("const frequency").evaluate((el) => el.classList.contains("live-edited"))), "live-cells: after Reset the cell is no longer marked as edited");
  check((await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":/notebook:1")).length)) === 0, "live-cells: Reset forgets the stored edit");

  // --- download carries the edits ---
  await edit("const frequency", "const frequency: number = 7;");
  await outputMatches("frequency * 2 * Math.PI", /43\.9/);
  const [download] = await Promise.all([page.waitForEvent("download", {timeout: 5000}).catch(() => null), page.getByRole("button", {name: "Download .md"}).click()]);
  const markdown = download ? await streamText(await download.createReadStream()) : "";
  check(/```ts\nconst frequency: number = 7;\n```/.test(markdown) && /# How to use this notebook/.test(markdown) && /^---\ntitle:/.test(markdown), "live-cells: Download gives the page's Markdown (front matter included) with the edit in its fence");

  // --- share: the link shows the edit and runs nothing until Run ---
  await cell("Inputs.range").locator("input[type=number]").fill("120");
  await cell("Inputs.range").locator("input[type=number]").dispatchEvent("input");
  await page.getByRole("button", {name: "Share"}).click();
  const shareUrl = await page.locator(".live-share-url").inputValue({timeout: 5000}).catch(() => "");
  check(shareUrl.startsWith(`${url}#live=`), "live-cells: Share gives a link carrying the edits in its hash");
  const other = await browser.newContext({viewport: {width: 1200, height: 1000}});
  const reader = await other.newPage();
  await reader.goto(shareUrl, {waitUntil: "load"});
  await reader.waitForSelector(".live-edit", {timeout: 15000});
  await tag(reader);
  const sharedShown = await reader.waitForFunction(() => document.querySelector('.live-cell[data-test-source*="const frequency"] .cm-content')?.textContent.includes("= 7"), null, {timeout: 15000}).then(() => true, () => false);
  check(sharedShown, "live-cells: a shared link opens with the edited code in the editor");
  await reader.waitForTimeout(1000);
  const sharedValue = await reader.locator('.live-cell[data-test-source*="frequency * 2 * Math.PI"] > .observablehq').textContent();
  check(/6\.28/.test(sharedValue), `live-cells: the shared edit is not run on opening (shows ${sharedValue.trim()})`);
  check(/not run/.test(await reader.locator(".live-pagebar-notice").textContent()), "live-cells: a notice says the shared edits have not run");
  const sharedPoints = await reader.locator('.live-cell[data-test-source*="Inputs.range"] input[type=number]').inputValue();
  check(sharedPoints === "120", `live-cells: a shared link carries input values (points = ${sharedPoints})`);
  await reader.locator('.live-cell[data-test-source*="const frequency"]').getByRole("button", {name: "Run"}).click();
  const sharedRan = await reader.waitForFunction(() => /43\.9/.test(document.querySelector('.live-cell[data-test-source*="frequency * 2 * Math.PI"] > .observablehq').textContent), null, {timeout: 8000}).then(() => true, () => false);
  check(sharedRan, "live-cells: pressing Run on a shared edit runs it");
  await other.close();

  // --- when the book's version of a cell changes, an old edit is offered, not applied ---
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith(":/notebook:1"));
    const stored = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({...stored, hash: "00000000"})); // as if edited against an older text
  });
  await page.reload({waitUntil: "load"});
  await page.waitForSelector(".live-edit", {timeout: 15000});
  await tag(page);
  check(await waitFor(() => /changed since you edited/.test(document.querySelector('.live-cell[data-test-source*="const frequency"]')?.textContent ?? "")), "live-cells: an edit made against an older version of a cell is offered");
  check(await outputMatches("frequency * 2 * Math.PI", /6\.28/), "live-cells: ... and not applied over the book's new text");
  await cell("const frequency").getByRole("button", {name: "Show my old edit"}).click();
  check(await waitFor(() => document.querySelector('.live-cell[data-test-source*="const frequency"] .cm-content')?.textContent.includes("= 7")), "live-cells: Show my old edit puts it in the editor");

  // --- Reset all edits ---
  await page.getByRole("button", {name: /Reset all edits/}).click();
  check(await outputMatches("frequency * 2 * Math.PI", /6\.28/), "live-cells: Reset all edits restores the book's outputs");
  check((await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("live:")).length)) === 0, "live-cells: Reset all edits clears stored edits");
  check(errors.length === 0, `live-cells: no uncaught page errors (${errors.slice(0, 2).join(" | ")})`);
  await context.close();
}

// Labels each cell with its source, cut from the page's embedded Markdown, so cells can be found
// by what they say.
async function tag(page) {
  await page.evaluate(() => {
    const markdown = JSON.parse(document.getElementById("live-page").dataset.livePage).source.split("\n");
    for (const el of document.querySelectorAll(".live-cell")) {
      const data = JSON.parse(el.dataset.live);
      el.dataset.testSource = data.source ?? markdown.slice(data.map[0] + 1, data.map[1] - 1).join("\n");
    }
  });
}

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// Every page of the built site, in Chromium: all cells settle without an error, nothing is logged
// as an error, no request leaves 127.0.0.1, all TeX is typeset, every chapter shows a chart, every
// Train button trains, on /neurons every slider redraws a chart, and every page fits a 390 px phone.
// Reports per-page settle time and longest main-thread task, also for each Train button.

const SETTLE_TIMEOUT = 45_000; // ms a page may take until every cell has a value
const QUIET = 400; // ms without DOM changes that counts as "settled"

// Things that show TeX did not get typeset; text inside code, editors and KaTeX output is skipped.
const RAW_TEX = /\$\$|\\(?:frac|sum|sqrt|mathbf|mathrm|partial|sigma|cdot|begin\{|left|right|hat)\b/;

// Before any page script: record long tasks, the time of the last DOM change, and (once the
// client module has exposed it, see exposeRuntime) which cells are still waiting for a value.
// The table of contents highlights the section in view, so it changes whenever this test scrolls;
// those changes are the test's doing, not the page's work, and do not move the settle time.
function instrument() {
  const book = (window.__book = {longestTask: 0, lastChange: 0, tasks: []});
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        book.longestTask = Math.max(book.longestTask, e.duration);
        book.tasks.push({start: e.startTime, duration: e.duration});
      }
    }).observe({type: "longtask", buffered: true});
  } catch {
    book.longestTask = null;
  }
  const byTest = (record) => (record.target.nodeType === 1 ? record.target : record.target.parentElement)?.closest?.("#observablehq-toc");
  new MutationObserver((records) => {
    if (!records.every(byTest)) book.lastChange = performance.now();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  book.state = () => {
    const runtime = globalThis.__observablehqRuntime;
    let pending = document.querySelectorAll("observablehq-loading").length;
    const names = [];
    for (const v of runtime?._variables ?? []) {
      if (!v._reachable) continue;
      if (v.__watched !== v._promise) {
        v.__watched = v._promise;
        v.__done = false;
        const done = () => (v.__done = true);
        v._promise.then(done, done);
      }
      if (!v.__done) {
        pending++;
        // name the cell: its declared name, or the first line of its code
        if (names.length < 4) names.push(v._name ?? String(v._definition).replace(/\s+/g, " ").slice(0, 80));
      }
    }
    const now = performance.now();
    return {pending, names, computing: runtime?._computing != null, hasRuntime: Boolean(runtime), now, lastChange: book.lastChange, longestTask: book.longestTask};
  };
}

// Framework's client module keeps its Runtime private; this test appends one line to the served
// copy so that the page can tell which cells are still pending. Nothing else changes.
const RUNTIME = /([\w$]+)\s*=\s*new\s+[\w$]+\([\w$]+\)\s*[,;]\s*(?:const\s+)?([\w$]+)\s*=\s*\1\.module\(\)/;
async function exposeRuntime(route, log) {
  const response = await route.fetch();
  const body = await response.text();
  const match = RUNTIME.exec(body);
  if (!match) log(`cannot find the Runtime in ${route.request().url()}; settling on DOM quiet and network idle only`);
  await route.fulfill({response, body: match ? `${body}\n;globalThis.__observablehqRuntime = ${match[1]};\n` : body});
}

/**
 * Opens `path` in a fresh page with every failure signal wired to `check`, scrolls through it so
 * that `visibility()` cells start, and waits (bounded) until every cell has settled.
 * Returns {page, context, settleMs, longestTaskMs, pending, settle}. Other specs may use it;
 * `settle(timeout)` waits again after an interaction.
 */
export async function openPage({browser, baseUrl, check, log}, path, {viewport = {width: 1280, height: 900}, colorScheme = "light", reducedMotion = "no-preference"} = {}) {
  const context = await browser.newContext({viewport, colorScheme, reducedMotion});
  const page = await context.newPage();
  const origin = new URL(baseUrl);
  const inflight = new Set();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== origin.hostname) {
      check(false, `${path}: request leaves the origin: ${url.href}`);
      return route.abort();
    }
    if (/\/_observablehq\/client(\.[\w]+)?\.js$/.test(url.pathname)) return exposeRuntime(route, log);
    return route.continue();
  });
  page.on("request", (request) => inflight.add(request));
  page.on("requestfinished", (request) => inflight.delete(request));
  page.on("console", (message) => {
    // "Failed to load resource" repeats an HTTP error that the response handler reports with its URL
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) check(false, `${path}: console error: ${message.text()}`);
    else if (message.type() === "warning") log(`${path}: console warning: ${message.text().slice(0, 200)}`);
  });
  page.on("pageerror", (error) => check(false, `${path}: page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) check(false, `${path}: HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("requestfailed", (request) => {
    inflight.delete(request);
    const failure = request.failure()?.errorText ?? "";
    // ERR_ABORTED: a request cut short by navigation, or one we blocked above (already reported)
    if (!failure.includes("ERR_ABORTED")) check(false, `${path}: request failed (${failure}): ${request.url()}`);
  });
  await page.addInitScript(instrument);
  await page.goto(baseUrl + path, {waitUntil: "load", timeout: 30_000});
  const settle = (timeout = SETTLE_TIMEOUT) => waitForSettled(page, inflight, timeout);
  await scrollThrough(page);
  const settled = await settle();
  return {page, context, settle, ...settled};
}

/**
 * Waits until every reachable cell has a value or an error, no request is in flight, and the DOM
 * has been quiet for a moment; gives up after `timeout` ms.
 */
export async function waitForSettled(page, inflight = new Set(), timeout = SETTLE_TIMEOUT) {
  const start = Date.now();
  let state, scrolled = Date.now();
  // state() learns that a cell has settled from a callback on the cell's promise, so a cell it
  // meets for the first time counts as pending until that callback has run, even if the cell
  // settled long ago. Meet every cell once before the first reading, or that reading would
  // report them all pending and move the settle time to now.
  await page.evaluate(() => window.__book.state());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await page.evaluate(() => window.__book.state());
    // a cell that reran after we scrolled past may be waiting in visibility(): pass by it again
    if (state.pending && Date.now() - scrolled > 2000) {
      await scrollThrough(page);
      scrolled = Date.now();
    }
    if (state.pending || state.computing || inflight.size) {
      await page.evaluate(() => (window.__book.lastChange = performance.now()));
      state.lastChange = state.now;
    }
    if (!state.pending && !state.computing && !inflight.size && state.now - state.lastChange >= QUIET) break;
    if (Date.now() - start > timeout) break;
  }
  const timedOut = Date.now() - start > timeout;
  return {
    settleMs: state.lastChange,
    longestTaskMs: state.longestTask,
    pending: state.pending,
    pendingCells: state.names,
    stillUpdating: timedOut && !state.pending,
    hasRuntime: state.hasRuntime,
    timedOut
  };
}

async function scrollThrough(page) {
  await page.evaluate(async () => {
    const start = window.scrollY;
    const step = Math.max(200, window.innerHeight * 0.9);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    window.scrollTo(0, start);
  });
}

// A fingerprint per chart element, so that a redraw (new element or changed content) shows.
async function chartPrints(page) {
  return page.evaluate(() => {
    const hash = (s) => {
      let h = 0;
      for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
      return h;
    };
    return Array.from(document.querySelectorAll("#observablehq-main svg, #observablehq-main canvas"), (el) => {
      el.__id ??= Math.random().toString(36).slice(2); // identity: a rerun cell makes a new element
      const content = el.tagName === "CANVAS" ? (el.width && el.height ? el.toDataURL() : "") : el.outerHTML;
      return `${el.__id}:${hash(content)}`;
    });
  });
}

export default async function siteSpec(context) {
  const {baseUrl, check, log, pages, metrics, screenshots} = context;
  const linkStatus = new Map(); // url → HTTP status, each local link fetched once
  for (const path of pages) {
    const started = Date.now();
    let opened;
    try {
      opened = await openPage(context, path);
    } catch (error) {
      check(false, `${path}: could not open: ${error.message}`);
      continue;
    }
    const {page, context: browserContext, settleMs, longestTaskMs, pending, stillUpdating} = opened;
    try {
      if (!opened.hasRuntime) log(`${path}: could not watch the runtime; settled on DOM quiet only`);
      check(pending === 0, `${path}: every cell settles within ${SETTLE_TIMEOUT / 1000} s${pending ? ` (${pending} still pending, e.g. ${opened.pendingCells.map((c) => JSON.stringify(c)).join(", ")})` : ""}`);
      const report = await page.evaluate((rawTex) => {
        const main = document.querySelector("#observablehq-main") ?? document.body;
        const errors = Array.from(document.querySelectorAll(".observablehq--error"), (e) => e.textContent.trim().slice(0, 300));
        const katexErrors = Array.from(document.querySelectorAll(".katex-error"), (e) => (e.getAttribute("title") ?? e.textContent).slice(0, 120));
        const skip = "pre, code, textarea, script, style, .katex, .cm-editor, .cm-content, [contenteditable], annotation, .error-box";
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        const raw = [];
        for (let node; (node = walker.nextNode()); ) {
          if (node.parentElement?.closest(skip)) continue;
          const match = new RegExp(rawTex).exec(node.data);
          if (match) raw.push(node.data.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, " "));
        }
        const charts = main.querySelectorAll("svg, figure, canvas").length;
        const errorBoxes = Array.from(main.querySelectorAll(".error-box"), (e) => e.textContent.slice(0, 200));
        const links = Array.from(document.querySelectorAll("a[href]"), (a) => a.href).filter((href) => href.startsWith(location.origin)).map((href) => href.replace(/#.*$/, ""));
        return {errors, katexErrors, raw, charts, errorBoxes, links: [...new Set(links)], title: document.title};
      }, RAW_TEX.source);
      check(report.errors.length === 0, `${path}: no cell errors${report.errors.length ? `; got ${report.errors.length}: ${report.errors.join(" | ")}` : ""}`);
      check(report.katexErrors.length === 0, `${path}: no KaTeX errors${report.katexErrors.length ? `; got: ${report.katexErrors.join(" | ")}` : ""}`);
      check(report.raw.length === 0, `${path}: no untypeset TeX${report.raw.length ? `; found: ${report.raw.slice(0, 3).map((s) => JSON.stringify(s)).join(", ")}` : ""}`);
      if (path !== "/") check(report.charts > 0, `${path}: shows at least one chart (svg, figure or canvas)`);
      const broken = [];
      for (const url of report.links) {
        if (!linkStatus.has(url)) linkStatus.set(url, await fetch(url, {method: "HEAD"}).then((r) => r.status, () => 0));
        if (linkStatus.get(url) >= 400 || linkStatus.get(url) === 0) broken.push(url.slice(baseUrl.length));
      }
      check(broken.length === 0, `${path}: every link on the page leads somewhere${broken.length ? `; broken: ${broken.join(", ")}` : ""}`);
      if (report.errorBoxes.length) log(`${path}: shows ${report.errorBoxes.length} error box(es): ${report.errorBoxes.join(" | ")}`);

      metrics.push({path, settleMs, longestTaskMs, note: stillUpdating ? "still updating at the time limit" : undefined});
      log(`${path}: settled in ${Math.round(settleMs)} ms, longest task ${longestTaskMs ? Math.round(longestTaskMs) + " ms" : "< 50 ms"}, ${report.charts} chart(s) (${((Date.now() - started) / 1000).toFixed(1)} s)`);

      await checkTrainButtons(page, opened.settle, path, {check, log, metrics});
      if (path === "/neurons") await checkSliders(page, opened.settle, path, check, log);

      // Readable on a phone: at 390 px nothing may make the page scroll sideways or stick out of it.
      const phone = await phoneWidth(page);
      check(phone.scrollWidth <= phone.limit + 1 && phone.wide.length === 0, `${path}: fits a 390 px phone${phone.scrollWidth > phone.limit + 1 || phone.wide.length ? `; the page is ${phone.scrollWidth} px wide for a ${phone.limit} px viewport, sticking out: ${phone.wide.join(", ")}` : ""}`);
      log(`${path}: ${phone.scrollWidth} px wide at 390 px`);
      await page.setViewportSize({width: 1280, height: 900});

      if (screenshots) {
        const name = path === "/" ? "index" : path.slice(1).replace(/\//g, "_");
        // a full-page screenshot shows what is off screen, which content-visibility: auto leaves unrendered
        await page.addStyleTag({content: "* { content-visibility: visible !important; }"});
        for (const colorScheme of ["light", "dark"]) {
          await page.emulateMedia({colorScheme});
          const suffix = colorScheme === "dark" ? "-dark" : "";
          await page.setViewportSize({width: 1280, height: 900});
          await new Promise((r) => setTimeout(r, 500));
          await page.screenshot({path: `${screenshots}/${name}${suffix}.png`, fullPage: true});
          await page.setViewportSize({width: 390, height: 844});
          await new Promise((r) => setTimeout(r, 500));
          await page.screenshot({path: `${screenshots}/${name}-phone${suffix}.png`, fullPage: true});
        }
      }
    } catch (error) {
      check(false, `${path}: ${error.message}`);
    } finally {
      await browserContext.close();
    }
  }
}

/**
 * Resizes the page to a 390 × 844 phone and lists what sticks out to the right: elements of the
 * page's content whose right edge passes the viewport and that no box between them and the page
 * scrolls or clips (a formula that scrolls inside its own box is fine; one clipped by the page is not).
 */
export async function phoneWidth(page) {
  await page.setViewportSize({width: 390, height: 844});
  await new Promise((r) => setTimeout(r, 800));
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const contained = (e) => {
      for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticking = Array.from(document.querySelectorAll("#observablehq-main *")).filter((e) => e.getBoundingClientRect().right > limit + 1 && !contained(e));
    const outermost = sticking.filter((e) => !sticking.includes(e.parentElement));
    const name = (e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/)[0] : ""}`;
    const wide = outermost.slice(0, 4).map((e) => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)} px${e.closest("h1, h2, h3, p, li") ? ` in "${e.closest("h1, h2, h3, p, li").textContent.trim().slice(0, 40)}"` : ""})`);
    return {scrollWidth: document.documentElement.scrollWidth, limit, wide};
  });
}

// Presses every Train button on the page (Inputs.button("Train")), waits until the run has finished
// and the page is quiet again, and checks that a chart changed. Reports how long it took and the
// longest main-thread task while it trained: training must yield to the page.
async function checkTrainButtons(page, settle, path, {check, log, metrics}) {
  const buttons = page.locator("#observablehq-main button", {hasText: /^Train\b/});
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    await button.scrollIntoViewIfNeeded();
    const before = await chartPrints(page);
    const start = await page.evaluate(() => performance.now());
    await button.click();
    const {pending, pendingCells, settleMs, timedOut} = await settle();
    const after = await chartPrints(page);
    const changed = after.filter((p) => !before.includes(p)).length;
    const longest = await page.evaluate((start) => Math.max(0, ...window.__book.tasks.filter((t) => t.start >= start).map((t) => t.duration)), start);
    check(pending === 0 && !timedOut && changed > 0, `${path}: Train button ${i + 1} trains and the charts follow${pending ? ` (${pending} cells still pending, e.g. ${pendingCells.map((c) => JSON.stringify(c)).join(", ")})` : timedOut ? " (still changing at the time limit)" : changed ? "" : " (no chart changed)"}`);
    metrics.push({path: `${path} Train ${i + 1}`, settleMs: settleMs - start, longestTaskMs: longest || null, note: `from the click${longest ? "" : "; no task over 50 ms"}`});
    log(`${path}: Train button ${i + 1}: finished ${Math.round(settleMs - start)} ms after the click, longest task ${longest ? Math.round(longest) + " ms" : "< 50 ms"}`);
  }
}

// Moves every slider on the page and checks that a chart redraws.
async function checkSliders(page, settle, path, check, log) {
  const count = await page.locator("#observablehq-main input[type=range]").count();
  check(count > 0, `${path}: has sliders to move`);
  for (let i = 0; i < count; i++) {
    const slider = page.locator("#observablehq-main input[type=range]").nth(i);
    const label = await slider.evaluate((el) => el.closest("form")?.querySelector("label")?.textContent?.trim() || el.name || `slider ${el.id}`);
    await slider.scrollIntoViewIfNeeded();
    const before = await chartPrints(page);
    const moved = await slider.evaluate((el) => {
      const min = +el.min || 0, max = el.max === "" ? 100 : +el.max, step = el.step === "any" || !el.step ? 0 : +el.step;
      const current = +el.value;
      let target = current < min + (max - min) / 2 ? min + 0.8 * (max - min) : min + 0.2 * (max - min);
      if (step) target = min + Math.round((target - min) / step) * step;
      el.value = String(target);
      el.dispatchEvent(new Event("input", {bubbles: true}));
      el.dispatchEvent(new Event("change", {bubbles: true}));
      return {from: current, to: +el.value};
    });
    const {pending, pendingCells} = await settle(30_000);
    const after = await chartPrints(page);
    const changed = after.filter((p) => !before.includes(p)).length;
    check(pending === 0 && changed > 0, `${path}: slider "${label}" (${moved.from} → ${moved.to}) redraws a chart${pending ? ` (${pending} cells still pending after 30 s, e.g. ${pendingCells.map((c) => JSON.stringify(c)).join(", ")})` : changed ? "" : " (no chart changed)"}`);
  }
  log(`${path}: moved ${count} slider(s)`);
}

// The worker pool (docs/components/compute.js) in Chromium, with real Web Workers and the built
// site's own modules: results bit-identical to the main thread, Stop within 100 ms in the middle of
// an epoch (called directly and through the live cells' Stop button), errors with the worker's
// message, a reader-facing message when no worker can start, and what copying a dataset costs.
import {openPage} from "./site-spec.js";

const PAGE = "/notebook"; // a page that imports compute.js, so the built site has it

export default async function computeSpec(context) {
  const {browser, baseUrl, check, log, metrics} = context;
  if (context.pages && !context.pages.includes(PAGE)) return log(`compute: skipped (${PAGE} not among the pages under test)`);
  const opened = await openPage(context, PAGE);
  const {page} = opened;
  try {
    const urls = await page.evaluate(() => {
      const names = performance.getEntriesByType("resource").map((e) => e.name);
      return {compute: names.find((n) => /\/_import\/components\/compute\.[\w]+\.js$/.test(n)), engine: names.find((n) => /\/_import\/engine\/index\.[\w]+\.js$/.test(n)), pool: names.find((n) => /\/_import\/components\/compute\/pool\.[\w]+\.js$/.test(n))};
    });
    if (!check(urls.compute && urls.engine && urls.pool, `compute: ${PAGE} loads compute.js, the engine and the pool (${JSON.stringify(urls)})`)) return;

    // 1. Bit-identical to the main thread: the same training run on the page and in a worker.
    const same = await page.evaluate(async ({compute, engine}) => {
      const {trainInWorker, inWorker, mapInWorkers, workerCount} = await import(compute);
      const e = await import(engine);
      const model = () => e.sequential(e.dense(2, 16, {init: "he", seed: 1}), e.batchNorm(16), e.relu(), e.dropout(0.1, {seed: 2}), e.dense(16, 3, {seed: 3}));
      const data = e.spirals({n: 300, classes: 3, seed: 4});
      const options = () => ({loss: "softmaxCrossEntropy", optimizer: e.adam({learningRate: e.stepDecay({initial: 0.02, every: 30})}), epochs: 20, batchSize: 16, seed: 5, validation: 0.2, regularizer: e.l2(1e-3), clip: {norm: 5}});
      const here = e.fit(model(), data, options());
      let there;
      for await (const p of trainInWorker(model(), data, options())) there = p;
      const numbers = (p) => [JSON.stringify(p.model), ...p.history.flatMap((h) => Object.values(h)), p.loss, p.accuracy, p.validationLoss, p.validationAccuracy, p.step];
      const a = numbers(here), b = numbers(there);
      const differing = a.filter((v, i) => !Object.is(v, b[i])).length;
      // an error in the worker comes back with its message
      let message = "";
      try {
        await inWorker((engine) => engine.dropout(1), null);
      } catch (error) {
        message = error.message;
      }
      const squares = await mapInWorkers((engine, x) => x * x, [1, 2, 3, 4, 5]);
      return {differing, count: a.length, done: there.done, message, squares, workerCount, cores: navigator.hardwareConcurrency};
    }, urls);
    check(same.done && same.count > 100 && same.differing === 0, `compute: trainInWorker gives the main thread's numbers bit for bit (${same.differing} of ${same.count} differ)`);
    check(same.message === "dropout: rate must be in [0, 1), got 1", `compute: an error in a worker comes back with its message (got ${JSON.stringify(same.message)})`);
    check(JSON.stringify(same.squares) === "[1,4,9,16,25]", `compute: mapInWorkers keeps the items' order (got ${JSON.stringify(same.squares)})`);
    log(`compute: pool of ${same.workerCount} worker(s) on ${same.cores} logical cores; ${same.count} numbers compared`);

    // 2. Stop in the middle of an epoch: one full-batch step here takes far more than 100 ms.
    const stop = await page.evaluate(async ({compute, engine}) => {
      const {trainInWorker} = await import(compute);
      const e = await import(engine);
      const data = e.spirals({n: 20000, classes: 3, seed: 1});
      const model = e.sequential(e.dense(2, 256, {seed: 1}), e.relu(), e.dense(256, 256, {seed: 2}), e.relu(), e.dense(256, 3, {seed: 3}));
      // one epoch is one step; yieldEvery 0 reports after each, so the gap between reports is a step's time
      const run = trainInWorker(model, data, {loss: "softmaxCrossEntropy", optimizer: e.sgd({learningRate: 0.01}), epochs: 1000, batchSize: 20000, yieldEvery: 0});
      await run.next();
      const t0 = performance.now();
      await run.next();
      const stepMs = performance.now() - t0;
      const pending = run.next();
      await new Promise((r) => setTimeout(r, stepMs / 3)); // inside the next step
      const started = performance.now();
      await run.return();
      const result = await pending;
      const ms = performance.now() - started;
      return {ms, stepMs, done: result.done, busy: globalThis.__computePool.stats().busy};
    }, urls);
    // a functional check (timings are reported, not tested): Stop must not wait for the step to end
    check(stop.done && stop.busy === 0 && stop.ms < stop.stepMs / 2, `compute: returning a training run stops its worker mid-step (${stop.ms.toFixed(1)} ms, a step takes ${stop.stepMs.toFixed(0)} ms; ${stop.busy} busy after)`);
    metrics.push({path: "compute: Stop (return)", settleMs: stop.ms, longestTaskMs: null, note: `return() to worker gone; a step takes ${stop.stepMs.toFixed(0)} ms`});

    // 3. The same through the page: Train on /notebook, then the live bar's Stop button.
    const train = page.locator("#observablehq-main button", {hasText: /^Train\b/}).first();
    await train.scrollIntoViewIfNeeded();
    await train.click();
    const stopButton = page.locator(".live-stop:not([hidden])").first();
    await stopButton.waitFor({state: "visible", timeout: 15_000});
    await page.waitForTimeout(400);
    const clickAt = await page.evaluate(() => {
      // poll the pool every frame from the click on, to time the worker's end from the page's side
      window.__stopWatch = {start: performance.now(), end: null};
      const poll = () => {
        if (globalThis.__computePool.stats().busy === 0) window.__stopWatch.end = performance.now();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
      return window.__stopWatch.start;
    });
    await stopButton.click();
    await page.waitForFunction(() => window.__stopWatch.end !== null, null, {timeout: 5000}).catch(() => {});
    const watch = await page.evaluate(() => window.__stopWatch);
    const uiMs = watch.end === null ? Infinity : watch.end - clickAt;
    check(Number.isFinite(uiMs), `compute: the live bar's Stop ends a Train run's worker (${uiMs.toFixed(0)} ms from just before the click, including Playwright's click)`);
    metrics.push({path: `${PAGE} Stop button`, settleMs: uiMs, longestTaskMs: null, note: "click to worker gone, page side"});
    log(`compute: Stop: ${stop.ms.toFixed(1)} ms by return(), ${uiMs.toFixed(0)} ms through the Stop button`);

    // 4. What the structured clone of a dataset costs the main thread (the synchronous part of a call).
    const copy = await page.evaluate(async ({compute, engine}) => {
      const {inWorker} = await import(compute);
      const e = await import(engine);
      const out = [];
      for (const rows of [1000, 10000]) {
        const x = new e.Matrix(rows, 784).fill(0.5);
        await inWorker(() => 0, null); // a free worker, so the call posts at once
        const started = performance.now();
        const rowsThere = inWorker((engine, data) => data.x.rows, {x, y: new e.Matrix(rows, 1)});
        const ms = performance.now() - started;
        out.push({rows, mb: (rows * 785 * 8) / 1e6, ms, arrived: await rowsThere});
      }
      return out;
    }, urls);
    for (const c of copy) {
      log(`compute: sending ${c.rows} × 784 (${c.mb.toFixed(1)} MB) costs the main thread ${c.ms.toFixed(1)} ms`);
      metrics.push({path: `compute: send ${c.rows}×784`, settleMs: c.ms, longestTaskMs: null, note: `${c.mb.toFixed(1)} MB structured clone`});
    }
    check(copy.every((c) => c.arrived === c.rows), "compute: big datasets arrive whole");
  } finally {
    await opened.context.close();
  }

  // 5. A worker that cannot start: a reader-facing message, not a silent hang.
  const bare = await browser.newContext();
  try {
    const page = await bare.newPage();
    await page.goto(`${baseUrl}${PAGE}`, {waitUntil: "load"});
    const failure = await page.evaluate(async () => {
      const url = performance.getEntriesByType("resource").map((e) => e.name).find((n) => /\/_import\/components\/compute\/pool\.[\w]+\.js$/.test(n));
      const engineUrl = performance.getEntriesByType("resource").map((e) => e.name).find((n) => /\/_import\/engine\/index\.[\w]+\.js$/.test(n));
      const {createPool} = await import(url);
      const engine = await import(engineUrl);
      const pool = createPool({engine, createWorker: () => new Worker("data:text/javascript,this is not javascript", {type: "module"})});
      try {
        await pool.call(() => 1, null);
        return "resolved";
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    });
    check(/^WorkerStartError: This page could not start its background worker/.test(failure), `compute: a worker that cannot start gives a reader-facing message (got ${JSON.stringify(failure.slice(0, 120))})`);
  } finally {
    await bare.close();
  }
}

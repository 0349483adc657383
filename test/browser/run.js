#!/usr/bin/env node
// The browser test: serves the built site (dist/) on 127.0.0.1, opens it in Chromium, and runs
// every test/browser/*-spec.js module against it (site-spec.js first: every page, every cell).
// Run after `npm run build`:  node test/browser/run.js [--dist dist] [--screenshots dir] [--only /neurons,/]
// [--specs determinism,live-cells] (only those spec modules; "site" names site-spec.js)
// The last line is always "N passed, M failed"; the exit code is 0 only when M = 0.
import {createReadStream, existsSync, readdirSync, statSync} from "node:fs";
import {cp, mkdir, mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {createServer} from "node:http";
import {extname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {chromium} from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = parseArgs(process.argv.slice(2));
const built = resolve(args.dist ?? "dist");
let dist = built; // replaced by a private copy, so that a concurrent `npm run build` cannot change the site under test
const SPEC_TIMEOUT = 240_000; // ms for one spec module; the whole run should stay under ~5 minutes

const results = {passed: 0, failed: 0, failures: []};
const printedPerPage = new Map(); // a broken page can fail hundreds of checks; print the first few
const metrics = []; // {path, settleMs, longestTaskMs, ...} rows that specs report

function check(condition, message) {
  if (condition) {
    results.passed++;
    if (args.verbose) console.log(`  ✓ ${message}`);
  } else {
    results.failed++;
    results.failures.push(message);
    const page = /^(\/[^:\s]*):/.exec(message)?.[1] ?? "";
    const printed = printedPerPage.get(page) ?? 0;
    printedPerPage.set(page, printed + 1);
    if (printed < 12) console.log(`  ✗ ${message}`);
    else if (printed === 12) console.log(`  ✗ ${page}: … more failures on this page, counted but not printed`);
  }
  return Boolean(condition);
}

function log(...parts) {
  console.log("   ", ...parts);
}

let server, browser;
try {
  if (!existsSync(join(built, "index.html"))) throw new Error(`run: no built site at ${built}/index.html; run \`npm run build\` first`);
  dist = await mkdtemp(join(tmpdir(), "book-site-"));
  await cp(built, dist, {recursive: true});
  server = await serve(dist);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const {files, bytes} = sizeOf(dist);
  console.log(`Built site: ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
  const pages = findPages(dist).filter((p) => !args.only || args.only.split(",").includes(p));
  console.log(`Serving a copy of ${relative(process.cwd(), built) || "."} at ${baseUrl}: ${pages.length} page${pages.length === 1 ? "" : "s"} (${pages.join(" ")})`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
  });
  const specs = readdirSync(here)
    .filter((f) => f.endsWith("-spec.js"))
    .filter((f) => !(args.specs ?? args.spec) || (args.specs ?? args.spec).split(",").includes(f.replace(/-spec\.js$/, "")))
    .sort((a, b) => (a === "site-spec.js" ? -1 : b === "site-spec.js" ? 1 : a.localeCompare(b)));
  if (args.screenshots) await mkdir(args.screenshots, {recursive: true});
  for (const file of specs) {
    console.log(`\n${file}`);
    const before = results.failed;
    const started = performance.now();
    try {
      const spec = (await import(pathToFileURL(join(here, file)).href)).default;
      if (typeof spec !== "function") throw new Error(`${file} must export a default async function ({browser, baseUrl, check, log})`);
      await withTimeout(spec({browser, baseUrl, check, log, pages, metrics, screenshots: args.screenshots}), SPEC_TIMEOUT, `${file} did not finish within ${SPEC_TIMEOUT / 1000} s`);
    } catch (error) {
      check(false, `${file} threw: ${error?.stack ?? error}`);
    }
    console.log(`  ${file}: ${results.failed === before ? "ok" : `${results.failed - before} failed`} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} catch (error) {
  check(false, String(error?.stack ?? error));
} finally {
  await browser?.close().catch(() => {});
  server?.close();
  if (dist !== built) await rm(dist, {recursive: true, force: true});
}

if (metrics.length) {
  console.log("\nPer page: time until every cell settled, longest main-thread task");
  console.log(`  ${"page".padEnd(24)} ${"settled".padStart(9)} ${"longest task".padStart(13)}`);
  for (const m of metrics) {
    console.log(`  ${m.path.padEnd(24)} ${`${Math.round(m.settleMs)} ms`.padStart(9)} ${(m.longestTaskMs == null ? "–" : `${Math.round(m.longestTaskMs)} ms`).padStart(13)}${m.note ? `  (${m.note})` : ""}`);
  }
}
if (results.failures.length) {
  console.log("\nFailures:");
  const lines = [...new Set(results.failures.map((f) => f.split("\n")[0].slice(0, 240)))];
  for (const line of lines.slice(0, 40)) console.log(`  ✗ ${line}`);
  if (lines.length > 40) console.log(`  … and ${lines.length - 40} more`);
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);

/** Every page of the built site as a clean URL path: index.html → "/", neurons.html → "/neurons". */
function findPages(root) {
  const pages = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        if (!name.startsWith("_")) walk(file);
      } else if (name.endsWith(".html") && name !== "404.html") {
        const path = "/" + relative(root, file).split(sep).join("/").replace(/\.html$/, "");
        pages.push(path === "/index" ? "/" : path.replace(/\/index$/, "/"));
      }
    }
  })(root);
  return pages.sort((a, b) => (a === "/" ? -1 : b === "/" ? 1 : a.localeCompare(b)));
}

function sizeOf(dir) {
  let files = 0, bytes = 0;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name), stat = statSync(file);
    if (stat.isDirectory()) {
      const inner = sizeOf(file);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files++;
      bytes += stat.size;
    }
  }
  return {files, bytes};
}

/** A small static server for dist/ with Framework's clean URLs (/neurons → neurons.html). */
function serve(root) {
  const types = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".woff2": "font/woff2",
    ".woff": "font/woff", ".ttf": "font/ttf", ".gz": "application/gzip", ".bin": "application/octet-stream", ".csv": "text/csv",
    ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm", ".ico": "image/x-icon"
  };
  const server = createServer((request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    } catch {
      response.writeHead(400).end("bad request");
      return;
    }
    const candidates = pathname.endsWith("/") ? [`${pathname}index.html`] : [pathname, `${pathname}.html`, `${pathname}/index.html`];
    for (const candidate of candidates) {
      const file = join(root, candidate);
      if (!file.startsWith(root)) break; // no escaping the site root
      if (existsSync(file) && statSync(file).isFile()) {
        response.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache"});
        createReadStream(file).pipe(response);
        return;
      }
    }
    const notFound = join(root, "404.html");
    response.writeHead(404, {"content-type": "text/html; charset=utf-8"});
    if (existsSync(notFound)) createReadStream(notFound).pipe(response);
    else response.end("not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--verbose") options.verbose = true;
    else if (a.startsWith("--")) options[a.slice(2)] = argv[++i];
  }
  return options;
}

// Same seed, same numbers: runs the determinism probe (test/golden/probe.ts) in Chromium and compares
// every number, with Object.is, to test/golden/determinism.json, the record Node is held to as well
// (test/determinism-test.ts). A difference names the section, so the function that drifted.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import {tsImport} from "tsx/esm/api";

export default async function determinism({browser, check, log}) {
  const probe = fileURLToPath(new URL("../golden/probe.ts", import.meta.url));
  const {decode, compare} = await tsImport("../golden/golden.ts", import.meta.url);
  const golden = decode(JSON.parse(readFileSync(new URL("../golden/determinism.json", import.meta.url), "utf8")));
  const bundle = await esbuild.build({entryPoints: [probe], bundle: true, format: "esm", write: false, platform: "neutral", logLevel: "silent"});
  const page = await browser.newPage();
  try {
    const sections = await page.evaluate(async (source) => {
      const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
      return (await import(url)).probe();
    }, bundle.outputFiles[0].text);
    const runtime = `Chromium ${browser.version()}`;
    const problems = compare(sections, golden, runtime);
    for (const problem of problems) check(false, `determinism: ${problem}`);
    const count = sections.reduce((n, s) => n + s.values.length, 0);
    check(problems.length === 0 && count > 0, `determinism: ${runtime} computes the ${count} numbers of ${sections.length} sections exactly as the golden file records`);
    log(`${runtime}: ${count} numbers in ${sections.length} sections, ${problems.length} sections differ from test/golden/determinism.json`);
  } finally {
    await page.close();
  }
}

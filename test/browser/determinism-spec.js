// Same seed, same numbers: runs test/browser/determinism-probe.ts in Node and in Chromium and compares
// every number with Object.is (so even −0 against 0 or two different NaNs would count). The probe is
// bundled with esbuild, so both sides run exactly the same code.
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

export default async function determinism({browser, check, log}) {
  const probe = fileURLToPath(new URL("./determinism-probe.ts", import.meta.url));
  const bundle = await esbuild.build({entryPoints: [probe], bundle: true, format: "esm", write: false, platform: "neutral", logLevel: "silent"});
  const code = bundle.outputFiles[0].text;
  const inNode = (await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"))).run();
  const page = await browser.newPage();
  try {
    const inBrowser = await page.evaluate(async (source) => {
      const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
      return (await import(url)).run();
    }, code);
    check(inNode.length === inBrowser.length, `determinism: Node computed ${inNode.length} numbers, Chromium ${inBrowser.length}`);
    const differing = inNode.map((v, i) => i).filter((i) => !Object.is(inNode[i], inBrowser[i]));
    const first = differing[0];
    check(
      differing.length === 0,
      `determinism: ${differing.length} of ${inNode.length} numbers differ between Node and Chromium` +
        (first === undefined ? "" : `, first at index ${first}: ${inNode[first]} vs ${inBrowser[first]}`)
    );
    log(`Node ${process.version} (V8 ${process.versions.v8}) vs Chromium ${browser.version()}: ${inNode.length} numbers, ${differing.length} differ`);
  } finally {
    await page.close();
  }
}

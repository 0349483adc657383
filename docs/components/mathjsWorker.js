// The worker behind withMathjs.js: imports mathjs once, then runs each function it is sent.
import * as math from "mathjs";

// A reader's edited cell may carry the live editor's loop guards (see live/transform.js); they
// guard the page's main thread, which a worker is not, so here they always let the loop go on.
const liveStub = {guard: () => 4095};

onmessage = async ({data: {id, source, args}}) => {
  try {
    const fn = new Function("__live", "__guardCountdown", `"use strict"; return (${source});`)(liveStub, 0);
    const value = await fn(math, ...args);
    try {
      postMessage({id, value});
    } catch (error) {
      postMessage({id, error: {name: "Error", message: `withMathjs: the result must be plain data (numbers, strings, arrays, objects); convert mathjs values with .toString(), .toTex() or Number(…) (${error.message})`}});
    }
  } catch (error) {
    postMessage({id, error: {name: error?.name ?? "Error", message: error?.message ?? String(error)}});
  }
};

import {main, runtime, define, undefine} from "observablehq:client";
export function boot() { console.log("boot", !!main, !!runtime, !!define, !!undefine); }
export const loadEditor = () => import("./editor.js");

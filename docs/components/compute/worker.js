// One worker of the pool (see ../compute.js): imports the engine once, then runs the jobs the page
// sends (serve.js). Framework builds this file like any page module, so the engine import below is
// the same engine code, at the same address, as the page's.
import * as engine from "../../engine/index.js";
import {serve} from "./serve.js";

const handle = serve({engine, post: (message, transfer) => postMessage(message, transfer ?? [])});
onmessage = ({data}) => handle(data);
postMessage({type: "ready"});

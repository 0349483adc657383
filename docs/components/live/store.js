// store: where a reader's edits live. localStorage keeps them on the reader's device, keyed by
// page, cell index and a hash of the book's source for that cell: when the book's version of a cell
// changes, the hash no longer matches and the old edit is offered, never silently applied.
// Share links carry edits (and input values) in the URL hash instead.

const PREFIX = "live:v1:";

/** FNV-1a, 32 bits, as 8 hex digits: enough to notice that a cell's source changed. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function storageKey(page, index) {
  return `${PREFIX}${page}:${index}`;
}

/** @returns {{hash: string, code: string, time: number} | null} */
export function loadEdit(page, index, storage = globalThis.localStorage) {
  try {
    const value = JSON.parse(storage.getItem(storageKey(page, index)));
    return value && typeof value.code === "string" && typeof value.hash === "string" ? value : null;
  } catch {
    return null;
  }
}

/** looped: the edit was stopped as an endless loop, so a reload shows it without running it */
export function saveEdit(page, index, {hash, code, looped = false}, storage = globalThis.localStorage) {
  try {
    storage.setItem(storageKey(page, index), JSON.stringify({hash, code, looped, time: Date.now()}));
    return true;
  } catch {
    return false; // storage full or disabled: the edit still runs, it just won't survive a reload
  }
}

export function removeEdit(page, index, storage = globalThis.localStorage) {
  try {
    storage.removeItem(storageKey(page, index));
  } catch {
    // nothing stored
  }
}

/** Encodes {edits: {[index]: code}, inputs: {[index]: values[]}} for a URL hash. */
export async function encodeShare(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  if (typeof CompressionStream === "function") {
    const compressed = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer();
    return `z${base64url(new Uint8Array(compressed))}`;
  }
  return `j${base64url(bytes)}`;
}

export async function decodeShare(text) {
  if (typeof text !== "string" || text.length < 2) throw new Error(`decodeShare: not a share link payload: ${JSON.stringify(text)}`);
  const kind = text[0];
  let bytes = unbase64url(text.slice(1));
  if (kind === "z") {
    if (typeof DecompressionStream !== "function") throw new Error("decodeShare: this browser cannot decompress share links");
    bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());
  } else if (kind !== "j") {
    throw new Error(`decodeShare: unknown payload kind ${JSON.stringify(kind)}, expected "z" or "j"`);
  }
  const state = JSON.parse(new TextDecoder().decode(bytes));
  return {edits: state.edits ?? {}, inputs: state.inputs ?? {}};
}

/** The lines between a fence's opening and closing lines, as markdown-it's token.content has them. */
export function fenceBody(markdown, map) {
  if (typeof markdown !== "string" || !Array.isArray(map)) return undefined;
  const lines = markdown.split("\n");
  const [open, end] = map;
  const closed = end - 1 > open && /^\s*(`{3,}|~{3,})\s*$/.test(lines[end - 1] ?? "");
  const body = lines.slice(open + 1, closed ? end - 1 : end);
  return body.length ? body.join("\n") + "\n" : "";
}

/** The page's Markdown with the reader's edits spliced into their fences. */
export function markdownWithEdits({prefix = "", source}, cells) {
  const lines = source.split("\n");
  for (const {map, code} of [...cells].sort((a, b) => b.map[0] - a.map[0])) {
    const [open, end] = map;
    const closed = end - 1 > open && /^\s*(`{3,}|~{3,})\s*$/.test(lines[end - 1] ?? "");
    const body = code.replace(/\n$/, "").split("\n");
    lines.splice(open + 1, (closed ? end - 1 : end) - open - 1, ...body);
  }
  return prefix + lines.join("\n");
}

function base64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(text) {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

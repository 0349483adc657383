import {describe, expect, it} from "vitest";

// A plain JavaScript page module without type declarations: load it untyped.
const storePath: string = "../../docs/components/live/store.js";
const {hash, loadEdit, saveEdit, removeEdit, storageKey, encodeShare, decodeShare, markdownWithEdits, fenceBody} = await import(storePath);

function memoryStorage() {
  const map = new Map<string, string>();
  return {getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map};
}

describe("store", () => {
  it("hash() is stable and changes with the text", () => {
    expect(hash("const a = 1;")).toBe(hash("const a = 1;"));
    expect(hash("const a = 1;")).not.toBe(hash("const a = 2;"));
    expect(hash("")).toMatch(/^[0-9a-f]{8}$/);
  });

  it("keeps an edit per page and cell, with the hash of the book's source", () => {
    const storage = memoryStorage();
    saveEdit("/notebook", 3, {hash: "abcd0123", code: "const x = 2;"}, storage);
    expect(storage.map.has(storageKey("/notebook", 3))).toBe(true);
    expect(loadEdit("/notebook", 3, storage)).toMatchObject({hash: "abcd0123", code: "const x = 2;", looped: false});
    expect(loadEdit("/notebook", 4, storage)).toBe(null);
    expect(loadEdit("/other", 3, storage)).toBe(null);
    removeEdit("/notebook", 3, storage);
    expect(loadEdit("/notebook", 3, storage)).toBe(null);
  });

  it("ignores corrupt stored values", () => {
    const storage = memoryStorage();
    storage.setItem(storageKey("/p", 0), "{not json");
    expect(loadEdit("/p", 0, storage)).toBe(null);
  });

  it("round-trips share payloads, compressed", async () => {
    const state = {edits: {1: "const frequency = 3; // ünïcödé ✓"}, inputs: {5: [120, true]}};
    const text = await encodeShare(state);
    expect(text[0]).toBe("z");
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShare(text)).toEqual(state);
  });

  it("rejects a malformed share payload with a clear message", async () => {
    await expect(decodeShare("q123")).rejects.toThrow('decodeShare: unknown payload kind "q"');
    await expect(decodeShare("")).rejects.toThrow("decodeShare: not a share link payload");
  });

  it("splices edits back into the page's Markdown, front matter kept", () => {
    const source = "# T\n\n```ts\nconst a = 1;\n```\n\ntext\n\n```js\nb\nc\n```\n";
    const out = markdownWithEdits({prefix: "---\ntitle: T\n---\n", source}, [
      {map: [2, 5], code: "const a = 2;\nconst z = 3;\n"},
      {map: [8, 12], code: "d\n"}
    ]);
    expect(out).toBe("---\ntitle: T\n---\n# T\n\n```ts\nconst a = 2;\nconst z = 3;\n```\n\ntext\n\n```js\nd\n```\n");
  });

  it("fenceBody() cuts a fence's text as markdown-it reports it", () => {
    expect(fenceBody("a\n```js\nx\ny\n```\n", [1, 5])).toBe("x\ny\n");
    expect(fenceBody("```js\n```\n", [0, 2])).toBe("");
  });
});

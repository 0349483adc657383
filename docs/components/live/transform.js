// transformCell: turns a reader's edited cell (TypeScript or JavaScript) into what Framework's
// runtime needs: the names it declares (outputs), the names it uses (inputs), and the source of a
// function factory for the cell body. Framework does the same work at build time in Node
// (javascript/transpile.js); this is the in-page equivalent, loaded only when a reader first
// presses Edit.
//
// The reader's line N stays line N of the generated code (the prologue shares line 1), so error
// stacks point at the reader's own lines.

import {transform as sucrase} from "./vendor/sucrase.js"; // see vendor/sucrase.js for why it is vendored
import {Parser} from "acorn";
import {ancestor, simple} from "acorn-walk";

// Framework's defaultGlobals (javascript/globals.js): never inputs, never redefined.
export const GLOBALS = new Set(["Array", "ArrayBuffer", "atob", "AudioContext", "Blob", "Boolean", "BigInt", "btoa", "clearInterval", "clearTimeout", "console", "crypto", "CustomEvent", "DataView", "Date", "decodeURI", "decodeURIComponent", "devicePixelRatio", "document", "encodeURI", "encodeURIComponent", "Error", "escape", "eval", "fetch", "File", "FileList", "FileReader", "Float32Array", "Float64Array", "Function", "Headers", "Image", "ImageData", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "isFinite", "isNaN", "JSON", "Map", "Math", "NaN", "Number", "navigator", "Object", "observable", "parseFloat", "parseInt", "performance", "Path2D", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "cancelAnimationFrame", "requestAnimationFrame", "Set", "setInterval", "setTimeout", "String", "Symbol", "SyntaxError", "TextDecoder", "TextEncoder", "this", "TypeError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "undefined", "unescape", "URIError", "URL", "WeakMap", "WeakSet", "WebSocket", "Worker", "window"]);

// Framework's own page library: a cell that declared one of these would shadow it for every cell.
export const BUILTINS = new Set(["display", "view", "width", "dark", "now", "resize", "invalidation", "visibility", "Generators", "Mutable", "FileAttachment"]);

// A loop guard asks the clock only every so many iterations (see guard.js); `!(x >= 0)` also
// catches a guard that returns nothing.
const GUARD = "if(!(--__guardCountdown>=0))__guardCountdown=__live.guard();";

// Wrapping the code as the body of an async generator lets one parse accept top-level await and
// yield; allowImportExportEverywhere then accepts the imports inside it. No newline, so lines match.
const PREFIX = "(async function*(){";
const acornOptions = {ecmaVersion: "latest", sourceType: "module", allowImportExportEverywhere: true, locations: true};

/** A syntax or compile error with the reader's line (1-based) and column (0-based). */
export class CellError extends Error {
  constructor(message, {line, column, name = "SyntaxError"} = {}) {
    super(line ? `${message} (line ${line})` : message);
    this.name = name;
    this.line = line;
    this.column = column;
  }
}

/** Strips TypeScript types, keeping every line where it was. Throws CellError on bad syntax. */
export function stripTypes(source) {
  try {
    // keepUnusedImports: a name imported here may be used only by other cells.
    return sucrase(source, {transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true}).code;
  } catch (error) {
    const match = /\((\d+):(\d+)\)\s*$/.exec(error.message);
    const message = error.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
    throw new CellError(message, match ? {line: +match[1], column: +match[2]} : {});
  }
}

/** Parses a cell; throws CellError with the reader's line. */
export function parseCell(code) {
  try {
    return Parser.parse(`${PREFIX}${code}\n})`, acornOptions);
  } catch (error) {
    const {line, column} = error.loc ?? {};
    const message = error.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
    throw new CellError(message, {line, column: line === 1 ? column - PREFIX.length : column});
  }
}

/**
 * Compiles a cell.
 * @param {string} source the reader's code
 * @param {{lang?: string, id?: string, taken?: Map<string,string>|Set<string>}} options
 *   taken: names other cells of the page declare (redeclaring one would break both cells)
 * @returns {{empty, expression, generator, inputs, outputs, imports, code, factory}}
 *   factory is JavaScript source evaluating to `(live) => body`; line N of it is the reader's line N.
 */
export function transformCell(source, {lang = "ts", id = "cell", taken = new Set()} = {}) {
  if (typeof source !== "string") throw new Error(`transformCell: source must be a string, got ${typeof source}`);
  if (!source.trim()) return {empty: true, expression: false, generator: false, inputs: [], outputs: [], imports: [], code: "", factory: `(function(__live){return function(){}})`};
  const code = lang === "ts" || lang === "tsx" ? stripTypes(source) : source;
  const program = parseCell(code);
  const fn = program.body[0].expression;
  const block = fn.body;
  const offset = PREFIX.length;
  // As in Framework, only JavaScript cells display a lone expression; TypeScript cells call display().
  const expression = lang === "js" && maybeExpression(code);

  const outputs = expression ? [] : findDeclarations(block, taken);
  const inputs = findReferences(program, fn).filter((name) => !outputs.includes(name));
  const generator = !expression && hasYield(fn);
  const imports = [];
  const edits = [];

  // Static imports become one awaited Promise.all on line 1, as Framework does at build time.
  const specifiers = [];
  const loads = [];
  simple(block, {
    ImportDeclaration(node) {
      imports.push(node.source.value);
      specifiers.push(importPattern(node));
      loads.push(`__live.import(${JSON.stringify(node.source.value)})`);
      edits.push({start: node.start - offset, end: node.end - offset, text: blankLines(code.slice(node.start - offset, node.end - offset))});
    },
    ImportExpression(node) {
      if (node.source.type === "Literal") imports.push(node.source.value);
      edits.push({start: node.start - offset, end: node.start - offset + "import".length, text: "__live.import"});
    }
  });

  // Loop guards: each loop iteration asks whether the main thread has been busy too long.
  const loops = [];
  simple(block, {
    ForStatement: (n) => loops.push(n),
    ForInStatement: (n) => loops.push(n),
    ForOfStatement: (n) => loops.push(n),
    WhileStatement: (n) => loops.push(n),
    DoWhileStatement: (n) => loops.push(n)
  });
  for (const {body} of loops) {
    if (body.type === "BlockStatement") edits.push({start: body.start + 1 - offset, end: body.start + 1 - offset, text: GUARD});
    else {
      edits.push({start: body.start - offset, end: body.start - offset, text: `{${GUARD}`});
      edits.push({start: body.end - offset, end: body.end - offset, text: "}"});
    }
  }

  let body = applyEdits(code, edits);
  let prologue = loops.length ? "let __guardCountdown=0;" : "";
  if (inputs.includes("display")) prologue += "display=__live.display(display);";
  if (specifiers.length === 1) prologue += `const ${specifiers[0]}=await ${loads[0]};`;
  else if (specifiers.length > 1) prologue += `const [${specifiers.join(",")}]=await Promise.all([${loads.join(",")}]);`;
  if (generator && !inputs.includes("display")) inputs.push("display");
  if (expression) {
    if (!inputs.includes("display")) inputs.push("display"), (prologue = "display=__live.display(display);" + prologue);
    body = `display(await(${body.replace(/;\s*$/, "")}\n));`;
  }
  const epilogue = outputs.length && !generator ? `\nreturn {${outputs.join(",")}};` : "";
  const kind = generator ? "async function*" : "async function";
  const factory = `(function(__live){return ${kind}(${inputs.join(",")}){${prologue}${body}${epilogue}\n}})\n//# sourceURL=live-cell-${id}.js`;
  return {empty: false, expression, generator, inputs, outputs: generator ? [] : outputs, imports, code, factory};
}

/** The reader's line for an error thrown by compiled cell `id`, or undefined. */
export function errorLine(error, id) {
  const stack = String(error?.stack ?? "");
  const escaped = String(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`live-cell-${escaped}\\.js:(\\d+)(?::(\\d+))?`).exec(stack);
  return match ? +match[1] : error?.line;
}

/** Imports in the order Framework rewrites them: static declarations first, then import(). */
export function importOrder(source, {lang = "ts"} = {}) {
  const code = lang === "ts" || lang === "tsx" ? stripTypes(source) : source;
  const program = parseCell(code);
  const statics = [];
  const dynamics = [];
  simple(program, {
    ImportDeclaration: (node) => statics.push(node.source.value),
    ImportExpression: (node) => node.source.type === "Literal" && dynamics.push(node.source.value)
  });
  return [...statics, ...dynamics];
}

function maybeExpression(code) {
  const parser = new Parser({ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true}, code, 0);
  try {
    parser.nextToken();
    const node = parser.parseExpression();
    if ((node.type === "ClassExpression" || node.type === "FunctionExpression") && node.id) return false;
    return parser.type.label === "eof";
  } catch {
    return false;
  }
}

function findDeclarations(block, taken) {
  const names = [];
  const declare = (node) => {
    const {name} = node;
    const where = node.loc ? {line: node.loc.start.line, column: node.loc.start.column} : {};
    if (GLOBALS.has(name) || name === "arguments") throw new CellError(`Global '${name}' cannot be redefined`, where);
    if (BUILTINS.has(name)) throw new CellError(`'${name}' is built into the page and cannot be redefined; choose another name`, where);
    if (has(taken, name)) throw new CellError(`'${name}' is already defined by ${describe(taken, name)}; choose another name`, where);
    if (!names.includes(name)) names.push(name);
  };
  const pattern = (node) => {
    switch (node.type) {
      case "Identifier": return declare(node);
      case "ObjectPattern": return node.properties.forEach((p) => pattern(p.type === "Property" ? p.value : p));
      case "ArrayPattern": return node.elements.forEach((e) => e && pattern(e));
      case "RestElement": return pattern(node.argument);
      case "AssignmentPattern": return pattern(node.left);
    }
  };
  for (const child of block.body) {
    switch (child.type) {
      case "VariableDeclaration": child.declarations.forEach((d) => pattern(d.id)); break;
      case "ClassDeclaration":
      case "FunctionDeclaration": declare(child.id); break;
      case "ImportDeclaration": child.specifiers.forEach((s) => declare(s.local)); break;
    }
  }
  return names;
}

function has(taken, name) {
  return taken instanceof Map ? taken.has(name) : taken.has(name);
}

function describe(taken, name) {
  return taken instanceof Map && taken.get(name) ? taken.get(name) : "another cell";
}

// References: identifiers not declared in any enclosing scope (Framework's findReferences,
// with the wrapper function standing in for the cell's top level).
function findReferences(program, wrapper) {
  const locals = new Map();
  const isScope = (n) => n.type === "FunctionExpression" || n.type === "FunctionDeclaration" || n.type === "ArrowFunctionExpression" || n.type === "Program";
  const isBlockScope = (n) => n.type === "BlockStatement" || n.type === "SwitchStatement" || n.type === "ForInStatement" || n.type === "ForOfStatement" || n.type === "ForStatement" || n.type === "StaticBlock" || isScope(n);
  const declareLocal = (scope, id) => {
    if (!scope) return;
    const set = locals.get(scope);
    if (set) set.add(id.name);
    else locals.set(scope, new Set([id.name]));
  };
  const declarePattern = (node, scope) => {
    switch (node.type) {
      case "Identifier": return declareLocal(scope, node);
      case "ObjectPattern": return node.properties.forEach((p) => declarePattern(p.type === "Property" ? p.value : p, scope));
      case "ArrayPattern": return node.elements.forEach((e) => e && declarePattern(e, scope));
      case "RestElement": return declarePattern(node.argument, scope);
      case "AssignmentPattern": return declarePattern(node.left, scope);
    }
  };
  const nearest = (parents, from, test) => {
    for (let i = from; i >= 0; --i) if (test(parents[i])) return parents[i];
    return null;
  };
  const declareFunction = (node) => {
    node.params.forEach((p) => declarePattern(p, node));
    if (node.id && node.type !== "FunctionDeclaration") declareLocal(node, node.id);
    if (node.type !== "ArrowFunctionExpression") declareLocal(node, {name: "arguments"});
  };
  ancestor(program, {
    VariableDeclaration(node, _, parents) {
      const scope = nearest(parents, parents.length - 2, node.kind === "var" ? isScope : isBlockScope);
      node.declarations.forEach((d) => declarePattern(d.id, scope));
    },
    FunctionDeclaration(node, _, parents) {
      if (node.id) declareLocal(nearest(parents, parents.length - 2, isScope), node.id);
      declareFunction(node);
    },
    FunctionExpression: declareFunction,
    ArrowFunctionExpression: declareFunction,
    ClassDeclaration(node, _, parents) {
      if (node.id) declareLocal(nearest(parents, parents.length - 2, isScope), node.id);
    },
    ClassExpression(node) {
      if (node.id) declareLocal(node, node.id);
    },
    CatchClause(node) {
      if (node.param) declarePattern(node.param, node);
    },
    ImportDeclaration(node, _, parents) {
      const scope = nearest(parents, parents.length - 2, isScope);
      node.specifiers.forEach((s) => declareLocal(scope, s.local));
    }
  });
  const references = [];
  const identifier = (node, _, parents) => {
    const {name} = node;
    if (name === "undefined" || GLOBALS.has(name)) return;
    for (let i = parents.length - 2; i >= 0; --i) if (locals.get(parents[i])?.has(name)) return;
    if (!references.includes(name)) references.push(name);
  };
  ancestor(program, {
    Pattern(node, state, parents) {
      if (node.type === "Identifier") identifier(node, state, parents);
    },
    Identifier: identifier
  });
  // the wrapper's own `arguments` is not a reference
  void wrapper;
  return references;
}

// A yield counts if its nearest enclosing function is the cell itself.
function hasYield(wrapper) {
  let found = false;
  ancestor(wrapper.body, {
    YieldExpression(node, _, parents) {
      for (let i = parents.length - 2; i >= 0; --i) {
        const p = parents[i];
        if (p.type === "FunctionExpression" || p.type === "FunctionDeclaration" || p.type === "ArrowFunctionExpression") return;
      }
      found = true;
    }
  });
  return found;
}

function importPattern(node) {
  const named = node.specifiers.filter((s) => s.type !== "ImportNamespaceSpecifier");
  if (!named.length) return node.specifiers.find((s) => s.type === "ImportNamespaceSpecifier")?.local.name ?? "{}";
  return `{${named
    .map((s) => {
      if (s.type === "ImportDefaultSpecifier") return `default:${s.local.name}`;
      const imported = s.imported.type === "Identifier" ? s.imported.name : JSON.stringify(s.imported.value);
      return imported === s.local.name ? imported : `${imported}:${s.local.name}`;
    })
    .join(",")}}`;
}

function blankLines(text) {
  return text.replace(/[^\n]/g, "");
}

function applyEdits(code, edits) {
  // later positions first; for equal starts, insertions after replacements keep their order
  const sorted = edits.map((e, i) => ({...e, i})).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = code;
  for (const {start, end, text} of sorted) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

// Exercises that check the reader's answer, shared by every chapter.
//
// Two shapes:
// - answerInput: the reader types an answer (a number, a word) and presses Check or Enter.
// - verdict: the reader edits a code cell; a checking cell below runs it and shows a verdict.
//
// Both render a ✓/✗ badge plus a message, styled with currentColor and Framework's theme
// variables so they read in light and dark themes.

const STYLE_ID = "nn-exercise-style";
let inputCount = 0; // unique ids so each label points at its own input

const css = `
.nn-exercise { margin: 0.75rem 0 1rem; font: 14px var(--sans-serif, system-ui, sans-serif); }
.nn-exercise label.nn-exercise-label { display: block; margin-bottom: 0.35rem; font-weight: 600; }
.nn-exercise .nn-exercise-row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.nn-exercise input[type="text"] {
  font: 14px var(--monospace, ui-monospace, monospace);
  padding: 0.3rem 0.5rem; min-width: 12rem; color: inherit; background: var(--theme-background, transparent);
  border: 1px solid var(--theme-foreground-faint, #ccc); border-radius: 4px;
}
.nn-exercise input[type="text"]:focus { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 1px; }
.nn-exercise button {
  font: inherit; padding: 0.3rem 0.8rem; cursor: pointer; color: inherit; background: var(--theme-background-alt, transparent);
  border: 1px solid var(--theme-foreground-muted, #888); border-radius: 4px;
}
.nn-exercise button:hover { border-color: var(--theme-foreground-focus, #3b5fc0); }
.nn-exercise button:disabled { opacity: 0.6; cursor: progress; }
.nn-verdict { display: flex; gap: 0.6rem; align-items: baseline; margin-top: 0.4rem; min-height: 1.4em; }
.nn-verdict:empty { display: none; }
.nn-verdict .nn-badge {
  flex: none; display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-weight: 700;
  border: 1.5px solid currentColor; white-space: nowrap;
}
.nn-verdict.nn-correct .nn-badge { color: var(--theme-green, #2e8b57); }
.nn-verdict.nn-wrong .nn-badge { color: var(--theme-red, #c0392b); }
.nn-verdict.nn-pending .nn-badge { color: var(--theme-foreground-muted, #888); }
.nn-verdict .nn-message { white-space: pre-wrap; }
`;

function ensureStyle() {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = css;
  document.head.appendChild(style);
}

function fillVerdict(element, {correct, message, pending = false}) {
  element.className = `nn-verdict ${pending ? "nn-pending" : correct ? "nn-correct" : "nn-wrong"}`;
  element.replaceChildren();
  const badge = document.createElement("span");
  badge.className = "nn-badge";
  badge.textContent = pending ? "…" : correct ? "✓ correct" : "✗ not yet";
  const text = document.createElement("span");
  text.className = "nn-message";
  text.textContent = message ?? "";
  element.append(badge, text);
  element.setAttribute("role", "status");
  element.setAttribute("aria-live", "polite");
  return element;
}

function checkResult(result) {
  if (result == null || typeof result !== "object" || typeof result.correct !== "boolean") {
    throw new Error(
      `exercise: check must return {correct: boolean, message: string}, got ${JSON.stringify(result)}`
    );
  }
  return result;
}

/**
 * A text box with a Check button (Enter also checks) and a feedback line.
 *
 * `check(value)` receives the trimmed text and returns `{correct, message}` or a Promise of it.
 * An error thrown by `check` is shown as the feedback message instead of breaking the page.
 *
 * @param {object} options
 * @param {string} options.label - the question, shown above the input
 * @param {string} [options.placeholder] - hint text inside the empty input
 * @param {(value: string) => ({correct: boolean, message: string} | Promise<{correct: boolean, message: string}>)} options.check
 * @returns {HTMLElement}
 *
 * @example
 * import {answerInput} from "./components/exercise.js";
 * display(answerInput({
 *   label: "How many parameters has dense(3, 4)?",
 *   placeholder: "a whole number",
 *   check: (value) => Number(value) === 16
 *     ? {correct: true, message: "3·4 weights + 4 biases."}
 *     : {correct: false, message: "Count the weights (nIn·nOut) and the biases (nOut)."}
 * }));
 */
export function answerInput({label, placeholder = "", check} = {}) {
  if (typeof check !== "function") {
    throw new Error(`answerInput: check must be a function (value: string) => {correct, message}, got ${typeof check}`);
  }
  ensureStyle();
  const root = document.createElement("form");
  root.className = "nn-exercise";
  const id = `nn-exercise-${++inputCount}`;
  const labelEl = document.createElement("label");
  labelEl.className = "nn-exercise-label";
  labelEl.htmlFor = id;
  labelEl.textContent = label ?? "";
  const row = document.createElement("div");
  row.className = "nn-exercise-row";
  const input = document.createElement("input");
  input.type = "text";
  input.id = id;
  input.placeholder = placeholder;
  input.autocomplete = "off";
  input.spellcheck = false;
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Check";
  const feedback = document.createElement("div");
  feedback.className = "nn-verdict";
  // a live region must exist before its text changes, or screen readers do not announce the verdict
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  row.append(input, button);
  root.append(labelEl, row, feedback);

  let latest = 0; // ignore answers to stale checks if the reader clicks twice
  root.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ticket = ++latest;
    const value = input.value.trim();
    button.disabled = true;
    fillVerdict(feedback, {pending: true, message: "checking…"});
    let result;
    try {
      result = checkResult(await check(value));
    } catch (error) {
      result = {correct: false, message: error instanceof Error ? error.message : String(error)};
    }
    if (ticket !== latest) return;
    button.disabled = false;
    fillVerdict(feedback, result);
  });
  // Stop the form's input events from bubbling up as a Framework view value.
  root.addEventListener("input", (event) => event.stopPropagation());
  return root;
}

/**
 * A ✓/✗ badge and a message, for exercises where the reader edits a code cell and a checking
 * cell below runs it.
 *
 * @param {object} result
 * @param {boolean} result.correct
 * @param {string} result.message
 * @returns {HTMLElement}
 *
 * @example
 * import {verdict} from "./components/exercise.js";
 * const error = Math.abs(myDerivative(-2) - 0.01);
 * display(verdict({correct: error < 1e-9, message: `f'(-2) = ${myDerivative(-2)}`}));
 */
export function verdict({correct, message} = {}) {
  if (typeof correct !== "boolean") {
    throw new Error(`verdict: correct must be a boolean, got ${JSON.stringify(correct)}`);
  }
  ensureStyle();
  const root = document.createElement("div");
  root.className = "nn-exercise";
  const line = document.createElement("div");
  root.append(fillVerdict(line, {correct, message}));
  return root;
}

// One place for the accessibility fixes that the book cannot make in its own pages, because the
// markup comes from Observable Framework's page template, Observable Plot or Observable Inputs.
// Loaded by every page's head (observablehq.config.ts), before the page's cells run; each fix
// names the upstream behaviour it works around. Checked by test/browser/accessibility-spec.js.

// Framework 1.13's template writes <html> without a lang attribute: screen readers then guess
// the language, and CSS hyphenation does not run.
if (!document.documentElement.lang) document.documentElement.lang = "en";

// The template's viewport says maximum-scale=1, which forbids pinch zoom on phones (WCAG 1.4.4).
const viewport = document.querySelector('meta[name="viewport"]');
if (viewport) viewport.content = viewport.content.replace(/,\s*maximum-scale=[^,]*/, "");

// The template puts the sidebar's close <label> inside an <ol>, where only <li> may be: lists
// are then announced with a wrong item count. Move it just before the list (it is positioned
// absolutely, so it stays where it was drawn).
function fixSidebar() {
  const close = document.querySelector("#observablehq-sidebar > ol > #observablehq-sidebar-close");
  if (close) close.parentElement.before(close);
}

// Plot labels its marks' <g> elements (and a frame's <rect>) with aria-label ("line", "x-axis
// tick"), but an aria-label is only allowed on an element with a role. role="group" keeps it.
// Plot's <svg> itself has no role: a chart with a label becomes one image with a description;
// a chart without one gets a label made of its axes (describe), so it is never announced as nothing.
function fixChart(svg) {
  for (const g of svg.querySelectorAll("[aria-label]:not([role])")) g.setAttribute("role", "group");
  if (!svg.hasAttribute("role")) svg.setAttribute("role", "img");
  if (!svg.hasAttribute("aria-label") && !svg.hasAttribute("aria-labelledby")) svg.setAttribute("aria-label", describe(svg));
}

// "Training: chart of loss against epoch; epoch from 0 to 200; loss from 0.01 to 1":
// the figure's title, the axes' labels and the range their ticks span, read off the drawn chart.
function describe(svg) {
  const texts = (selector) => Array.from(svg.querySelectorAll(selector), (t) => t.textContent.trim()).filter(Boolean);
  const title = svg.closest("figure")?.querySelector("h2, h3, figcaption")?.textContent.trim();
  const parts = [];
  const axes = [];
  for (const axis of ["y", "x", "fy", "fx"]) {
    const name = texts(`g[aria-label="${axis}-axis label"] text`).join(" ").replace(/[↑↓←→]/g, "").trim();
    const ticks = texts(`g[aria-label="${axis}-axis tick label"] text`);
    if (name) axes.push(name);
    if (axis.startsWith("f")) {
      if (ticks.length) parts.push(`panels ${ticks.slice(0, 8).join(", ")}${ticks.length > 8 ? ", …" : ""}`);
    } else if (ticks.length > 1) parts.unshift(`${name || axis} from ${ticks[0]} to ${ticks[ticks.length - 1]}`);
  }
  const chart = axes.length ? `chart of ${axes.join(" against ")}` : "chart";
  return [title, [chart, ...parts].join("; ")].filter(Boolean).join(": ");
}

// Inputs.range draws a number box and a slider, and its <label for> names only the number box:
// the slider has no accessible name. Give it the label's text.
function fixRange(input) {
  if (input.hasAttribute("aria-label") || input.labels?.length) return;
  const form = input.closest("form");
  const text = form?.querySelector(":scope > label")?.textContent.trim();
  if (text) input.setAttribute("aria-label", text);
}

// A code block that scrolls sideways must be reachable by keyboard to be scrolled (WCAG 2.1.1).
function fixCode(pre) {
  if (!pre.hasAttribute("tabindex") && !pre.closest(".cm-editor")) pre.tabIndex = 0;
}

function fix(root) {
  if (root.nodeType !== 1) return;
  const all = (selector) => (root.matches(selector) ? [root, ...root.querySelectorAll(selector)] : root.querySelectorAll(selector));
  for (const svg of all('svg[class^="plot"]')) fixChart(svg);
  for (const input of all('form input[type="range"]')) fixRange(input);
  for (const pre of all("#observablehq-main pre")) fixCode(pre);
}

new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) fix(node);
}).observe(document.documentElement, {childList: true, subtree: true});

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => (fixSidebar(), fix(document.body)), {once: true});
} else {
  fixSidebar();
  fix(document.body);
}

// Deep links that stay put: loaded on every page (the `head` in observablehq.config.ts). Opening
// /initialization.html#in-the-engine scrolls to the heading at once, but the charts and tables of
// the cells above it render afterwards and push it down the page, often by a few screens. While
// the page is still growing, this keeps the heading a link points to at the top of the window:
// after every change of the content's size it scrolls the heading back into place. It lets go
// as soon as the reader scrolls, touches, clicks or presses a key, or after HOLD ms.
// A click on a link to a heading of the same page (the table of contents) holds that heading the
// same way: Chromium's scroll anchoring usually keeps it in place, but not every browser has it.

const HOLD = 10_000; // ms: cells above a heading settle well within this

const main = document.getElementById("observablehq-main") ?? document.body;
let release = null; // stops the current hold

function hold(id) {
  release?.();
  const target = id && document.getElementById(id);
  if (!target) return;
  const place = () => target.scrollIntoView({block: "start"});
  const resized = new ResizeObserver(place); // its first call, right away, places the heading too
  resized.observe(main);
  const timer = setTimeout(() => release?.(), HOLD);
  const inputs = ["wheel", "touchstart", "pointerdown", "keydown"];
  const stop = () => release?.();
  for (const type of inputs) addEventListener(type, stop, {capture: true, passive: true});
  release = () => {
    release = null;
    resized.disconnect();
    clearTimeout(timer);
    for (const type of inputs) removeEventListener(type, stop, {capture: true});
  };
}

function idOf(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

if (location.hash) hold(idOf(location.hash));

// The pointerdown of the click has just ended any earlier hold; the click's own scroll comes after.
addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || !link.hash || link.origin !== location.origin || link.pathname !== location.pathname) return;
  hold(idOf(link.hash));
});

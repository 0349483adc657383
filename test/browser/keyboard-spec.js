// The keyboard alone, on /notebook and on /initialization: Tab reaches every control of the page
// with a visible focus ring in both themes; Enter opens a cell's editor, the keyboard edits and
// runs it, and Tab leaves it; arrow keys move a slider; Enter starts a training run and Enter on
// Stop ends it; an exercise takes an answer typed and submitted with Enter and gives a verdict.
// No mouse event is sent anywhere in this spec.
import {openPage} from "./site-spec.js";

const MAX_TABS = 600; // more than any page has controls; a walk that never returns to the top fails

export default async function keyboardSpec(context) {
  const {check, log} = context;
  for (const colorScheme of ["light", "dark"]) {
    const opened = await openPage(context, "/notebook", {colorScheme});
    try {
      await focusRings(opened.page, "/notebook", colorScheme, context);
      if (colorScheme === "light") await notebookByKeyboard(opened.page, context);
    } catch (error) {
      check(false, `keyboard: /notebook (${colorScheme}): ${error.message}`);
    } finally {
      await opened.context.close();
    }
  }
  const opened = await openPage(context, "/initialization");
  try {
    await exerciseByKeyboard(opened.page, context);
  } catch (error) {
    check(false, `keyboard: /initialization: ${error.message}`);
  } finally {
    await opened.context.close();
  }
  log("keyboard: walked /notebook in both themes and answered an exercise on /initialization");
}

/** Tabs through the whole page from the top; every control of the content is reached, and each shows a focus ring. */
async function focusRings(page, path, colorScheme, {check, log}) {
  await page.evaluate(() => (document.activeElement?.blur(), window.scrollTo(0, 0)));
  await page.evaluate(() => document.body.focus());
  const seen = new Set();
  const noRing = [];
  let steps = 0;
  for (; steps < MAX_TABS; steps++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      el.dataset.kbId ??= String(Math.random()).slice(2);
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      const name = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.getAttribute("type") || el.tagName;
      return {id: el.dataset.kbId, tag: el.tagName.toLowerCase(), name, ring, inMain: Boolean(el.closest("#observablehq-main"))};
    });
    if (!focused) break;
    if (seen.has(focused.id)) break; // back at the start: the walk went round
    seen.add(focused.id);
    if (!focused.ring) noRing.push(`${focused.tag} "${focused.name}"`);
  }
  // every visible control of the content must have been reached
  const unreached = await page.evaluate((ids) => {
    const controls = document.querySelectorAll("#observablehq-main :is(button, input, select, textarea, a[href], [tabindex]:not([tabindex='-1']))");
    return Array.from(controls)
      .filter((el) => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden" && !el.closest("[hidden], [inert]"))
      .filter((el) => !ids.includes(el.dataset.kbId ?? ""))
      .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") || el.textContent.trim()).slice(0, 30)}"`);
  }, [...seen]);
  check(steps < MAX_TABS, `keyboard: ${path} (${colorScheme}): Tab goes round the page in fewer than ${MAX_TABS} steps`);
  check(unreached.length === 0, `keyboard: ${path} (${colorScheme}): Tab reaches every control of the page (${seen.size} reached${unreached.length ? `; not: ${unreached.slice(0, 5).join(", ")}` : ""})`);
  check(noRing.length === 0, `keyboard: ${path} (${colorScheme}): every focused control shows a focus ring${noRing.length ? `; these do not: ${noRing.slice(0, 5).join(", ")}` : ""}`);
  log(`keyboard: ${path} (${colorScheme}): ${seen.size} stops in the Tab order`);
}

async function notebookByKeyboard(page, {check}) {
  // label each cell with its source, cut from the page's embedded Markdown, to find cells by what they say
  await page.evaluate(() => {
    const markdown = JSON.parse(document.getElementById("live-page").dataset.livePage).source.split("\n");
    for (const el of document.querySelectorAll(".live-cell")) {
      const data = JSON.parse(el.dataset.live);
      el.dataset.testSource = data.source ?? markdown.slice(data.map[0] + 1, data.map[1] - 1).join("\n");
    }
  });
  const cellOf = (source) => `.live-cell[data-test-source*=${JSON.stringify(source)}]`;
  const outputText = (source) => page.evaluate((sel) => document.querySelector(`${sel} > .observablehq`)?.textContent.trim() ?? "", cellOf(source));
  const focus = (selector) => page.evaluate((s) => document.querySelector(s)?.focus(), selector);
  const activeIn = (selector) => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

  // Edit, change and run a cell, then leave the editor: Escape, then Tab
  const cell = cellOf("amplitude * 2");
  await focus(`${cell} > .live-bar .live-edit`);
  const onEdit = await page.evaluate((sel) => document.activeElement?.closest(sel) != null && document.activeElement.textContent.trim(), cell);
  check(onEdit === "Edit", `keyboard: the cell's Edit button takes focus (${onEdit})`);
  await page.keyboard.press("Enter");
  const opened = await page.waitForFunction((sel) => document.querySelector(`${sel} .cm-content`), cell, {timeout: 10000}).then(() => true, () => false);
  check(opened, "keyboard: Enter on Edit opens the editor");
  if (!(await activeIn(".cm-editor"))) await page.keyboard.press("Tab"); // the editor may follow its own toolbar
  check(await activeIn(`${cell} .cm-editor`), "keyboard: after Edit, the editor is reached from the keyboard");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText("amplitude * 7");
  await page.keyboard.press("Shift+Enter");
  const ran = await page.waitForFunction((sel) => document.querySelector(`${sel} > .observablehq`)?.textContent.trim() === "7", cell, {timeout: 8000}).then(() => true, () => false);
  check(ran, `keyboard: Shift+Enter in the editor runs the cell (${await outputText("amplitude * 2")})`);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  check(!(await activeIn(".cm-editor")), "keyboard: Escape then Tab leaves the editor");
  await page.keyboard.press("Shift+Tab");
  await focus(`${cell} .live-panel button`);
  const runButtons = await page.evaluate((sel) => Array.from(document.querySelectorAll(`${sel} button`), (b) => b.textContent.trim()), cell);
  check(runButtons.includes("Run") && runButtons.includes("Reset"), `keyboard: the open editor's Run and Reset are buttons (${runButtons.join(", ")})`);

  // a slider moves with the arrow keys
  const slider = 'form:has(input[type="range"][max="400"]) input[type="range"]';
  await focus(slider);
  const before = await page.evaluate((s) => document.querySelector(s)?.value, slider);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  const after = await page.evaluate((s) => document.querySelector(s)?.value, slider);
  check(before != null && Number(after) === Number(before) + 30, `keyboard: ArrowRight moves the "points" slider (${before} → ${after})`);

  // Enter on Train starts the run; Enter on its Stop ends it
  const training = cellOf("const run = trains");
  await page.evaluate(() => Array.from(document.querySelectorAll("button")).find((b) => b.textContent.trim() === "Train 3,000 epochs")?.focus());
  await page.keyboard.press("Enter");
  const running = await page.waitForFunction((sel) => /running/.test(document.querySelector(`${sel} .live-status`)?.textContent ?? ""), training, {timeout: 10000}).then(() => true, () => false);
  check(running, "keyboard: Enter on Train starts the training run");
  if (running) {
    await page.evaluate((sel) => Array.from(document.querySelectorAll(`${sel} button`)).find((b) => b.textContent.trim() === "Stop")?.focus(), training);
    await page.keyboard.press("Enter");
    const stopped = await page.waitForFunction((sel) => /stopped/.test(document.querySelector(`${sel} .live-status`)?.textContent ?? ""), training, {timeout: 5000}).then(() => true, () => false);
    check(stopped, "keyboard: Enter on Stop ends the run, and its status says so");
    const live = await page.evaluate((sel) => document.querySelector(`${sel} .live-status`)?.closest("[aria-live]")?.getAttribute("aria-live"), training);
    check(live === "polite", `keyboard: the run's status is announced politely (aria-live=${live})`);
  }
}

async function exerciseByKeyboard(page, {check}) {
  const exercise = await page.evaluate(() => {
    const box = document.querySelector(".nn-exercise");
    const input = box?.querySelector("input:not([type=range]), textarea");
    if (!input) return null;
    input.focus();
    return {hasVerdict: Boolean(box.querySelector("[aria-live]"))};
  });
  check(exercise != null, "keyboard: /initialization has an exercise with a text answer");
  if (!exercise) return;
  check(exercise.hasVerdict, "keyboard: the exercise's verdict is a live region");
  await page.keyboard.type("12345");
  await page.keyboard.press("Enter");
  const verdict = await page
    .waitForFunction(() => /✓|✗/.test(document.querySelector(".nn-exercise [aria-live]")?.textContent ?? ""), null, {timeout: 5000})
    .then(() => page.evaluate(() => document.querySelector(".nn-exercise [aria-live]").textContent.trim()), () => "");
  check(/✗/.test(verdict), `keyboard: an answer typed and submitted with Enter gets a verdict (${verdict.slice(0, 60)})`);
}

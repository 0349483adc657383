// Deep links land on their heading and stay there while the cells above it render
// (docs/theme/keepHeading.js): a URL with #heading, with and without the browser's scroll
// anchoring, a click in the table of contents while the page is still loading, and a reader who
// scrolls away is left alone. Target: /initialization, whose charts above a late heading add screens.

const PATH = "/initialization";
const HEADING = "in-the-engine"; // far down: about 15,000 px from the top once the page has rendered
const NEAR = 100; // px: the heading must end this close to the top of the window
const QUIET = 2000; // ms without the page or the heading moving that counts as settled
const LIMIT = 30_000; // ms to wait for that

export default async function deepLinkSpec({browser, baseUrl, check, log}) {
  // 1. Open a deep link: the heading is at the top once every cell above it has rendered. Chromium's
  // scroll anchoring sometimes keeps it there by itself and sometimes loses it by hundreds of
  // pixels; without scroll anchoring (Safari, say) it is lost by screens.
  const cases = [
    {viewport: {width: 1280, height: 900}, anchoring: true},
    {viewport: {width: 1280, height: 900}, anchoring: false},
    {viewport: {width: 390, height: 844}, anchoring: false}
  ];
  for (const {viewport, anchoring} of cases) {
    const name = `${PATH}#${HEADING} at ${viewport.width} px${anchoring ? "" : " without scroll anchoring"}`;
    await withPage(browser, viewport, anchoring, async (page) => {
      await page.goto(`${baseUrl}${PATH}#${HEADING}`, {waitUntil: "load"});
      const start = await position(page);
      const end = await settled(page);
      log(`${name}: the page grew ${end.offset - start.offset} px above the heading after load; the heading ends ${end.top} px from the top`);
      check(end.top >= 0 && end.top <= NEAR, `deep-link: ${name} ends with its heading within ${NEAR} px of the top (at ${end.top} px, after the page grew ${end.offset - start.offset} px above it)`);
    });
  }

  // 2. A click in the table of contents while the cells above are still rendering.
  await withPage(browser, {width: 1280, height: 900}, false, async (page) => {
    await page.goto(`${baseUrl}${PATH}`, {waitUntil: "load"});
    const start = await position(page);
    await page.click(`#observablehq-toc a[href="#${HEADING}"]`);
    const end = await settled(page);
    log(`${PATH}: table of contents → #${HEADING} without scroll anchoring: the page grew ${end.offset - start.offset} px above the heading after load; it ends ${end.top} px from the top`);
    check(end.top >= 0 && end.top <= NEAR, `deep-link: a table-of-contents click on ${PATH} while it loads, without scroll anchoring, ends with #${HEADING} within ${NEAR} px of the top (at ${end.top} px)`);
  });

  // 3. A reader who scrolls while the page loads keeps the place they scrolled to.
  await withPage(browser, {width: 1280, height: 900}, true, async (page) => {
    await page.goto(`${baseUrl}${PATH}#${HEADING}`, {waitUntil: "load"});
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, -600);
    const end = await settled(page);
    check(end.top > NEAR + 300, `deep-link: a reader who scrolls up from ${PATH}#${HEADING} is not pulled back to the heading (it ends ${end.top} px from the top)`);
  });
}

// A fresh page; with anchoring false, CSS scroll anchoring is off from the first byte.
async function withPage(browser, viewport, anchoring, body) {
  const context = await browser.newContext({viewport});
  if (!anchoring) {
    await context.addInitScript(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync("* { overflow-anchor: none !important; }");
      document.adoptedStyleSheets = [sheet];
    });
  }
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
  }
}

// Where the heading is: in the window (top) and in the document (offset).
function position(page) {
  return page.evaluate((id) => {
    const top = Math.round(document.getElementById(id).getBoundingClientRect().top);
    return {top, offset: top + Math.round(scrollY), height: document.documentElement.scrollHeight};
  }, HEADING);
}

// Waits until neither the page's height nor the heading's place has changed for QUIET ms.
async function settled(page) {
  const started = Date.now();
  let last = await position(page), since = Date.now();
  while (Date.now() - since < QUIET && Date.now() - started < LIMIT) {
    await page.waitForTimeout(200);
    const now = await position(page);
    if (now.top !== last.top || now.offset !== last.offset || now.height !== last.height) since = Date.now();
    last = now;
  }
  return last;
}

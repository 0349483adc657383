// The home page's chapter cards (docs/index.md): in each card's small figure, at a desktop and a
// 390 px phone width, no label written into the figure (a Plot text mark) overlaps another text of
// the figure (a label, a tick label, an axis label) or an axis tick.

const VIEWPORTS = [{width: 1280, height: 900}, {width: 390, height: 844}];
const SLACK = 1; // px: glyph boxes may touch

export default async function homeFiguresSpec({browser, baseUrl, check, log}) {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({viewport});
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`, {waitUntil: "load"});
      // the figures fill their slots one per animation frame
      const drawn = await page.waitForFunction(() => document.querySelector(".chapter-list") && !document.querySelector(".chapter-list .figure-slot"), null, {timeout: 15000}).then(() => true, () => false);
      check(drawn, `home-figures: at ${viewport.width} px every chapter card draws its figure`);
      const cards = await page.evaluate((slack) => {
        // a tick is a 1 px line, its box 0 px wide or high: give it its stroke's width
        const boxes = (svg, selector) =>
          Array.from(svg.querySelectorAll(selector), (e) => {
            const r = e.getBoundingClientRect(), pad = e.tagName === "path" ? 1 : 0;
            return {name: e.textContent.trim() || "a tick", box: {left: r.left - pad, right: r.right + pad, top: r.top - pad, bottom: r.bottom + pad}};
          });
        const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
        return Array.from(document.querySelectorAll(".chapter-list > li"), (li) => {
          const svg = li.querySelector("svg");
          if (!svg) return null;
          const labels = boxes(svg, 'g[aria-label="text"] text');
          const others = boxes(svg, 'g[aria-label$="axis tick"] path, g[aria-label$="axis tick label"] text, g[aria-label$="axis label"] text');
          const hits = [];
          labels.forEach((a, i) => {
            for (const b of [...labels.slice(i + 1), ...others]) if (overlap(a.box, b.box)) hits.push(`"${a.name}" × "${b.name}"`);
          });
          return {title: li.querySelector("h3")?.firstChild?.textContent ?? "?", labels: labels.length, hits};
        }).filter(Boolean);
      }, SLACK);
      log(`home-figures: at ${viewport.width} px, ${cards.length} figures with ${cards.reduce((n, c) => n + c.labels, 0)} labels`);
      for (const card of cards) {
        check(card.hits.length === 0, `home-figures: at ${viewport.width} px the labels in the figure of "${card.title}" overlap nothing${card.hits.length ? `; they do: ${card.hits.slice(0, 4).join(", ")}` : ""}`);
      }
    } finally {
      await context.close();
    }
  }
}

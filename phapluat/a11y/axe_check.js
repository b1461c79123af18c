// Runs axe-core (WCAG 2.0/2.1 A and AA rules) over pages of a running portal in headless Chromium.
// Input (stdin): {"chromium": "/usr/bin/chromium", "pages": [{"url": "...", "cookies": [{"name","value"}], "width": 412}]}
// Output (stdout): JSON list of {url, violations: [{id, impact, help, nodes: [target...]}], error}
const path = require('path');
const { launch } = require('./browser');
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function main() {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const browser = await launch(input.chromium);
  const results = [];
  try {
    for (const spec of input.pages) {
      const context = await browser.newContext({ viewport: { width: spec.width || 412, height: 900 } });
      if (spec.cookies && spec.cookies.length) {
        await context.addCookies(spec.cookies.map((c) => ({ ...c, url: spec.url })));
      }
      const page = await context.newPage();
      try {
        const response = await page.goto(spec.url, { waitUntil: 'load', timeout: 30000 });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(async (tags) => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
        }, TAGS);
        results.push({ url: spec.url, status: response ? response.status() : 0, violations: result });
      } catch (error) {
        results.push({ url: spec.url, status: 0, violations: [], error: String(error) });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => { process.stderr.write(String(error.stack || error)); process.exit(2); });

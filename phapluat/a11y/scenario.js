// Drives one page of a running portal in headless Chromium through a list of steps, for behaviour that only
// JavaScript gives (progressive enhancements). Input (stdin):
//   {"chromium": "/usr/bin/chromium", "width": 412, "cookies": [{"name", "value", "url"}],
//    "steps": [{"goto": url} | {"click": selector} | {"eval": "expression"}]}
// Output (stdout): JSON {"values": [result of each eval step, in order]}; a failing step exits 2 with the error.
const { launch } = require('./browser');

async function main() {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const browser = await launch(input.chromium);
  const values = [];
  try {
    const context = await browser.newContext({ viewport: { width: input.width || 412, height: 900 } });
    if (input.cookies && input.cookies.length) await context.addCookies(input.cookies);
    const page = await context.newPage();
    for (const step of input.steps) {
      if (step.goto) await page.goto(step.goto, { waitUntil: 'load', timeout: 30000 });
      else if (step.click) await page.click(step.click, { timeout: 10000 });
      else if (step.eval) values.push(await page.evaluate(step.eval));
      else throw new Error('unknown step ' + JSON.stringify(step));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ values }));
}

main().catch((error) => { process.stderr.write(String(error.stack || error)); process.exit(2); });

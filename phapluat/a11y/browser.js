// Headless Chromium (Debian's, not a downloaded one) for the browser checks, with the flags that keep it quiet.
const { chromium } = require('playwright-core');

function launch(executablePath) {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

module.exports = { launch };

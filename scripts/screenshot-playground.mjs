// Regenerates docs/playground.png, the README's picture of the playground: the Terraform folder example
// (two files, a cross-file finding), with the hover on a finding. Run it deliberately after a visible change (npm run build first); tests do not.
import { mkdirSync } from 'node:fs';
import { launchChromium, serveStatic, settled } from '../tests/browser/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const server = await serveStatic();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'light', deviceScaleFactor: 1 });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('#views .tab');
  await settled(page);
  const folder = await page.$$eval('#examples option', (options) => options.find((o) => o.textContent.endsWith('its provider lock')).value);
  await page.selectOption('#examples', folder);
  await settled(page);
  await page.hover('#editor .cm-lintRange >> nth=0');
  await page.waitForSelector('.cm-tooltip-lint');
  mkdirSync(`${root}/docs`, { recursive: true });
  await page.screenshot({ path: `${root}/docs/playground.png` });
  console.log('wrote docs/playground.png');
} finally {
  await browser.close();
  await server.close();
}

// What the browser tests, the benchmark and the screenshot script share: a static server for
// dist/playground on 127.0.0.1 (an ephemeral port) and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

export const PLAYGROUND_DIR = new URL('../../dist/playground/', import.meta.url).pathname;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serves `dir` as a static host would; `origin` is where, `close()` stops it. */
export async function serveStatic(dir = PLAYGROUND_DIR) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (!file.startsWith(dir)) throw new Error('outside the served folder');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Debian's Chromium (apt's `chromium`), headless, with nothing of its own that calls home. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Waits until the page has checked its latest input (the page sets body[data-lint] to done or failed). */
export async function settled(page, timeout = 15_000) {
  await page.waitForFunction(() => document.body.dataset.lint !== 'pending', null, { timeout });
  return page.evaluate(() => document.body.dataset.lint);
}

/** Replaces the manifest editor's text as a paste would. */
export async function pasteManifest(page, text) {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(text);
  return settled(page);
}

// Measures the playground's re-lint of a 2,000-line manifest in a real browser (Debian's Chromium): the
// time from the page asking its worker to check the edited text until the findings are on screen, and the
// part of it spent in the core. Prints the figures; it is a measurement, not a test.
// Usage: npm run build && node scripts/bench-playground.mjs [EDITS]
import { launchChromium, pasteManifest, serveStatic, settled } from '../tests/browser/harness.mjs';

const EDITS = Number(process.argv[2] ?? 40);

/** Deployments with a pinned and an unpinned image each, until the manifest has 2,000 lines. */
function manifest(lines) {
  const digest = 'sha256:' + '0123456789abcdef'.repeat(4);
  const documents = [];
  for (let i = 0; documents.join('\n').split('\n').length < lines; i++) {
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: shop
  labels: {app: service-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: service-${i}}
  template:
    metadata:
      labels: {app: service-${i}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/service-${i}:1.${i}.0
          ports:
            - containerPort: 8080
        - name: proxy
          image: envoyproxy/envoy:v1.31.0@${digest}
          resources:
            requests: {cpu: 100m, memory: 64Mi}
---`);
  }
  return documents.join('\n').split('\n').slice(0, lines).join('\n') + '\n';
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const server = await serveStatic();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('#views .tab');
  await page.fill('#file-name', 'deploy/services.yaml');
  const text = manifest(2000);
  await pasteManifest(page, text);
  const findings = await page.locator('#findings li').count();
  await page.click('#editor .cm-line >> nth=3');
  await page.keyboard.press('End');
  const roundTrips = [];
  const core = [];
  for (let i = 0; i < EDITS; i++) {
    await page.keyboard.type(i % 2 ? 'x' : 'y');
    if (i % 2) await page.keyboard.press('Backspace');
    if ((await settled(page)) !== 'done') throw new Error('a lint failed');
    const { ms, coreMs } = await page.$eval('#summary', (summary) => ({ ms: Number(summary.dataset.ms), coreMs: Number(summary.dataset.coreMs) }));
    roundTrips.push(ms);
    core.push(coreMs);
  }
  roundTrips.sort((a, b) => a - b);
  core.sort((a, b) => a - b);
  console.log(`re-lint of a ${text.split('\n').length - 1}-line manifest (${findings} findings), ${EDITS} edits in Chromium:`);
  console.log(`  page round trip (worker + findings on screen): median ${percentile(roundTrips, 50).toFixed(1)} ms, p90 ${percentile(roundTrips, 90).toFixed(1)} ms, max ${roundTrips.at(-1).toFixed(1)} ms`);
  console.log(`  core in the worker:                           median ${percentile(core, 50).toFixed(1)} ms, p90 ${percentile(core, 90).toFixed(1)} ms`);
} finally {
  await browser.close();
  await server.close();
}

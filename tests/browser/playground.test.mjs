// The playground in a real browser (Debian's Chromium): what a person sees when typing, pasting, sharing,
// switching kinds, loading examples and feeding it bad input; and that no request leaves the page's origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { launchChromium, pasteManifest, serveStatic, settled } from './harness.mjs';

const root = new URL('../..', import.meta.url).pathname;
const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.25
    - name: tool
      image: ghcr.io/Acme/tool:1
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env:
            - name: DB_PASSWORD
              value: hunter2
`;

// The folder examples' findings, as the list shows them (path:line:column rule | message), and their tabs.
const EXPECTED_TERRAFORM_TABS = ['*main.tf (2)', '.terraform.lock.hcl'];
const EXPECTED_TERRAFORM = [
  'main.tf:12:17 unlocked-provider | provider registry.terraform.io/hashicorp/random is required but not locked in .terraform.lock.hcl; run terraform init',
  'main.tf:23:13 unpinned-module | registry module vpc (terraform-aws-modules/vpc/aws) version ~> 5.5 is a range, not one exact release',
];
const EXPECTED_CHART_TABS = ['*Chart.yaml (1)', 'Chart.lock (2)'];
const EXPECTED_CHART = [
  'Chart.lock:4:12 helm-lock-mismatch | dependency postgresql is locked at 12.12.10 in Chart.lock, outside ^13.2.0 in Chart.yaml; run helm dependency update',
  "Chart.lock:8:9 helm-lock-mismatch | Chart.lock digest sha256:c0779b1e4660dabd9146c18736ba200c57002a1c10ced45b5af5bff4f863e0f6 does not match Chart.yaml's dependencies (Helm computes sha256:25c8a958a34cfb5dfa3c92a7a510d4f428aa5bb83830074a6fc7146ed0338076); run helm dependency update",
  'Chart.yaml:12:11 helm-lock-mismatch | dependency minio is not in Chart.lock; run helm dependency update',
];
const EXPECTED_COMPOSE = [
  `compose.yaml:3:12 unpinned-image | image evil:latest (written \${IMG:-nginx@${DIGEST}}) is not pinned by digest; latest moves with every push`,
  'compose.yaml:7:12 unpinned-image | image redis:7.2 (written redis:${REDIS_TAG:-7}) is not pinned by digest',
  'compose.yaml:11:12 unanalyzable-reference | image ${PROXY_IMAGE} depends on REGISTRY, which this file does not define; fixity cannot tell whether it is pinned',
];
const EXPECTED_LOCK_TABS = ['*deploy/web.yaml (2)', 'fixity.lock.json'];
const EXPECTED_LOCK = [
  'deploy/web.yaml:7:13 lock-mismatch | k8s:apps/Deployment:shop/web differs from fixity.lock.json: changed /spec/replicas, /spec/template/spec/containers/name=web/image',
  'deploy/web.yaml:16:18 unpinned-image | image nginx:1.27 is not pinned by digest',
];

let server;
let browser;
/** Every URL any page asked for, in every test. */
const requested = [];

before(async () => {
  server = await serveStatic();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page at `fragment`, its errors failing the test, its requests recorded. */
async function openPlayground(t, fragment = '', { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  t.after(() => context.close());
  const errors = [];
  context.on('request', (request) => requested.push(request.url()));
  context.on('weberror', (error) => errors.push(error.error().message));
  t.after(() => assert.deepEqual(errors, [], 'uncaught errors in the page'));
  const page = await context.newPage();
  await page.goto(`${server.origin}/${fragment}`);
  await page.waitForSelector('#views .tab');
  await settled(page);
  return page;
}

/** The findings list as `SEVERITY LINE:COLUMN rule: message`. */
const listedFindings = (page) =>
  page.$$eval('#findings li', (items) =>
    items.map((li) => `${li.querySelector('.severity').textContent} ${li.querySelector('.position').textContent} ${li.querySelector('.rule-link').textContent}: ${li.querySelector('.message').textContent}`),
  );

/** The editor's underlined ranges as `severity text`. */
const markedRanges = (page) =>
  page.$$eval('#editor .cm-lintRange', (marks) => marks.map((m) => `${m.className.match(/cm-lintRange-(\w+)/)[1]} ${m.textContent}`));

const editorText = (page) => page.$$eval('#editor .cm-line', (lines) => lines.map((l) => l.textContent).join('\n'));

test('a pasted manifest shows the core findings: list, underlines, gutter markers, hover and rule docs', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', '');
  assert.equal(await pasteManifest(page, POD), 'done');
  assert.deepEqual(await listedFindings(page), [
    'error 8:14 unpinned-image: image nginx:1.25 is not pinned by digest',
    'error 10:14 invalid-image-reference: image ghcr.io/Acme/tool:1 is not a valid image reference: the repository path Acme/tool has uppercase letters; it must be lowercase',
  ]);
  assert.deepEqual(await markedRanges(page), ['error nginx:1.25', 'error ghcr.io/Acme/tool:1']);
  assert.equal(await page.locator('#editor .cm-lint-marker-error').count(), 2);
  assert.equal(await page.textContent('#detected'), 'detected: Kubernetes');
  assert.match(await page.textContent('#summary'), /^Found 2 findings in 1 file: 2 errors\. Checked in \d+ ms\.$/);

  await page.hover('#editor .cm-lintRange >> nth=0');
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.equal(await tooltip.textContent(), 'unpinned-image: image nginx:1.25 is not pinned by digest');
  await tooltip.locator('.rule-link').click();
  assert.equal(await page.isVisible('#rules-view'), true);
  const docs = page.locator('#rule-unpinned-image');
  assert.match(await docs.textContent(), /Resolve the tag to its digest/);
  assert.equal(await docs.evaluate((el) => el.getBoundingClientRect().top < innerHeight), true);
});

test('typing re-lints: pinning an image removes its finding', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'pod.yaml');
  await pasteManifest(page, POD);
  await page.click('#editor .cm-line >> nth=7');
  await page.keyboard.press('End');
  await page.keyboard.type(`@${DIGEST}`);
  await settled(page);
  assert.deepEqual(await markedRanges(page), ['error ghcr.io/Acme/tool:1']);
  assert.match((await editorText(page)).split('\n')[7], /image: nginx:1.25@sha256:0123/);
});

test('clicking a finding puts the cursor on it', async (t) => {
  const page = await openPlayground(t);
  await pasteManifest(page, POD);
  await page.click('#findings li >> nth=1 >> .finding');
  assert.equal(await page.textContent('#editor .cm-activeLine'), '      image: ghcr.io/Acme/tool:1');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ghcr.io/Acme/tool:1');
});

test('the kind is detected by the core, and the picker overrides it', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', '');
  await pasteManifest(page, 'services:\n  web:\n    image: nginx:1.25\n');
  assert.equal(await page.textContent('#detected'), 'detected: Docker Compose');
  assert.deepEqual(await listedFindings(page), ['error 3:12 unpinned-image: image nginx:1.25 is not pinned by digest']);

  await page.selectOption('#kind', 'kubernetes');
  await settled(page);
  assert.deepEqual(await listedFindings(page), []);
  assert.match(await page.textContent('#summary'), /^No findings in 1 file\./);

  // A named file is read by its content when its name says nothing, as on the command line.
  await page.selectOption('#kind', '');
  await page.fill('#file-name', 'notes.txt');
  await settled(page);
  assert.equal(await page.textContent('#detected'), 'detected: Docker Compose');
  await pasteManifest(page, 'Remember to pin the images.\n');
  assert.equal(await page.textContent('#detected'), 'not recognized');
  assert.match(await page.textContent('#summary'), /^fixity checks nothing in this text/);

  await page.selectOption('#kind', 'dockerfile');
  await pasteManifest(page, 'FROM alpine:3.20\n');
  assert.deepEqual(await listedFindings(page), ['error 1:6 unpinned-image: image alpine:3.20 is not pinned by digest']);
});

test('a share link restores content, file name, kind and configuration', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'web/pod.yaml');
  await page.selectOption('#kind', 'kubernetes');
  await page.click('#config-pane summary');
  await page.click('#config-editor .cm-content');
  await page.keyboard.insertText('rules:\n  invalid-image-reference:\n    severity: warning\n');
  await pasteManifest(page, POD);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#share='));
  const link = page.url();
  const before = await listedFindings(page);
  assert.equal(before[1].startsWith('warning 10:14 invalid-image-reference'), true);

  const restored = await openPlayground(t, link.slice(link.indexOf('#')));
  assert.equal(await restored.inputValue('#file-name'), 'web/pod.yaml');
  assert.equal(await restored.inputValue('#kind'), 'kubernetes');
  assert.equal(await editorText(restored), POD.replace(/\n$/, '\n'));
  assert.equal(await restored.textContent('#config-state'), 'applied');
  assert.deepEqual(await listedFindings(restored), before);
});

test('a damaged share link says so and starts with an empty editor', async (t) => {
  for (const fragment of ['#share=not*base64', '#share=AAAA', '#share=' + 'q1YqS8wpTVWyMjQ']) {
    const page = await openPlayground(t, fragment);
    assert.match(await page.textContent('#notice-text'), /^This share link cannot be opened: .+\. The editor starts empty\.$/);
    assert.equal(await editorText(page), '');
    assert.equal(await page.inputValue('#file-name'), '');
    assert.equal(await page.isVisible('header'), true);
  }
});

test('every example shows findings, and together they show the rules', async (t) => {
  const page = await openPlayground(t);
  const examples = await page.$$eval('#examples option', (options) => options.filter((o) => o.value !== '').map((o) => o.value));
  assert.ok(examples.length >= 4, `only ${examples.length} examples`);
  const rules = new Set();
  for (const example of examples) {
    await page.selectOption('#examples', example);
    assert.equal(await settled(page), 'done');
    const findings = await listedFindings(page);
    assert.ok(findings.length >= 2, `example ${example} (${await page.inputValue('#file-name')}) shows ${findings.length} findings`);
    for (const finding of findings) rules.add(finding.split(' ')[2].replace(/:$/, ''));
  }
  assert.ok(rules.size >= 4, `the examples show only ${[...rules]}`);
});

test('the configuration is applied, and its errors are shown without stopping the run', async (t) => {
  const page = await openPlayground(t);
  await pasteManifest(page, POD);
  await page.click('#config-pane summary');
  await page.click('#config-editor .cm-content');
  await page.keyboard.insertText('rules:\n  unpinned-image:\n    severity: loud\n');
  await settled(page);
  assert.equal(await page.textContent('#config-error'), '.fixity.yml:3:15: unknown severity `loud` (expected error, warning, note or off). The run goes on without the configuration.');
  assert.equal(await page.textContent('#config-state'), 'error: not applied');
  assert.equal(await page.locator('#config-editor .cm-lint-marker-error').count(), 1);
  assert.equal((await listedFindings(page)).length, 2);

  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('rules:\n  unpinned-image:\n    severity: off\n');
  await settled(page);
  assert.equal(await page.isVisible('#config-error'), false);
  assert.deepEqual((await listedFindings(page)).map((f) => f.split(':')[0]), ['error 10']);
});

test('the report views show the CLI formats, with copy and download', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'pod.yaml');
  await pasteManifest(page, POD);
  const tabs = await page.$$eval('#views .tab', (tabs) => tabs.map((tab) => tab.dataset.view));
  assert.deepEqual(tabs.slice(0, 3), ['findings', 'text', 'json']);
  assert.equal(tabs.at(-1), 'rules');
  await page.click('#views [data-view="json"]');
  await settled(page);
  const report = JSON.parse(await page.textContent('#format-output'));
  assert.deepEqual(report.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule}`), ['pod.yaml:8:14 unpinned-image', 'pod.yaml:10:14 invalid-image-reference']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'fixity.json');
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), report);

  await page.click('#views [data-view="text"]');
  await settled(page);
  assert.match(await page.textContent('#format-output'), /^pod\.yaml:8:14: error\[unpinned-image\] image `nginx:1\.25` is not pinned by digest$/m);
});

test('the Lock view shows the lock the CLI would write, or one line on why there is none', async (t) => {
  const page = await openPlayground(t);
  // Which requests asked the worker for a lock: typing must not pay for one while the Lock view is closed.
  const [worker] = page.workers();
  await worker.evaluate(() => {
    const lint = onmessage;
    self.lockRequested = [];
    onmessage = (event) => (self.lockRequested.push(event.data.lock), lint(event));
  });
  const lockRequested = () => worker.evaluate(() => self.lockRequested.splice(0));
  await page.fill('#file-name', 'deploy/web.yaml');
  await pasteManifest(page, DEPLOYMENT);
  assert.deepEqual([...new Set(await lockRequested())], [false]);
  const tabs = await page.$$eval('#views .tab', (tabs) => tabs.map((tab) => tab.dataset.view));
  assert.deepEqual(tabs.slice(-2), ['lock', 'rules']);
  await page.click('#views [data-view="lock"]');
  assert.equal(await settled(page), 'done');
  const shown = await page.textContent('#format-output');
  assert.match(shown, /^ {2}"profile": "fx1",$/m);
  const lock = JSON.parse(shown);
  const source = await page.inputValue('#file-name');
  assert.deepEqual(Object.keys(lock.resources), [source]);
  assert.deepEqual(Object.keys(lock.resources[source]), ['k8s:apps/Deployment:shop/web']);
  const web = lock.resources[source]['k8s:apps/Deployment:shop/web'];
  assert.equal(web.leaves['/spec/template/spec/containers/name=web/env/name=DB_PASSWORD/value'], 'redacted');
  assert.match(await page.textContent('#lock-note'), /secret values are recorded redacted/);
  assert.equal(await page.isVisible('#lock-note'), true);
  assert.deepEqual(await lockRequested(), [true]);

  // Byte for byte what `fixity lock` writes for the same file.
  const dir = mkdtempSync(`${tmpdir()}/fixity-lock-`);
  mkdirSync(`${dir}/deploy`);
  writeFileSync(`${dir}/deploy/web.yaml`, DEPLOYMENT);
  execFileSync(process.execPath, [`${root}/dist/cli.mjs`, 'lock', 'deploy/web.yaml'], { cwd: dir, env: { ...process.env, FIXITY_HMAC_KEY: '' }, stdio: 'pipe' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'fixity.lock.json');
  assert.equal(readFileSync(await download.path(), 'utf8'), readFileSync(`${dir}/fixity.lock.json`, 'utf8'));

  // The configuration's `lock:` names the file.
  await page.click('#config-pane summary');
  await page.click('#config-editor .cm-content');
  await page.keyboard.insertText('lock: locks/prod.lock.json\n');
  await settled(page);
  const [named] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(named.suggestedFilename(), 'prod.lock.json');

  await page.fill('#file-name', 'Dockerfile');
  await pasteManifest(page, 'FROM alpine:3.20\n');
  assert.equal(
    await page.textContent('#output-message'),
    'Nothing to lock: prod.lock.json records the resources of Terraform plan (JSON), Pulumi preview (JSON) and Kubernetes, and this input (Dockerfile) has none.',
  );
  for (const hidden of ['#format-output', '#output-actions', '#lock-note']) assert.equal(await page.isVisible(hidden), false, hidden);

  await page.fill('#file-name', 'half.yaml');
  await pasteManifest(page, DEPLOYMENT.slice(0, DEPLOYMENT.indexOf('  selector')) + '  selector: [');
  assert.equal(
    await page.textContent('#output-message'),
    'No lock is made for a file that fails to parse or declares a resource twice (a lock is never partial): 7:14 invalid YAML: while parsing a node, did not find expected node content.',
  );
  assert.equal(await page.isVisible('#format-output'), false);

  await lockRequested();
  await page.click('#views [data-view="findings"]');
  await pasteManifest(page, DEPLOYMENT);
  assert.deepEqual([...new Set(await lockRequested())], [false]);
});

/** The file tabs as `name` (`name (n)` with n findings), the shown one marked `*`. */
const fileTabs = (page) =>
  page.$$eval('#files .file-tab', (tabs) =>
    tabs.map((tab) => {
      const count = tab.querySelector('.file-count')?.textContent;
      return `${tab.classList.contains('current') ? '*' : ''}${tab.querySelector('.file-label').textContent}${count ? ` (${count})` : ''}`;
    }),
  );

/** The findings list with each finding's file: `PATH LINE:COLUMN rule`. */
const findingsWithPaths = (page) =>
  page.$$eval('#findings li', (items) => items.map((li) => `${li.querySelector('.path').textContent} ${li.querySelector('.position').textContent} ${li.querySelector('.rule-link').textContent}`));

test('files: add, rename and delete tabs; findings of every file, each listed with its path', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'pod.yaml');
  await pasteManifest(page, POD);
  assert.deepEqual(await fileTabs(page), ['*pod.yaml (2)']);
  assert.equal(await page.isVisible('#files .file-close'), false, 'the only file cannot be deleted');
  assert.equal(await page.isVisible('#findings .path'), false, 'one file: no path in the list');

  await page.click('#add-file');
  assert.equal(await page.inputValue('#file-name'), 'file2.yaml');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-name');
  await page.fill('#file-name', 'Dockerfile');
  await pasteManifest(page, 'FROM alpine:3.20\n');
  assert.deepEqual(await fileTabs(page), ['pod.yaml (2)', '*Dockerfile (1)']);
  assert.equal(await page.textContent('#detected'), 'detected: Dockerfile');
  assert.deepEqual(await findingsWithPaths(page), ['Dockerfile 1:6 unpinned-image', 'pod.yaml 8:14 unpinned-image', 'pod.yaml 10:14 invalid-image-reference']);
  assert.match(await page.textContent('#summary'), /^Found 3 findings in 2 files: 3 errors\./);
  assert.deepEqual(await markedRanges(page), ['error alpine:3.20']);

  // Clicking a finding of another file opens its tab and selects the reference.
  await page.click('#findings li >> nth=2 >> .finding');
  assert.deepEqual(await fileTabs(page), ['*pod.yaml (2)', 'Dockerfile (1)']);
  assert.equal(await page.inputValue('#file-name'), 'pod.yaml');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ghcr.io/Acme/tool:1');
  assert.deepEqual(await markedRanges(page), ['error nginx:1.25', 'error ghcr.io/Acme/tool:1']);

  // Each tab keeps its own text; a name that says nothing leaves the kind to the content, as on the command line.
  await page.click('#files .file-tab >> nth=1 >> .file-open');
  assert.equal(await editorText(page), 'FROM alpine:3.20\n');
  await page.fill('#file-name', 'notes.txt');
  await settled(page);
  assert.deepEqual(await fileTabs(page), ['pod.yaml (2)', '*notes.txt (1)']);
  assert.equal(await page.textContent('#detected'), 'detected: Dockerfile');
  // The kind picker applies to the shown file only.
  await page.selectOption('#kind', 'kubernetes');
  await settled(page);
  assert.deepEqual(await fileTabs(page), ['pod.yaml (2)', '*notes.txt']);
  await page.click('#files .file-tab >> nth=0 >> .file-open');
  assert.equal(await page.inputValue('#kind'), '');
  assert.deepEqual(await markedRanges(page), ['error nginx:1.25', 'error ghcr.io/Acme/tool:1']);

  await page.click('#files .file-tab >> nth=0 >> .file-close');
  await settled(page);
  assert.deepEqual(await fileTabs(page), ['*notes.txt']);
  assert.equal(await editorText(page), 'FROM alpine:3.20\n');
  assert.equal(await page.inputValue('#kind'), 'kubernetes');
  assert.equal(await page.isVisible('#files .file-close'), false);
  await page.selectOption('#kind', '');
  await settled(page);
  assert.deepEqual(await listedFindings(page), ['error 1:6 unpinned-image: image alpine:3.20 is not pinned by digest']);
});

test('a folder example shows its cross-file findings: provider lock, chart lock, .env, fixity.lock.json', async (t) => {
  const page = await openPlayground(t);
  const examples = await page.$$eval('#examples option', (options) => Object.fromEntries(options.map((o) => [o.textContent, o.value])));
  const open = async (title) => {
    await page.selectOption('#examples', examples[title]);
    assert.equal(await settled(page), 'done');
  };
  const messages = () => page.$$eval('#findings li', (items) => items.map((li) => `${li.querySelector('.path').textContent}:${li.querySelector('.position').textContent} ${li.querySelector('.rule-link').textContent} | ${li.querySelector('.message').textContent}`));

  await open('Terraform: a root module and its provider lock');
  assert.deepEqual(await fileTabs(page), EXPECTED_TERRAFORM_TABS);
  assert.deepEqual(await messages(), EXPECTED_TERRAFORM);

  await open('Helm Chart.yaml: a chart and its Chart.lock');
  assert.deepEqual(await fileTabs(page), EXPECTED_CHART_TABS);
  assert.deepEqual(await messages(), EXPECTED_CHART);

  await open('Docker Compose: a compose file and its .env');
  assert.deepEqual(await messages(), EXPECTED_COMPOSE);

  await open('Kubernetes: a manifest changed since fixity.lock.json');
  assert.deepEqual(await fileTabs(page), EXPECTED_LOCK_TABS);
  assert.deepEqual(await messages(), EXPECTED_LOCK);
  await page.click('#files .file-tab >> nth=1 >> .file-open');
  assert.equal(await page.textContent('#detected'), 'the lock: verified against the other files');
  // The Lock view locks every file but the lock itself.
  await page.click('#add-file');
  await page.fill('#file-name', 'deploy/cache.yaml');
  await pasteManifest(page, DEPLOYMENT.replaceAll('web', 'cache'));
  await page.click('#views [data-view="lock"]');
  assert.equal(await settled(page), 'done');
  const lock = JSON.parse(await page.textContent('#format-output'));
  assert.deepEqual(Object.entries(lock.resources).map(([file, resources]) => `${file} ${Object.keys(resources)}`), ['deploy/cache.yaml k8s:apps/Deployment:shop/cache', 'deploy/web.yaml k8s:apps/Deployment:shop/web']);
});

test('a share link holds every file, its kind, the file shown and the configuration', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'web/pod.yaml');
  await pasteManifest(page, POD);
  await page.click('#add-file');
  await page.fill('#file-name', 'build/Containerfile');
  await page.selectOption('#kind', 'dockerfile');
  await pasteManifest(page, 'FROM alpine:3.20\n');
  await page.click('#add-file');
  await page.fill('#file-name', 'compose.yaml');
  await pasteManifest(page, 'services:\n  db:\n    image: postgres\n');
  await page.click('#files .file-tab >> nth=1 >> .file-open');
  await page.click('#config-pane summary');
  await page.click('#config-editor .cm-content');
  await page.keyboard.insertText('rules:\n  invalid-image-reference:\n    severity: warning\n');
  await settled(page);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#share='));
  const link = page.url();
  const before = await findingsWithPaths(page);
  assert.equal(before.length, 4);

  const restored = await openPlayground(t, link.slice(link.indexOf('#')));
  assert.deepEqual(await fileTabs(restored), ['web/pod.yaml (2)', '*build/Containerfile (1)', 'compose.yaml (1)']);
  assert.equal(await restored.inputValue('#file-name'), 'build/Containerfile');
  assert.equal(await restored.inputValue('#kind'), 'dockerfile');
  assert.equal(await editorText(restored), 'FROM alpine:3.20\n');
  assert.equal(await restored.textContent('#config-state'), 'applied');
  assert.deepEqual(await findingsWithPaths(restored), before);
  await restored.click('#files .file-tab >> nth=0 >> .file-open');
  assert.equal(await editorText(restored), POD);
  assert.equal(await restored.inputValue('#kind'), '');
});

test('a share link from before the playground held several files still opens', async (t) => {
  // What share.js wrote then: {v: 1, text, name, kind, config}, deflated, base64url.
  const state = { v: 1, text: POD, name: 'web/pod.yaml', kind: 'kubernetes', config: 'rules:\n  invalid-image-reference:\n    severity: warning\n' };
  const page = await openPlayground(t, '#share=' + deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url'));
  assert.deepEqual(await fileTabs(page), ['*web/pod.yaml (2)']);
  assert.equal(await page.inputValue('#kind'), 'kubernetes');
  assert.equal(await editorText(page), POD);
  assert.equal(await page.textContent('#config-state'), 'applied');
  assert.deepEqual(await listedFindings(page), [
    'error 8:14 unpinned-image: image nginx:1.25 is not pinned by digest',
    'warning 10:14 invalid-image-reference: image ghcr.io/Acme/tool:1 is not a valid image reference: the repository path Acme/tool has uppercase letters; it must be lowercase',
  ]);
});

test('bad input: binary junk, an alias bomb and half a document become diagnostics', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'Dockerfile');
  await pasteManifest(page, 'FROM alpine\u0000\u0001\u0002\uFFFD garbage');
  assert.deepEqual(await listedFindings(page), ['error 1:1 parse-error: binary file (it contains NUL bytes), not a manifest']);

  await page.fill('#file-name', 'bomb.yaml');
  await pasteManifest(page, readFileSync(`${root}/tests/fixtures/bad/alias-bomb.yaml`, 'utf8'));
  assert.deepEqual((await listedFindings(page)).map((f) => f.split(': ')[0]), ['error 1:1 parse-error']);

  await page.fill('#file-name', 'half.yaml');
  const half = POD.slice(0, POD.indexOf('- name: tool')) + '- name: "tool\n      image: [';
  assert.equal(await pasteManifest(page, half), 'done');
  const findings = await listedFindings(page);
  assert.ok(findings.some((f) => /parse-error: invalid YAML/.test(f)), findings.join('\n'));
  assert.equal(await editorText(page), half);
});

test('a 10 MB paste keeps the page responsive and the text intact', async (t) => {
  const page = await openPlayground(t);
  await page.fill('#file-name', 'big.yaml');
  const filler = '    # padding padding padding padding padding padding padding padding padding padding\n'.repeat(120_000);
  const big = POD + `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: |\n${filler}`;
  const lines = big.split('\n').length;
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const paste = new ClipboardEvent('paste', { clipboardData: new DataTransfer(), bubbles: true, cancelable: true });
    paste.clipboardData.setData('text/plain', text);
    document.querySelector('#editor .cm-content').dispatchEvent(paste);
  }, big);
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  assert.ok(Date.now() - started < 2000, 'the page answered late');
  const outcome = await settled(page, 30_000);
  if (outcome === 'done') assert.deepEqual((await listedFindings(page)).map((f) => f.split(': ')[0]), ['error 8:14 unpinned-image', 'error 10:14 invalid-image-reference']);
  else assert.match(await page.textContent('#notice-text'), /took over \d+ s and was stopped/);
  await page.keyboard.press('Control+End');
  await page.waitForFunction((n) => [...document.querySelectorAll('#editor .cm-lineNumbers .cm-gutterElement')].some((e) => e.textContent === String(n)), lines);
  assert.ok(big.length > 10_000_000);
});

test('a lint that runs too long is stopped, the worker replaced, and the text kept', async (t) => {
  // The page is given a worker that hangs on text containing HANG and is the real worker otherwise, so the
  // watchdog is exercised without depending on how fast the core is.
  const context = await browser.newContext();
  t.after(() => context.close());
  context.on('request', (request) => requested.push(request.url()));
  let workersStarted = 0;
  await context.route((url) => url.pathname === '/worker.js' && url.search === '', (route) => {
    workersStarted++;
    route.fulfill({
      contentType: 'text/javascript',
      body: "import './worker.js?real';\nconst real = onmessage;\nonmessage = (event) => { if (event.data.files.some((f) => f.text.includes('HANG'))) for (;;); real(event); };\n",
    });
  });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await settled(page);
  assert.equal(await pasteManifest(page, `# HANG\n${POD}`), 'failed');
  assert.match(await page.textContent('#notice-text'), /^Checking took over 4 s and was stopped\. Your text is untouched; edit it to check again\.$/);
  assert.equal(await editorText(page), `# HANG\n${POD}`);
  assert.equal(workersStarted, 2);

  await page.click('#editor .cm-line >> nth=0');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  assert.equal(await settled(page), 'done');
  assert.equal((await listedFindings(page)).length, 2);
});

test('a narrow screen stacks the editor above the results; a screenshot goes to test-output/', async (t) => {
  const page = await openPlayground(t, '', { viewport: { width: 390, height: 844 } });
  const editor = await page.locator('#editor').boundingBox();
  const results = await page.locator('.output').boundingBox();
  assert.ok(results.y >= editor.y + editor.height, 'results are not below the editor');
  assert.ok(editor.width <= 390);
  mkdirSync(`${root}/test-output`, { recursive: true });
  await page.screenshot({ path: `${root}/test-output/playground-narrow.png`, fullPage: true });
  const wide = await openPlayground(t);
  await wide.screenshot({ path: `${root}/test-output/playground.png` });
});

test('no request leaves the page origin', () => {
  assert.ok(requested.length > 0);
  assert.deepEqual(requested.filter((url) => !url.startsWith(`${server.origin}/`)), []);
});

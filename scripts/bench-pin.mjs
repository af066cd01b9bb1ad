// `npm run bench:pin`: `fixity pin` of 1,000 unique images and 200 unique actions against loopback servers
// (a registry answering every manifest, a git server answering every `ls-refs`), timed from the process's
// start to its end. Needs `npm run build` first. Not a test: the time is printed, and the README quotes it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGES = 1000;
const ACTIONS = 200;

const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
const commit = '11bd71901bbe5b1630ceea73d27597364c9af683';
const pkt = (line) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
const refs = [pkt(`${commit} refs/tags/v4\n`), pkt(`${commit} refs/tags/v4.2.2\n`), '0000'].join('');

let requests = 0;
const server = createServer((request, response) => {
  requests++;
  request.resume();
  if (request.url.startsWith('/v2/')) {
    response.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': digest });
    return response.end(manifest);
  }
  response.writeHead(200, { 'content-type': 'application/x-git-upload-pack-result' });
  response.end(refs);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const host = `127.0.0.1:${server.address().port}`;

const dir = mkdtempSync(join(tmpdir(), 'fixity-bench-pin-'));
mkdirSync(join(dir, 'deploy'));
mkdirSync(join(dir, '.github/workflows'), { recursive: true });
for (let f = 0; f < 50; f++) {
  const containers = Array.from({ length: IMAGES / 50 }, (_, i) => `    - name: c${i}\n      image: ${host}/team${f}/app${i}:1.${i}\n`).join('');
  writeFileSync(join(dir, `deploy/pod${f}.yaml`), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${f}\nspec:\n  containers:\n${containers}`);
}
for (let f = 0; f < 10; f++) {
  const steps = Array.from({ length: ACTIONS / 10 }, (_, i) => `      - uses: org${f}/action${i}@v4\n`).join('');
  writeFileSync(join(dir, `.github/workflows/ci${f}.yml`), `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
}

const started = performance.now();
const result = await new Promise((resolve) => {
  const child = spawn(process.execPath, [join(root, 'dist/cli.mjs'), 'pin', '--format', 'json'], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, GITHUB_SERVER_URL: `http://${host}` } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.pipe(process.stderr);
  child.on('close', (code) => resolve({ code, stdout }));
});
const seconds = (performance.now() - started) / 1000;
server.close();
const report = JSON.parse(result.stdout);
const pinned = readFileSync(join(dir, 'deploy/pod0.yaml'), 'utf8').split(`@${digest}`).length - 1;
rmSync(dir, { recursive: true, force: true });
if (result.code !== 0 || report.changes.length !== IMAGES + ACTIONS || pinned !== IMAGES / 50) {
  console.error(`fixity pin failed: exit ${result.code}, ${report.changes.length} changes, ${report.unresolved.length} unresolved`);
  process.exit(1);
}
console.log(`fixity pin: ${IMAGES} images and ${ACTIONS} actions in ${seconds.toFixed(2)} s (${requests} requests)`);

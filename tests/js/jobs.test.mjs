// `--jobs N`: check and lock on worker threads, as processes on the built dist/. A corpus large enough to
// start workers gives byte for byte the same reports (every format), lock and exit status with 1, 2 and
// 4 workers, cross-file rules (Terraform provider locks, Helm Chart.lock, Compose .env) included, and lock
// verification (which stays on one instance); Node's own worker log (NODE_DEBUG=worker) shows how many
// workers ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './helpers.mjs';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'];

/**
 * The built CLI in `cwd`, with Node's worker log on standard error; `stderr` keeps only fixity's own
 * lines (Node's log spans several lines per worker).
 */
function fixity(args, cwd) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.mjs'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_DEBUG: 'worker' } });
  // Node's log names each worker it starts once with this line.
  const workers = (r.stderr.match(/created Worker with ID/g) ?? []).length;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((line) => /^(fixity|Wrote)\b/.test(line)).join('\n'), workers };
}

/** Every format of one check as `{format: text}`, its exit status and how many workers it started. */
function everyFormat(args, cwd) {
  const out = mkdtempSync(join(tmpdir(), 'fixity-reports-'));
  const reports = FORMATS.slice(1).flatMap((format) => ['--report', `${format}=${join(out, format)}`]);
  const r = fixity(['check', ...args, '--format', 'text', ...reports], cwd);
  assert.equal(r.stderr, '', `check ${args.join(' ')}`);
  const texts = { text: r.stdout, ...Object.fromEntries(FORMATS.slice(1).map((format) => [format, readFileSync(join(out, format), 'utf8')])) };
  rmSync(out, { recursive: true });
  return { code: r.code, texts, workers: r.workers };
}

/** A Kubernetes stream of `count` Deployments named after `name`, some images pinned, most not. */
function deployments(name, count) {
  const one = (n) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}-${n}\n  namespace: team-${n % 7}\nspec:\n  replicas: ${1 + (n % 3)}\n  template:\n    spec:\n      containers:\n` +
    `        - name: app\n          image: ${n % 4 ? `registry.example.com/${name}:1.${n}` : `registry.example.com/${name}@sha256:${String(n).padStart(64, '0')}`}\n          args: ["--port", "80${n % 10}", "--log-level", "info"]\n` +
    `          env:\n            - {name: SERVICE, value: ${name}-${n}}\n          resources:\n            limits: {cpu: "1", memory: 512Mi}\n`;
  return Array.from({ length: count }, (_, n) => one(n)).join('---\n');
}

/**
 * About 5 MB: Kubernetes streams (enough bytes to start workers), copies of the examples and of the
 * cross-file test folders (charts, Terraform provider locks and variables, Compose .env), and, unless
 * `locking`, the test fixtures and the hostile test folders (which cannot be locked).
 */
function corpus({ locking = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-jobs-'));
  for (let i = 0; i < 120; i++) {
    mkdirSync(join(dir, `services/s${i}`), { recursive: true });
    writeFileSync(join(dir, `services/s${i}/deploy.yaml`), deployments(`s${i}`, 80));
  }
  for (let i = 0; i < 4; i++) {
    cpSync(join(root, 'examples'), join(dir, `copy-${i}/examples`), { recursive: true });
    cpSync(join(root, 'tests/folders'), join(dir, `copy-${i}/folders`), { recursive: true, filter: (path) => !locking || !path.includes('hostile') });
  }
  if (!locking) cpSync(join(root, 'tests/fixtures'), join(dir, 'fixtures'), { recursive: true });
  return dir;
}

/** `workers(jobs)`: how many workers a run with --jobs `jobs` starts. */
function sameWithAnyJobs(args, cwd, workers = (jobs) => jobs) {
  const one = everyFormat([...args, '--jobs', '1'], cwd);
  assert.equal(one.workers, 0, '--jobs 1 starts no worker');
  assert.ok(JSON.parse(one.texts.json).findings.length > 1000, 'a run with few findings proves little');
  for (const jobs of [2, 4]) {
    const many = everyFormat([...args, '--jobs', String(jobs)], cwd);
    assert.equal(many.workers, workers(jobs), `--jobs ${jobs}: workers started`);
    for (const format of FORMATS) assert.equal(many.texts[format], one.texts[format], `--jobs ${jobs}, ${format}`);
    assert.equal(many.code, one.code, `--jobs ${jobs}: exit status`);
  }
}

test('check gives the same reports with 1, 2 and 4 workers', () => {
  const dir = corpus();
  sameWithAnyJobs(['.'], dir);
  rmSync(dir, { recursive: true });
});

test('lock writes the same lock with 1 and 2 workers, and verifying it gives the same reports, on one instance', () => {
  const dir = corpus({ locking: true });
  const locks = [1, 2].map((jobs) => {
    const r = fixity(['lock', '--jobs', String(jobs), '--lock', `jobs-${jobs}.lock.json`], dir);
    assert.deepEqual([r.code, r.workers], [0, jobs === 1 ? 0 : jobs], r.stderr);
    return readFileSync(join(dir, `jobs-${jobs}.lock.json`), 'utf8');
  });
  assert.equal(locks[1], locks[0]);
  writeFileSync(join(dir, 'fixity.lock.json'), locks[0]);
  // One resource changed, one file gone: a mismatch and a lock entry no file declares.
  const web = join(dir, 'copy-3/examples/deploy/web.yaml');
  writeFileSync(web, readFileSync(web, 'utf8').replace('replicas: 3', 'replicas: 4'));
  rmSync(join(dir, 'copy-2/examples/deploy/web.yaml'));
  // Verification stays on one instance: every worker would hold the lock.
  sameWithAnyJobs(['.'], dir, () => 0);
  rmSync(dir, { recursive: true });
});

test('a small run starts no worker, and --jobs takes only a number of workers', () => {
  const small = fixity(['check', 'examples', '--jobs', '4', '--fail-on', 'never'], root);
  assert.deepEqual([small.code, small.workers], [0, 0]);
  const bad = fixity(['check', 'examples', '--jobs', '0'], root);
  assert.deepEqual([bad.code, bad.stderr], [2, 'fixity: invalid --jobs `0` (expected a number of workers, 1 or more)']);
});

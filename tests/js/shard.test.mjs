// `check --shard K/N` and `merge`, as processes on the built dist/: for N from 1 to 8, the shards' JSON
// reports merged give the unsharded run's report byte for byte, in every format, with its exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixity, root } from './helpers.mjs';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'];

/** Every format of one run (`command` is check or merge) as `{format: text}`, and its exit status. */
function everyFormat(command, args, cwd) {
  const out = mkdtempSync(join(tmpdir(), 'fixity-reports-'));
  const reports = FORMATS.slice(1).flatMap((format) => ['--report', `${format}=${join(out, format)}`]);
  const r = fixity([command, ...args, '--format', 'text', ...reports], { cwd });
  assert.equal(r.stderr, '', `${command} ${args.join(' ')}`);
  const texts = { text: r.stdout, ...Object.fromEntries(FORMATS.slice(1).map((format) => [format, readFileSync(join(out, format), 'utf8')])) };
  rmSync(out, { recursive: true });
  return { code: r.code, texts };
}

/** Checks `paths` in `cwd` whole and in 1 to 8 shards, and compares every format of each merge. */
function shardsMergeToTheWhole(paths, cwd) {
  const whole = everyFormat('check', paths, cwd);
  assert.ok(JSON.parse(whole.texts.json).findings.length > 0, 'a run with no finding proves little');
  for (let n = 1; n <= 8; n++) {
    const dir = mkdtempSync(join(tmpdir(), 'fixity-shards-'));
    const files = [];
    for (let k = 1; k <= n; k++) {
      const file = join(dir, `shard-${k}.json`);
      const r = fixity(['check', ...paths, '--shard', `${k}/${n}`, '--format', 'json', '--output', file, '--fail-on', 'never'], { cwd });
      assert.deepEqual([r.code, r.stderr], [0, ''], `shard ${k}/${n}`);
      files.push(file);
    }
    const shards = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
    const checked = shards.map((report) => report.summary.files);
    if (n > 1) assert.ok(checked.filter((count) => count > 0).length > 1, `${n} shards: one shard checked everything (${checked})`);
    // Given in any order.
    const merged = everyFormat('merge', files.reverse(), cwd);
    for (const format of FORMATS) assert.equal(merged.texts[format], whole.texts[format], `${n} shards, ${format}`);
    assert.equal(merged.code, whole.code, `${n} shards: exit status`);
    rmSync(dir, { recursive: true });
  }
}

test('shards of the examples merge to the whole report, in every format, for 1 to 8 shards', () => {
  shardsMergeToTheWhole(['examples'], root);
});

test('shards of the test folders (charts, Terraform, Compose .env) merge to the whole report', () => {
  shardsMergeToTheWhole(['tests/folders'], root);
});

test('shards verifying a lock merge to the whole report: the lock read once, removed entries once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-locked-'));
  cpSync(join(root, 'examples'), dir, { recursive: true });
  assert.equal(fixity(['lock'], { cwd: dir }).code, 0);
  // One resource changed, one file gone (its folder too), one resource gone from a file that stays.
  const web = join(dir, 'deploy/web.yaml');
  writeFileSync(web, readFileSync(web, 'utf8').replace(/replicas: \d+/, 'replicas: 7'));
  const lock = JSON.parse(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'));
  const sources = Object.keys(lock.resources);
  assert.ok(sources.includes('deploy/web.yaml') && sources.length > 1, `sources: ${sources}`);
  const gone = sources.find((source) => source !== 'deploy/web.yaml');
  rmSync(join(dir, gone));
  shardsMergeToTheWhole([], dir);
  const report = JSON.parse(fixity(['check', '--format', 'json'], { cwd: dir }).stdout);
  const lockFindings = report.findings.filter((f) => f.rule === 'lock-mismatch').map((f) => f.path);
  assert.ok(lockFindings.includes('fixity.lock.json') && lockFindings.includes('deploy/web.yaml'), `lock findings: ${lockFindings}`);
});

test('merge takes every shard of one run once, of this version, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-shards-'));
  const shard = (spec, paths = ['examples']) => {
    const file = join(dir, `${spec.replace('/', '-of-')}-${paths.length}.json`);
    assert.equal(fixity(['check', ...paths, '--shard', spec, '--format', 'json', '--output', file, '--fail-on', 'never']).code, 0);
    return file;
  };
  const [one, two] = [shard('1/2'), shard('2/2')];
  const fails = (args, stderr) => assert.deepEqual(fixity(['merge', ...args]), { code: 2, stdout: '', stderr: `fixity: ${stderr}\n` });
  fails([one], 'shard 2/2 is missing');
  fails([one, one, two], `${one}: shard 1/2 is given twice (also ${one})`);
  const other = shard('2/2', ['examples/deploy', 'examples/infra']);
  fails([one, other], `${other}: shard 2/2 of another run than ${one} (every shard must check the same files)`);
  const whole = join(dir, 'whole.json');
  fixity(['check', 'examples', '--format', 'json', '--output', whole]);
  fails([whole], `${whole}: not a shard report (write one with \`fixity check --shard K/N --format json\`)`);
  const old = join(dir, 'old.json');
  writeFileSync(old, readFileSync(one, 'utf8').replace(/"version": "[^"]*"/, '"version": "0.0.1"'));
  fails([old, two], `${old}: written by fixity 0.0.1; merge it with the same version (${JSON.parse(readFileSync(one, 'utf8')).tool.version})`);
  fails([one, two, '--select', 'unpinned-image'], '--select is not for merge (the shards were checked with it)');
  fails([], 'usage: fixity merge REPORT... (the JSON reports of fixity check --shard K/N)');
  for (const bad of ['0/2', '3/2', '2']) {
    assert.deepEqual(fixity(['check', 'examples', '--shard', bad]).stderr, `fixity: invalid shard \`${bad}\` (expected K/N with 1 ≤ K ≤ N, such as 2/4)\n`);
  }
  assert.equal(fixity(['check', '-', '--shard', '1/2'], { input: 'FROM x\n' }).stderr, 'fixity: --shard divides files and folders; standard input is not one\n');
  assert.equal(fixity(['lock', '--shard', '1/2']).stderr, 'fixity: --shard is for check\n');
  rmSync(dir, { recursive: true });
});

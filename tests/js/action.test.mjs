// The GitHub Action as GitHub runs it: dist/action.mjs as a process with INPUT_* variables and the
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE files; and its logic under @github/local-action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixity, pod, root, tree } from './helpers.mjs';
import { git, startGit } from './servers.mjs';

/** Inputs with action.yml's defaults, as the runner passes them. */
const DEFAULTS = { online: 'false', token: '', paths: '.', config: '', 'fail-on': 'error', 'sarif-file': '', 'lock-file': '', environment: '', 'live-state': '', annotations: 'true', summary: 'true', baseline: '', reports: '' };

/** A runner's step: a workspace holding `files`, and the files the runner reads back. */
function step(files) {
  const runner = tree({ 'output.txt': '', 'summary.md': '' });
  const workspace = tree(files);
  return { runner, workspace, env: { GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(runner, 'output.txt'), GITHUB_STEP_SUMMARY: join(runner, 'summary.md') } };
}

function runAction(inputs, { env }) {
  const inputEnv = Object.fromEntries(Object.entries({ ...DEFAULTS, ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const r = spawnSync(process.execPath, [join(root, 'dist/action.mjs')], {
    cwd: root, // The runner starts actions elsewhere; the workspace comes from GITHUB_WORKSPACE.
    env: { PATH: process.env.PATH, ...inputEnv, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const commands = r.stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, commands };
}

/** {@link runAction} without blocking this process's servers. */
function runActionAsync(inputs, { env }) {
  const inputEnv = Object.fromEntries(Object.entries({ ...DEFAULTS, ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/action.mjs')], { cwd: root, env: { PATH: process.env.PATH, ...inputEnv, ...env } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout, commands: stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l)) }));
  });
}

/** The outputs the action wrote to GITHUB_OUTPUT (`name<<delimiter` blocks). */
function outputs(file) {
  const text = readFileSync(file, 'utf8');
  return Object.fromEntries([...text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]));
}

test('the examples: annotations (10 per level, then a notice), outputs, the job summary and SARIF, and a failed step', () => {
  const s = step({});
  cpSync(join(root, 'examples'), s.workspace, { recursive: true });
  const r = runAction({ 'sarif-file': 'results/fixity.sarif' }, s);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.commands, [
    '::error title=unpinned-image,file=.github/workflows/deploy.yml,line=14,endLine=14,col=14,endColumn=22::image `golang:1.22.5-bookworm` (written `golang:${{ matrix.go }}-bookworm`) is not pinned by digest',
    '::error title=unpinned-image,file=.github/workflows/deploy.yml,line=14,endLine=14,col=24,endColumn=32::image `golang:1.23.1-bookworm` (written `golang:${{ matrix.go }}-bookworm`) is not pinned by digest',
    '::error title=unpinned-action,file=.github/workflows/deploy.yml,line=21,endLine=21,col=15,endColumn=31::action `actions/cache@v4` is not pinned to a commit SHA: `v4` is a tag or branch, which can be moved to other code',
    '::error title=unpinned-action,file=.github/workflows/deploy.yml,line=29,endLine=29,col=11,endColumn=73::reusable workflow `acme/shared-workflows/.github/workflows/publish-image.yml@main` is not pinned to a commit SHA: `main` is a tag or branch, which can be moved to other code',
    '::error title=unpinned-include,file=.gitlab-ci.yml,line=3,endLine=3,col=10,endColumn=16::include of project `acme/ci-templates@v3.2.1` is not pinned to a commit SHA: `v3.2.1` is a tag or branch, which can be moved to other code',
    '::error title=unpinned-image,file=.gitlab-ci.yml,line=13,endLine=13,col=10,endColumn=37::image `node:20.17-alpine` (written `node:${NODE_VERSION}-alpine`) is not pinned by digest',
    '::error title=unpinned-image,file=compose.yaml,line=8,endLine=8,col=12,endColumn=23::image `postgres:16` is not pinned by digest',
    '::error title=unpinned-image,file=deploy/kustomization.yaml,line=9,endLine=9,col=13,endColumn=19::image `nginx:1.25.4` is not pinned by digest',
    '::error title=unpinned-image,file=deploy/web.yaml,line=20,endLine=20,col=18,endColumn=28::image `nginx:1.25` is not pinned by digest',
    '::error title=unpinned-image,file=deploy/web.yaml,line=26,endLine=26,col=18,endColumn=42::image `fluent/fluent-bit:latest` is not pinned by digest; `latest` moves with every push',
    '::notice::3 more findings are not annotated: GitHub shows 10 annotations per level; the full report lists all 13',
    '::error::fixity: findings at or above fail-on level `error` (13 errors, 0 warnings, 0 notes)',
  ]);


  assert.deepEqual(outputs(s.env.GITHUB_OUTPUT), { findings: '13', errors: '13', 'sarif-file': 'results/fixity.sarif' });
  // The summary and the SARIF are what the CLI renders for the same tree: one core, one report.
  assert.equal(readFileSync(s.env.GITHUB_STEP_SUMMARY, 'utf8'), fixity(['check', '--format', 'markdown'], { cwd: s.workspace }).stdout);
  const sarif = readFileSync(join(s.workspace, 'results/fixity.sarif'), 'utf8');
  assert.equal(sarif, fixity(['check', '--format', 'sarif'], { cwd: s.workspace }).stdout);
  assert.equal(JSON.parse(sarif).runs[0].results.length, 13);
  // The text report is in the log, with workflow commands stopped around it.
  assert.match(r.stdout, /^::stop-commands::([0-9a-f-]{36})\n[\s\S]*Found 13 findings in 12 files: 13 errors\.\n\n::\1::$/m);
});

test('the most severe first, 10 per level, and a notice for the rest', () => {
  const files = {};
  for (let i = 0; i < 12; i++) files[`p${String(i).padStart(2, '0')}.yaml`] = pod(`app${i}:1`);
  files['Dockerfile'] = 'ARG V\nFROM node:$V\n';
  const s = step(files);
  const r = runAction({ 'fail-on': 'never', summary: 'false' }, s);
  assert.equal(r.code, 0, r.stdout);
  const levels = r.commands.map((c) => c.match(/^::(\w+)/)[1]);
  assert.deepEqual(levels, [...Array(10).fill('error'), 'warning', 'notice']);
  assert.equal(r.commands.at(-1), '::notice::2 more findings are not annotated: GitHub shows 10 annotations per level; the full report lists all 13');
  assert.deepEqual(outputs(s.env.GITHUB_OUTPUT), { findings: '13', errors: '12', 'sarif-file': '' });
  assert.equal(readFileSync(s.env.GITHUB_STEP_SUMMARY, 'utf8'), '');
});

test('annotations off, paths given, fail-on warning, a baseline', () => {
  const s = step({ 'deploy/a.yaml': pod('nginx:1'), 'deploy/Dockerfile': 'ARG V\nFROM node:$V\n', 'other/b.yaml': pod('redis:7') });
  fixity(['check', 'deploy/a.yaml', '--write-baseline', 'baseline.json'], { cwd: s.workspace });
  const r = runAction({ paths: 'deploy\n', annotations: 'false', 'fail-on': 'warning', baseline: 'baseline.json' }, s);
  assert.equal(r.code, 1);
  assert.deepEqual(r.commands, ['::error::fixity: findings at or above fail-on level `warning` (0 errors, 1 warnings, 0 notes)']);
  assert.deepEqual(outputs(s.env.GITHUB_OUTPUT), { findings: '1', errors: '0', 'sarif-file': '' });
  assert.match(readFileSync(s.env.GITHUB_STEP_SUMMARY, 'utf8'), /^\*\*1 finding\*\* in 2 files: 1 warning\.\n\n1 finding in the baseline not shown\.$/m);
});

test('lock-file verifies that lock; live-state makes the step a drift gate', () => {
  const web = (replicas) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx@sha256:${'a'.repeat(64)}\n`;
  const live = (replicas) => JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'u1' }, spec: { replicas, progressDeadlineSeconds: 600, template: { spec: { containers: [{ name: 'web', image: `nginx@sha256:${'a'.repeat(64)}`, imagePullPolicy: 'IfNotPresent' }] } } } });
  const s = step({ 'deploy/web.yaml': web(3), 'state/live.json': live(3) });
  assert.equal(fixity(['lock', 'deploy', '--lock', 'locks/fixity.lock.json'], { cwd: s.workspace }).code, 0);
  const clean = runAction({ paths: 'deploy', 'lock-file': 'locks/fixity.lock.json' }, s);
  assert.deepEqual([clean.code, clean.commands], [0, []]);

  writeFileSync(join(s.workspace, 'deploy/web.yaml'), web(4));
  const edited = runAction({ paths: 'deploy', 'lock-file': 'locks/fixity.lock.json' }, s);
  assert.equal(edited.code, 1);
  assert.deepEqual(edited.commands, [
    '::error title=lock-mismatch,file=deploy/web.yaml,line=7,endLine=7,col=13,endColumn=14::`k8s:apps/Deployment:shop/web` differs from locks/fixity.lock.json: changed `/spec/replicas`',
    '::error::fixity: findings at or above fail-on level `error` (1 errors, 0 warnings, 0 notes)',
  ]);

  writeFileSync(join(s.workspace, 'deploy/web.yaml'), web(3));
  const inSync = runAction({ paths: 'deploy', 'lock-file': 'locks/fixity.lock.json', 'live-state': 'state/live.json' }, s);
  assert.deepEqual([inSync.code, inSync.commands], [0, []]);
  writeFileSync(join(s.workspace, 'state/live.json'), live(5));
  const drifted = runAction({ paths: 'deploy', 'lock-file': 'locks/fixity.lock.json', 'live-state': 'state/live.json' }, s);
  assert.equal(drifted.code, 1);
  assert.deepEqual(drifted.commands, [
    '::error title=drift,file=deploy/web.yaml,line=7,endLine=7,col=13,endColumn=14::`/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: declared 3, live 5',
    '::error::fixity: findings at or above fail-on level `error` (1 errors, 0 warnings, 0 notes)',
  ]);
  const missing = runAction({ paths: 'deploy', 'lock-file': 'nope.json' }, s);
  assert.deepEqual([missing.code, missing.commands], [1, ['::error::fixity: nope.json: no such lock file']]);
});

test('environment verifies that environment\'s lock over its paths, and its drift', () => {
  const config = 'environments:\n  prod: {paths: [deploy/web.yaml], lock: locks/prod.lock.json, namespace: shop}\n';
  const s = step({ '.fixity.yml': config, 'deploy/web.yaml': pod(`nginx:1.25@${'sha256:' + '0'.repeat(64)}`), 'elsewhere/x.yaml': pod('redis:7') });
  assert.equal(fixity(['lock', '--env', 'prod'], { cwd: s.workspace }).code, 0);
  assert.equal(runAction({ environment: 'prod' }, s).code, 0);
  writeFileSync(join(s.workspace, 'deploy/web.yaml'), pod(`nginx:1.25@${'sha256:' + '1'.repeat(64)}`));
  const changed = runAction({ environment: 'prod' }, s);
  assert.equal(changed.code, 1);
  assert.deepEqual(changed.commands.map((c) => c.split('::').pop()), [
    '`k8s:core/Pod:shop/p` differs from locks/prod.lock.json: changed `/spec/containers/name=c/image`',
    'fixity: findings at or above fail-on level `error` (1 errors, 0 warnings, 0 notes)',
  ]);
  writeFileSync(join(s.workspace, 'live.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }));
  const gate = runAction({ environment: 'prod', 'live-state': 'live.json' }, s);
  assert.equal(gate.code, 1);
  assert.match(gate.stdout, /::error::fixity: something could not be verified/);
});

test('bad input fails the step with one clear line and writes nothing', () => {
  const cases = [
    [{ paths: 'a.yaml missing' }, 'fixity: missing: no such file or folder'],
    [{ config: 'conf.d' }, 'fixity: cannot read configuration conf.d: not a regular file'],
    [{ 'fail-on': 'sometimes' }, 'fixity: invalid fail-on level `sometimes` (expected error, warning, note or never)'],
    [{ baseline: 'not-json.txt' }, 'fixity: not-json.txt: not JSON (expected value at line 1 column 1)'],
    [{ annotations: 'yes' }, 'fixity: invalid annotations `yes` (expected true or false)'],
    [{ reports: 'junit=fixity.xml yaml=fixity.yaml' }, 'fixity: unknown format `yaml` (expected one of: text, json, sarif, github, gitlab, junit, markdown)'],
    [{ reports: 'json=fixity.sarif' }, 'fixity: fixity.sarif is named for two reports'],
  ];
  for (const [inputs, message] of cases) {
    const s = step({ 'a.yaml': pod('nginx'), 'not-json.txt': '<baseline/>', 'conf.d/x': '' });
    const before = readdirSync(s.workspace).sort();
    const r = runAction({ ...inputs, 'sarif-file': 'fixity.sarif' }, s);
    assert.deepEqual([r.code, r.commands], [1, [`::error::${message}`]], JSON.stringify(inputs));
    assert.deepEqual(readdirSync(s.workspace).sort(), before);
    assert.equal(readFileSync(s.env.GITHUB_OUTPUT, 'utf8') + readFileSync(s.env.GITHUB_STEP_SUMMARY, 'utf8'), '');
  }
});

test('reports: more formats from the one check that annotates, summarizes and writes SARIF', () => {
  const s = step({ 'deploy/a.yaml': pod('nginx:1'), 'deploy/Dockerfile': 'ARG V\nFROM node:$V\n' });
  const r = runAction({ 'sarif-file': 'fixity.sarif', reports: 'json=reports/fixity.json\njunit=reports/junit.xml gitlab=gl.json', 'fail-on': 'never' }, s);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.commands.length, 2);
  assert.deepEqual(outputs(s.env.GITHUB_OUTPUT), { findings: '2', errors: '1', 'sarif-file': 'fixity.sarif' });
  const reports = { sarif: 'fixity.sarif', json: 'reports/fixity.json', junit: 'reports/junit.xml', gitlab: 'gl.json', markdown: s.env.GITHUB_STEP_SUMMARY };
  for (const [format, file] of Object.entries(reports)) {
    assert.equal(readFileSync(resolve(s.workspace, file), 'utf8'), fixity(['check', '--format', format], { cwd: s.workspace }).stdout, format);
  }
});

test('@github/local-action runs the logic module from the sources', () => {
  const s = step({});
  cpSync(join(root, 'examples'), s.workspace, { recursive: true });
  const dotenv = join(s.runner, '.env');
  const env = { ...s.env, 'INPUT_SARIF-FILE': 'fixity.sarif', INPUT_PATHS: 'deploy docker' };
  writeFileSync(dotenv, Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
  const r = spawnSync('npx', ['local-action', 'run', root, 'js/action/run.js', dotenv], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  assert.match(log, /^::error title=unpinned-image,file=deploy\/web.yaml,line=20,endLine=20,col=18,endColumn=28::image `nginx:1.25` is not pinned by digest$/m);
  assert.match(log, /^::error::fixity: findings at or above fail-on level `error` \(4 errors, 0 warnings, 0 notes\)$/m);
  assert.match(log, /│ 'findings'\s+│ '4'\s+│/);
  assert.match(log, /│ 'sarif-file'\s+│ 'fixity.sarif'\s+│/);
  assert.equal(JSON.parse(readFileSync(join(s.workspace, 'fixity.sarif'), 'utf8')).runs[0].results.length, 4);
  assert.match(readFileSync(s.env.GITHUB_STEP_SUMMARY, 'utf8'), /^\*\*4 findings\*\* in 4 files: 4 errors\.$/m);
});

test('online: true verifies pins against their servers with the token input, sent to the GitHub server only and never shown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-action-git-'));
  const work = join(dir, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(join(work, 'action.yml'), 'name: a\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'one');
  const first = git(work, 'rev-parse', 'HEAD');
  writeFileSync(join(work, 'action.yml'), 'name: b\n');
  git(work, 'commit', '-qam', 'two');
  git(work, 'tag', 'v1.0.0');
  const tagged = git(work, 'rev-parse', 'HEAD');
  mkdirSync(join(dir, 'acme'));
  git(dir, 'clone', '-q', '--bare', work, join(dir, 'acme/act.git'));
  let authorization;
  const forge = await startGit(dir, (request) => (authorization = request.headers.authorization));
  try {
    const s = step({ '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/act@${first} # v1.0.0\n` });
    const r = await runActionAsync({ online: 'true', token: 'ghs_job_token' }, { env: { ...s.env, GITHUB_SERVER_URL: forge.url } });
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.commands.map((c) => c.split('::')[2]), [`\`acme/act@${first}\` is pinned to ${first}, but its comment's tag \`v1.0.0\` points to ${tagged}; \`fixity update\` pins the tag's commit, or correct the comment`, "fixity: findings at or above fail-on level `error` (1 errors, 0 warnings, 0 notes)"]);
    assert.equal(authorization, `Basic ${Buffer.from('x-access-token:ghs_job_token').toString('base64')}`);
    // Masked for the runner's log; nowhere else.
    assert.deepEqual(r.stdout.split('\n').filter((l) => l.includes('ghs_job_token')), ['::add-mask::ghs_job_token']);
    const offline = await runActionAsync({}, { env: { ...s.env, GITHUB_SERVER_URL: forge.url } });
    assert.equal(offline.code, 0, offline.stdout);
  } finally {
    forge.stop();
  }
});

// The GitLab CI/CD component in a pipeline: a project that includes templates/fixity.yml as a component
// (at its own commit, as GitLab resolves `$CI_SERVER_FQDN/$CI_PROJECT_PATH/fixity@$CI_COMMIT_SHA`), run
// by gitlab-ci-local with the shell executor and fixity installed from this checkout's `npm pack` tarball,
// which the job runs only when it has the integrity the component is given.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixity, pod, root, tree } from './helpers.mjs';

const gitlabCiLocal = join(root, 'node_modules/gitlab-ci-local/dist/index.js');
let tarball, integrity;

before(() => {
  const packed = mkdtempSync(join(tmpdir(), 'fixity-pack-'));
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packed], { cwd: root, encoding: 'utf8' }));
  tarball = join(packed, pack.filename);
  integrity = pack.integrity;
});

/**
 * A GitLab project holding the component and `files`, committed, with `.gitlab-ci.yml` including it
 * (and then `jobs`, YAML of its own).
 */
function project(files, inputs, jobs = '') {
  const dir = tree(files);
  cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'https://gitlab.example.com/acme/fixity.git');
  const include = Object.entries({ version: `file:${tarball}`, integrity, ...inputs }).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`).join('');
  writeFileSync(join(dir, '.gitlab-ci.yml'), `include:\n  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/fixity@$CI_COMMIT_SHA\n    inputs:\n${include}${jobs}`);
  git('add', '-A');
  git('-c', 'user.name=fixity', '-c', 'user.email=fixity@example.com', 'commit', '-q', '-m', 'project');
  return dir;
}

function pipeline(dir) {
  const r = spawnSync(process.execPath, [gitlabCiLocal, '--force-shell-executor', '--no-color'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, log: r.stdout + r.stderr };
}

const files = {
  'deploy/web.yaml': pod('nginx:1.25'),
  'deploy/Dockerfile': 'ARG V\nFROM node:$V\n',
  'elsewhere/ignored.yaml': pod('redis:7'),
};

test('findings at fail-on fail the job; one run writes the log, the Code Quality and the JUnit reports', () => {
  const dir = project(files, { paths: 'deploy', 'job-prefix': 'supply-chain' });
  const r = pipeline(dir);
  assert.equal(r.code, 1, r.log);
  assert.match(r.log, /supply-chain-check finished in .* FAIL 1/);
  assert.match(r.log, /deploy\/web.yaml:8:14: error\[unpinned-image\] image `nginx:1.25` is not pinned by digest/);
  const expanded = readFileSync(join(dir, '.gitlab-ci-local/expanded-gitlab-ci.yml'), 'utf8');
  assert.match(expanded, /reports:\n\s+codequality: gl-code-quality-report.json\n\s+junit: fixity-junit.xml\n/);
  assert.equal((r.log.match(/^supply-chain-check > Found 2 findings in 2 files: 1 error, 1 warning\.$/gm) ?? []).length, 1, r.log);
  const junit = readFileSync(join(dir, 'fixity-junit.xml'), 'utf8');
  assert.match(junit, /<testsuite name="deploy\/web.yaml" tests="1" failures="1"/);
  assert.match(junit, /<testsuite name="deploy\/Dockerfile" tests="1" failures="1"/);
  assert.match(expanded, /image:\n\s+name: >-\n\s+node:24-alpine@sha256:[0-9a-f]{64}\n/);
  const report = readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8');
  assert.notEqual(report.charCodeAt(0), 0xfeff);
  assert.deepEqual(JSON.parse(report).map(({ fingerprint, ...issue }) => (assert.match(fingerprint, /^[0-9a-f]{64}$/), issue)), [
    { type: 'issue', check_name: 'unanalyzable-reference', description: 'image `node:$V` depends on `V`, which this file does not define; fixity cannot tell whether it is pinned', severity: 'minor', location: { path: 'deploy/Dockerfile', lines: { begin: 2, end: 2 } } },
    { type: 'issue', check_name: 'unpinned-image', description: 'image `nginx:1.25` is not pinned by digest', severity: 'major', location: { path: 'deploy/web.yaml', lines: { begin: 8, end: 8 } } },
  ]);
});

test('with parallel: the shard jobs\' reports merge to the report of one unsharded run', () => {
  // Folders of several kinds, so that three shards each get some: a shard checks whole folders.
  const many = Object.fromEntries(
    ['web', 'api', 'worker', 'cron', 'edge', 'batch'].flatMap((name, i) => [
      [`deploy/${name}/pod.yaml`, pod(`nginx:1.${i}`)],
      [`deploy/${name}/Dockerfile`, `FROM node:2${i}\n`],
    ]),
  );
  const merge = `fixity-check:\n  parallel: 3\nfixity-merge:\n  stage: .post\n  needs: [fixity-check]\n  script:\n    - node ${JSON.stringify(join(root, 'dist/cli.mjs'))} merge fixity-shard-*.json --format gitlab --output merged-code-quality.json --fail-on never\n  artifacts:\n    paths: [merged-code-quality.json]\n`;
  const dir = project(many, { paths: 'deploy', 'fail-on': 'never' }, merge);
  const r = pipeline(dir);
  assert.equal(r.code, 0, r.log);
  for (let k = 1; k <= 3; k++) {
    const shard = JSON.parse(readFileSync(join(dir, `fixity-shard-${k}.json`), 'utf8'));
    assert.ok(shard.summary.files > 0 && shard.summary.files < 12, `shard ${k} checked ${shard.summary.files} files`);
  }
  const whole = fixity(['check', 'deploy', '--format', 'gitlab', '--fail-on', 'never'], { cwd: dir });
  assert.equal(whole.code, 0, whole.stderr);
  assert.equal(JSON.parse(whole.stdout).length, 12);
  assert.equal(readFileSync(join(dir, 'merged-code-quality.json'), 'utf8'), whole.stdout);
});

test('below fail-on the job passes, and the report is still written', () => {
  const dir = project(files, { paths: 'deploy elsewhere', 'fail-on': 'never' });
  const r = pipeline(dir);
  assert.equal(r.code, 0, r.log);
  assert.match(r.log, /^ PASS  fixity-check$/m);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')).map((i) => i.location.path), ['deploy/Dockerfile', 'deploy/web.yaml', 'elsewhere/ignored.yaml']);
});

test('an environment input verifies that environment\'s lock over its paths', () => {
  const config = 'environments:\n  prod: {paths: [deploy/web.yaml], lock: locks/prod.lock.json, namespace: shop}\n';
  const locked = tree({ '.fixity.yml': config, 'deploy/web.yaml': pod('nginx:1.25@sha256:' + '0'.repeat(64)) });
  assert.equal(fixity(['lock'], { cwd: locked }).code, 0);
  const lock = readFileSync(join(locked, 'locks/prod.lock.json'), 'utf8');
  const changed = { '.fixity.yml': config, 'locks/prod.lock.json': lock, 'deploy/web.yaml': pod('nginx:1.25@sha256:' + '1'.repeat(64)), 'elsewhere/ignored.yaml': pod('redis:7') };
  const r = pipeline(project(changed, { environment: 'prod' }));
  assert.equal(r.code, 1, r.log);
  assert.match(r.log, /deploy\/web.yaml:8:14: error\[lock-mismatch\] `k8s:core\/Pod:shop\/p` differs from locks\/prod.lock.json: changed `\/spec\/containers\/name=c\/image`/);
  assert.doesNotMatch(r.log, /redis/);
});

test('a fail-on that is not an option is rejected before any job runs', () => {
  const dir = project(files, { 'fail-on': 'sometimes' });
  const r = pipeline(dir);
  assert.equal(r.code, 1);
  assert.match(r.log, /`fail-on` input: `sometimes` cannot be used because it is not in the list of allowed options/);
  assert.equal(existsSync(join(dir, 'gl-code-quality-report.json')), false);
});

test('a usage error in the job is one line, and leaves no report', () => {
  const dir = project(files, { paths: 'deploy missing' });
  const r = pipeline(dir);
  assert.equal(r.code, 1);
  assert.match(r.log, /fixity: missing: no such file or folder/);
  assert.equal(existsSync(join(dir, 'gl-code-quality-report.json')), false);
});

test("the project's own .gitlab-ci.yml runs the component on itself and passes", () => {
  const dir = tree({});
  for (const path of ['.gitlab-ci.yml', '.github', 'action.yml', 'templates', 'package.json', 'README.md', 'dist']) cpSync(join(root, path), join(dir, path), { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'git@gitlab.example.com:acme/fixity.git');
  git('add', '-A');
  git('-c', 'user.name=fixity', '-c', 'user.email=fixity@example.com', 'commit', '-q', '-m', 'fixity');
  const r = pipeline(dir);
  assert.equal(r.code, 0, r.log);
  assert.match(r.log, /^ PASS  fixity-check$/m);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')), []);
});

/** The default of the component's spec input `name`. */
const inputDefault = (name) => readFileSync(join(root, 'templates/fixity.yml'), 'utf8').match(new RegExp(`^    ${name}:\\n(?:      .*\\n)*?      default: (.*)$`, 'm'))?.[1];

test("the component's defaults are the package's version and its npm pack tarball's integrity", () => {
  assert.equal(inputDefault('version'), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.equal(inputDefault('integrity'), integrity, 'templates/fixity.yml is not in step with the package: run `npm run release`');
});

test('a tarball other than the one the integrity names never runs, whatever its version', () => {
  // What an attacker holding the package name would publish: it would pass any pipeline.
  const evil = tree({ 'package/package.json': '{"name": "fixity", "version": "9.9.9"}\n', 'package/dist/cli.mjs': 'console.log("EVIL RAN");\n' });
  execFileSync('tar', ['-czf', 'fixity-9.9.9.tgz', 'package'], { cwd: evil });
  const evilIntegrity = `sha512-${createHash('sha512').update(readFileSync(join(evil, 'fixity-9.9.9.tgz'))).digest('base64')}`;
  for (const inputs of [{ version: `file:${join(evil, 'fixity-9.9.9.tgz')}` }, { version: `file:${join(evil, 'fixity-9.9.9.tgz')}`, integrity: inputDefault('integrity') }, { integrity: evilIntegrity }]) {
    const dir = project(files, inputs);
    const r = pipeline(dir);
    assert.equal(r.code, 1, r.log);
    const [, actual, expected] = r.log.match(/fixity: the tarball of fixity@file:\S+ has integrity (sha512-\S+), but the integrity input is (sha512-\S+) \(a version other than the default needs its own integrity input\)/) ?? [];
    assert.notEqual(actual, expected, r.log);
    assert.doesNotMatch(r.log, /EVIL RAN|Found \d+ finding/);
    assert.equal(existsSync(join(dir, 'gl-code-quality-report.json')), false);
  }
});

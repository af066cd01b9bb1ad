// The CLI as a process, on the built dist/: the examples, formats, exit codes, config, suppressions,
// walking rules and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGEST, fixity, pod, root, tree } from './helpers.mjs';

/** The findings of a JSON report as `path:line:col rule subject`. */
function brief(stdout) {
  return JSON.parse(stdout).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule} ${f.subject}`);
}

test('the examples: text report as documented in the README, exit 1', () => {
  const r = fixity(['check', 'examples']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, readFileSync(join(root, 'tests/js/snapshots/examples.txt'), 'utf8'));
});

test('the examples: JSON report follows the version 1 contract', () => {
  const r = fixity(['check', 'examples', '--format', 'json']);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['version', 'tool', 'findings', 'summary']);
  assert.deepEqual(report.tool, { name: 'fixity', version: '0.1.0' });
  assert.deepEqual(report.summary, { files: 12, findings: 13, error: 13, warning: 0, note: 0 });
  const web = report.findings.find((f) => f.subject === 'nginx:1.25');
  assert.deepEqual({ ...web, fingerprint: undefined }, {
    rule: 'unpinned-image',
    severity: 'error',
    message: 'image `nginx:1.25` is not pinned by digest',
    path: 'examples/deploy/web.yaml',
    line: 20,
    column: 18,
    end_line: 20,
    end_column: 28,
    subject: 'nginx:1.25',
    fingerprint: undefined,
  });
  assert.match(web.fingerprint, /^[0-9a-f]{64}$/);
  assert.deepEqual(brief(r.stdout), [
'examples/.github/workflows/deploy.yml:14:14 unpinned-image golang:${{ matrix.go }}-bookworm',
    'examples/.github/workflows/deploy.yml:14:24 unpinned-image golang:${{ matrix.go }}-bookworm',
    'examples/.github/workflows/deploy.yml:21:15 unpinned-action actions/cache@v4',
    'examples/.github/workflows/deploy.yml:29:11 unpinned-action acme/shared-workflows/.github/workflows/publish-image.yml@main',
    'examples/.gitlab-ci.yml:3:10 unpinned-include acme/ci-templates@v3.2.1',
    'examples/.gitlab-ci.yml:13:10 unpinned-image node:${NODE_VERSION}-alpine',
    'examples/compose.yaml:8:12 unpinned-image postgres:16',
    'examples/deploy/kustomization.yaml:9:13 unpinned-image nginx:1.25.4',
    'examples/deploy/web.yaml:20:18 unpinned-image nginx:1.25',
    'examples/deploy/web.yaml:26:18 unpinned-image fluent/fluent-bit:latest',
    'examples/docker/Dockerfile:5:6 unpinned-image golang:${GO_VERSION}-alpine',
    'examples/infra/main.tf:11:13 unpinned-module terraform-aws-modules/eks/aws',
    'examples/infra/versions.tf:11:17 unlocked-provider registry.terraform.io/hashicorp/random',
  ]);

});

test('fingerprints survive moved lines', () => {
  const a = tree({ 'p.yaml': pod('nginx:1.25') });
  const b = tree({ 'p.yaml': '# a comment that moves everything down\n\n' + pod('nginx:1.25') });
  const fa = JSON.parse(fixity(['check', '.', '--format', 'json'], { cwd: a }).stdout).findings[0];
  const fb = JSON.parse(fixity(['check', '.', '--format', 'json'], { cwd: b }).stdout).findings[0];
  assert.equal(fb.line, fa.line + 2);
  assert.equal(fa.fingerprint, fb.fingerprint);
});

test('exit codes follow --fail-on', () => {
  const dir = tree({ 'p.yaml': pod('nginx:1.25'), 'Dockerfile': 'ARG V\nFROM node:$V\n' });
  assert.equal(fixity(['check'], { cwd: dir }).code, 1);
  assert.equal(fixity(['check', '--fail-on', 'never'], { cwd: dir }).code, 0);
  assert.equal(fixity(['check', '--select', 'unanalyzable-reference'], { cwd: dir }).code, 0);
  assert.equal(fixity(['check', '--select', 'unanalyzable-reference', '--fail-on', 'warning'], { cwd: dir }).code, 1);
  const clean = tree({ 'p.yaml': pod(`nginx@${DIGEST}`) });
  const r = fixity(['check'], { cwd: clean });
  assert.deepEqual([r.code, r.stdout], [0, 'No findings in 1 file.\n']);
});

test('usage errors: one line on stderr, exit 2', () => {
  for (const [args, message] of [
    [['check', 'no/such/path'], 'fixity: no/such/path: no such file or folder\n'],
    [['check', '--fail-on', 'sometimes'], 'fixity: invalid fail-on level `sometimes` (expected error, warning, note or never)\n'],
    [['check', '--format', 'xml'], 'fixity: unknown format `xml` (expected one of: text, json, sarif, github, gitlab, junit, markdown)\n'],
    [['check', '--select', 'unpinned-imag'], 'fixity: unknown rule `unpinned-imag` (see `fixity rules`)\n'],
    [['check', '--bogus'], 'fixity: unknown option `--bogus` (see fixity --help)\n'],
    [['lint'], 'fixity: unknown command `lint` (see fixity --help)\n'],
    [['explain', 'nope'], 'fixity: unknown rule `nope` (see fixity rules)\n'],
    [['check', '--config', 'missing.yml'], 'fixity: cannot read configuration missing.yml: ENOENT\n'],
    // A flag its command would ignore: `lock --online` must not look as if it verified anything.
    [['lock', '--online'], 'fixity: --online is for check\n'],
    [['drift', '--jobs', '2'], 'fixity: --jobs is for check and lock\n'],
    [['check', '--dry-run'], 'fixity: --dry-run is for pin and update\n'],
    [['check', '--branches'], 'fixity: --branches is for pin and update\n'],
  ]) {
    const r = fixity(args);
    assert.deepEqual([r.code, r.stderr, r.stdout], [2, message, ''], args.join(' '));
  }
});

test('rules and explain come from the rules\' doc comments', () => {
  const rules = fixity(['rules']);
  assert.equal(rules.code, 0);
  assert.match(rules.stdout, /^unpinned-image +error +A container image that is not pinned by a digest\.$/m);
  const explain = fixity(['explain', 'unpinned-image']);
  assert.equal(explain.code, 0);
  assert.match(explain.stdout, /^# unpinned-image\n\nDefault severity: error\n/);
  assert.match(explain.stdout, /## Fix/);
});

test('configuration: severities, policies, excludes; errors name the line', () => {
  const dir = tree({
    '.fixity.yml': 'exclude: ["vendor/**"]\nrules:\n  unpinned-image:\n    severity: warning\n    policies:\n      "registry.internal/*": tag\n',
    'a.yaml': pod('nginx:1.25'),
    'b.yaml': pod('registry.internal/team/app:1.0'),
    'c.yaml': pod('registry.internal/team/app:latest'),
    'vendor/d.yaml': pod('nginx:1'),
  });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => `${f.path} ${f.severity} ${f.subject}`), [
    'a.yaml warning nginx:1.25',
    'c.yaml warning registry.internal/team/app:latest',
  ]);
  const bad = tree({ '.fixity.yml': 'rules:\n  unpinned-image:\n    severity: loud\n', 'a.yaml': pod('nginx') });
  const e = fixity(['check'], { cwd: bad });
  assert.deepEqual([e.code, e.stderr, e.stdout], [2, 'fixity: .fixity.yml:3:15: unknown severity `loud` (expected error, warning, note or off)\n', '']);
});

test('suppressions silence a finding; unused ones are notes', () => {
  const dir = tree({
    'a.yaml': pod('nginx:1.25 # fixity: ignore[unpinned-image] reviewed') + '# fixity: ignore[unpinned-image]\n',
  });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.deepEqual(brief(r.stdout), ['a.yaml:9:1 unused-suppression ignore[unpinned-image]']);
});

test('walking: .gitignore, node_modules, excludes, symlinks out of the root, a linked folder checked once', () => {
  const outside = tree({ 'evil.yaml': pod('evil:1') });
  const dir = tree({
    '.gitignore': 'build/\n*.generated.yaml\n',
    'build/a.yaml': pod('ignored:1'),
    'x.generated.yaml': pod('ignored:2'),
    'node_modules/pkg/p.yaml': pod('ignored:3'),
    'sub/.gitignore': 'local.yaml\n',
    'sub/local.yaml': pod('ignored:4'),
    'sub/kept.yaml': pod('kept:1'),
    'skip/me.yaml': pod('ignored:5'),
  });
  symlinkSync(outside, join(dir, 'link-out'));
  symlinkSync(join(outside, 'evil.yaml'), join(dir, 'file-out.yaml'));
  symlinkSync(join(dir, 'sub'), join(dir, 'link-in'));
  const r = fixity(['check', '--format', 'json', '--exclude', 'skip'], { cwd: dir });
  assert.deepEqual(brief(r.stdout), ['sub/kept.yaml:8:14 unpinned-image kept:1']);
});

test('standard input is one document, named by --stdin-filename or recognized by content', () => {
  const r = fixity(['check', '-', '--format', 'json'], { input: 'FROM alpine:3.20\n' });
  assert.deepEqual(brief(r.stdout), ['-:1:6 unpinned-image alpine:3.20']);
  const named = fixity(['check', '-', '--stdin-filename', 'deploy/pod.yaml', '--format', 'json'], { input: pod('nginx') });
  assert.deepEqual(brief(named.stdout), ['deploy/pod.yaml:8:14 unpinned-image nginx']);
});

test('--output writes the report file and nothing else', () => {
  const dir = tree({ 'a.yaml': pod('nginx') });
  const r = fixity(['check', '--format', 'json', '--output', 'report.json'], { cwd: dir });
  assert.deepEqual([r.code, r.stdout], [1, '']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.findings, 1);
  assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'report.json']);
});

test('a report of many pieces: the file and standard output hold it whole, in every format', () => {
  // 1,000 findings: each streamed format is several of the core's 64 kB pieces.
  const images = Array.from({ length: 1000 }, (_, i) => `  - name: c${i}\n    image: registry.example/team/app-${i}:1.${i}`).join('\n');
  const dir = tree({ 'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\nspec:\n  containers:\n${images}\n` });
  for (const format of ['text', 'json', 'junit', 'gitlab', 'sarif']) {
    const printed = fixity(['check', '--format', format], { cwd: dir });
    assert.equal(printed.code, 1, printed.stderr);
    assert.ok(Buffer.byteLength(printed.stdout) > 2 * 65536, format);
    assert.equal(fixity(['check', '--format', format, '--output', 'report'], { cwd: dir }).code, 1);
    assert.equal(readFileSync(join(dir, 'report'), 'utf8'), printed.stdout, format);
  }
  assert.equal(JSON.parse(readFileSync(join(dir, 'report'), 'utf8')).runs[0].results.length, 1000);
});

test('--output to a pipe or a device writes into it and leaves it in place', { timeout: 60_000 }, async () => {
  const dir = tree({ 'a.yaml': pod('nginx') });
  const fifo = join(dir, 'report.pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  // The reader holds the pipe open while the run writes into it.
  const reader = spawn('cat', [fifo]);
  let read = '';
  reader.stdout.on('data', (bytes) => (read += bytes));
  const ended = new Promise((resolve) => reader.on('close', resolve));
  const r = spawn(process.execPath, [join(root, 'dist/cli.mjs'), 'check', 'a.yaml', '--output', fifo], { cwd: dir });
  assert.equal(await new Promise((resolve) => r.on('close', resolve)), 1);
  await ended;
  assert.equal(read, fixity(['check', 'a.yaml'], { cwd: dir }).stdout);
  assert.ok(statSync(fifo).isFIFO());
  assert.deepEqual(readdirSync(dir).sort(), ['a.yaml', 'report.pipe']);
});

test('--report: one run prints its report and writes every other format, each what that format alone gives', () => {
  const dir = tree({ 'a.yaml': pod('nginx'), 'Dockerfile': 'ARG V\nFROM node:$V\n' });
  const reports = { json: 'out/fixity.json', sarif: 'fixity.sarif', junit: 'out/junit.xml', gitlab: 'gl-code-quality-report.json', markdown: 'summary.md' };
  const args = Object.entries(reports).flatMap(([format, file]) => ['--report', `${format}=${file}`]);
  for (const [failOn, code] of [['warning', 1], ['never', 0]]) {
    const r = fixity(['check', '--fail-on', failOn, ...args], { cwd: dir });
    assert.deepEqual([r.code, r.stderr], [code, ''], failOn);
    assert.equal(r.stdout, fixity(['check', '--fail-on', failOn], { cwd: dir }).stdout);
    assert.match(r.stdout, /^Found 2 findings in 2 files: 1 error, 1 warning\.$/m);
    for (const [format, file] of Object.entries(reports)) {
      assert.equal(readFileSync(join(dir, file), 'utf8'), fixity(['check', '--format', format], { cwd: dir }).stdout, format);
    }
  }
  // `=` in the flag's own form; --format and --output for the main report; no temporary file is left.
  const r = fixity(['check', 'a.yaml', '--format', 'json', '--output', 'main.json', '--report=text=log.txt'], { cwd: dir });
  assert.deepEqual([r.code, r.stdout], [1, '']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'main.json'), 'utf8')).summary.findings, 1);
  assert.match(readFileSync(join(dir, 'log.txt'), 'utf8'), /^a.yaml:8:14: error\[unpinned-image\]/);
  assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', 'a.yaml', 'fixity.sarif', 'gl-code-quality-report.json', 'log.txt', 'main.json', 'out', 'summary.md']);
});

test('--report on drift: the same findings in every format, and the exit status of the drift', () => {
  const web = (replicas) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: ${replicas}\n`;
  const dir = tree({ 'deploy/web.yaml': web(3) });
  assert.equal(fixity(['lock', 'deploy'], { cwd: dir }).code, 0);
  const live = join(tree({ 'live.json': JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 5 } }) }), 'live.json');
  const r = fixity(['drift', '--live', live, 'deploy', '--report', 'json=drift.json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^deploy\/web.yaml:7:13: error\[drift\] `\/spec\/replicas` of `k8s:apps\/Deployment:shop\/web` drifted: declared 3, live 5$/m);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8')).findings.map((f) => [f.rule, f.line]), [['drift', 7]]);
});

test('bad input: every bad file is a finding, every good file is still checked', () => {
  const deep = '{"apiVersion": "v1", "kind": "Pod", "spec": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
  const blockDeep = 'apiVersion: v1\nkind: Pod\nspec:\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i + 1) + 'a:\n').join('');
  let bomb = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nspec:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (const [i, n] of [...'bcdefghi'].entries()) bomb += `  ${n}: &${n} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]\n`;
  const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n' + '  k: "' + 'x'.repeat(1000) + '"\n'.repeat(1);
  const huge = (pod('nginx:1') + '---\n').repeat(Math.ceil(50e6 / 120));
  const dir = tree({
    'good.yaml': pod('nginx:1.25'),
    'malformed.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n     image: x\n',
    'Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff]),
    'latin1.yaml': Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n', 'latin1'),
    'deep.json': deep,
    'block-deep.yaml': blockDeep,
    'bomb.yaml': bomb,
    'big-configmap.yaml': big,
    'huge.yaml': huge,
  });
  const r = fixity(['check', '--format', 'json', '--select', 'parse-error'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => `${f.path}:${f.line} ${f.message}`), [
    'Dockerfile:1 binary file (it contains NUL bytes), not a manifest',
    'block-deep.yaml:259 invalid YAML: nesting deeper than 256 levels',
    'bomb.yaml:1 YAML aliases expand to too many nodes (an alias bomb?); the document was not fully checked',
    'deep.json:1 invalid YAML: recursion limit exceeded',
    'latin1.yaml:4 file is not valid UTF-8 (at byte offset 46)',
    'malformed.yaml:6 invalid YAML: mapping values are not allowed in this context',
  ]);
  const all = JSON.parse(fixity(['check', '--format', 'json', '--select', 'unpinned-image'], { cwd: dir }).stdout);
  assert.equal(all.findings.filter((f) => f.path === 'good.yaml').length, 1);
  assert.equal(all.findings.filter((f) => f.path === 'huge.yaml').length, Math.ceil(50e6 / 120));
});

test('the README shows real output: the examples run and the rule table', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = readFileSync(join(root, 'tests/js/snapshots/examples.txt'), 'utf8');
  assert.ok(readme.includes('```console\n$ npx fixity check examples\n' + examples + '```'), 'README example output is stale');
  for (const line of fixity(['rules']).stdout.trim().split('\n')) {
    const [, name, severity, summary] = line.match(/^(\S+) +(\S+) +(.*)$/);
    assert.ok(readme.includes(`| \`${name}\` | ${severity} | ${summary} |`), `README rule table lacks ${name}`);
  }
});

test('the npm pack tarball installs in another folder and runs with no build step and no network', () => {
  const packDir = mkdtempSync(join(tmpdir(), 'fixity-pack-'));
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = join(packDir, packed.stdout.trim().split('\n').pop());
  const project = tree({ 'deploy/pod.yaml': pod('nginx:1.25') });
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  const r = spawnSync('npx', ['--offline', 'fixity', 'check', '--format', 'json'], { cwd: project, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(brief(r.stdout), ['deploy/pod.yaml:8:14 unpinned-image nginx:1.25']);
});

test('files are classified by their place in the repository, from wherever fixity runs', () => {
  const repo = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n' });
  for (const [cwd, args, path] of [
    [repo, ['check'], '.github/workflows/ci.yml'],
    [join(repo, '.github/workflows'), ['check'], 'ci.yml'],
    [join(repo, '.github'), ['check', 'workflows'], 'workflows/ci.yml'],
  ]) {
    const r = fixity([...args, '--format', 'json'], { cwd });
    assert.deepEqual(brief(r.stdout), [`${path}:6:15 unpinned-action actions/checkout@v4`], cwd);
  }
});

test('every file named is read: its content tells its kind, an unknown one is a warning, a run of none exits 2', () => {
  const dir = tree({
    'ci/release.yml': 'on: push\njobs:\n  r:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n',
    'docker/base': '# the base image\nFROM alpine:3.20\n',
    'deploy/stack': 'services:\n  db:\n    image: postgres:16\n',
    'deploy/web.tmpl': pod('nginx:1.25'),
    'infra/service': 'resource "docker_container" "web" {\n  image = "nginx:1.25"\n}\n',
    'ci/build': 'build:\n  image: node:20\n  script: [make]\n',
    'tools/setup.yml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n',
    'overlays/prod.yaml': 'resources: [../base]\nimages:\n  - name: api\n    newTag: "2.1"\n',
    'hooks/config': 'repos:\n  - repo: https://github.com/psf/black\n    rev: 24.4.2\n    hooks: [{id: black}]\n',
    'ci/bitbucket': 'pipelines:\n  default:\n    - step:\n        image: python:3.12\n        script: [make]\n',
    'ci/circle': 'version: 2.1\norbs:\n  node: circleci/node@5\nworkflows:\n  main:\n    jobs: [node/test]\n',
    'gcp/build': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, .]\n',
    'infra/program': 'name: web\nruntime: yaml\nresources:\n  web:\n    type: docker:Container\n    properties:\n      image: nginx:1.27\n',
    'notes.txt': 'nothing to see\n',
  });
  const json = (r) => JSON.parse(r.stdout).findings.map((f) => `${f.path}:${f.line} ${f.rule} ${f.subject}`);
  const named = ['ci/release.yml', 'docker/base', 'deploy/stack', 'deploy/web.tmpl', 'infra/service', 'ci/build', 'tools/setup.yml', 'overlays/prod.yaml', 'hooks/config', 'ci/bitbucket', 'ci/circle', 'gcp/build', 'infra/program'];
  const r = fixity(['check', '--format', 'json', ...named, 'notes.txt'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(json(r), [
    'ci/bitbucket:4 unpinned-image python:3.12',
    'ci/build:2 unpinned-image node:20',
    'ci/circle:3 unpinned-source circleci/node@5',
    'ci/release.yml:6 unpinned-action actions/checkout@v4',
    'deploy/stack:3 unpinned-image postgres:16',
    'deploy/web.tmpl:8 unpinned-image nginx:1.25',
    'docker/base:2 unpinned-image alpine:3.20',
    'gcp/build:2 unpinned-image gcr.io/cloud-builders/docker',
    'hooks/config:3 unpinned-source https://github.com/psf/black@24.4.2',
    'infra/program:7 unpinned-image nginx:1.27',
    'infra/service:2 unpinned-image nginx:1.25',
    'overlays/prod.yaml:4 unpinned-image api:2.1',
    'tools/setup.yml:5 unpinned-action actions/setup-node@v4',
  ]);
  assert.equal(r.stderr, 'fixity: warning: notes.txt: not checked: fixity cannot tell what kind of file it is (name it in .fixity.yml `kinds:`)\n');
  // Walking the folder reads none of them: their names do not say their kinds.
  assert.deepEqual(fixity(['check', '.'], { cwd: dir }).stderr, 'fixity: no file was checked (14 files were found, none of a kind fixity checks)\n');
  const none = fixity(['check', 'notes.txt'], { cwd: dir });
  assert.deepEqual([none.code, none.stderr], [2, 'fixity: warning: notes.txt: not checked: fixity cannot tell what kind of file it is (name it in .fixity.yml `kinds:`)\nfixity: no file was checked (1 file was found, of no kind fixity checks)\n']);
  const missing = fixity(['check', 'docker/Dockerfile'], { cwd: dir });
  assert.deepEqual([missing.code, missing.stderr], [2, 'fixity: docker/Dockerfile: no such file or folder\n']);
});

test('walking reads every Dockerfile, workflow and Terraform name variant, and no documentation or template', () => {
  const workflow = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n';
  const dir = tree({
    'Dockerfile.dev': 'FROM a:1\n',
    'Dockerfile-dev': 'FROM b:1\n',
    'Dockerfile_prod': 'FROM c:1\n',
    'Containerfile': 'FROM d:1\n',
    'Containerfile-arm64': 'FROM e:1\n',
    'app.dockerfile': 'FROM f:1\n',
    'app.Containerfile': 'FROM g:1\n',
    'Dockerfile.md': 'FROM h:1\n',
    'Dockerfile.txt': 'FROM i:1\n',
    'Dockerfile-dev.j2': 'FROM j:1\n',
    'Dockerfile.tmpl': 'FROM k:1\n',
    '.github/workflow-templates/ci.yml': workflow,
    '.gitea/workflows/build.yml': workflow,
    '.forgejo/workflows/test.yml': workflow,
    'infra/main.tf': 'resource "helm_release" "redis" {\n  repository = "https://charts.bitnami.com/bitnami"\n  chart      = "redis"\n  version    = var.redis\n}\n',
    'infra/variables.tf': 'variable "redis" {\n  default = "19.6.4"\n}\n',
    'infra/prod.auto.tfvars.json': '{"redis": "19.x"}\n',
  });
  const r = fixity(['check', '--format', 'json', '.'], { cwd: dir });
  assert.deepEqual(brief(r.stdout), [
    '.forgejo/workflows/test.yml:6:15 unpinned-action actions/checkout@v4',
    '.gitea/workflows/build.yml:6:15 unpinned-action actions/checkout@v4',
    '.github/workflow-templates/ci.yml:6:15 unpinned-action actions/checkout@v4',
    'Containerfile:1:6 unpinned-image d:1',
    'Containerfile-arm64:1:6 unpinned-image e:1',
    'Dockerfile-dev:1:6 unpinned-image b:1',
    'Dockerfile.dev:1:6 unpinned-image a:1',
    'Dockerfile_prod:1:6 unpinned-image c:1',
    'app.Containerfile:1:6 unpinned-image g:1',
    'app.dockerfile:1:6 unpinned-image f:1',
    'infra/main.tf:4:16 unpinned-source https://charts.bitnami.com/bitnami/redis@var.redis',
  ]);
  assert.equal(JSON.parse(r.stdout).summary.files, 13);
});

test('.fixity.yml kinds: decides the kind of the files its globs match, while walking too', () => {
  const dir = tree({
    '.fixity.yml': 'kinds:\n  "ci/**/*.yml": gitlab-ci\n  "images/*.base": dockerfile\n',
    'ci/jobs/build.yml': 'build:\n  image: node:20\n  script: [make]\n',
    'images/app.base': 'FROM debian:12\n',
  });
  const r = fixity(['check', '--format', 'json', '.'], { cwd: dir });
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => `${f.path}:${f.line} ${f.subject}`), ['ci/jobs/build.yml:2 node:20', 'images/app.base:1 debian:12']);
  const bad = fixity(['check', '.'], { cwd: tree({ '.fixity.yml': 'kinds:\n  "ci/*.yml": gitlab\n', 'Dockerfile': 'FROM x\n' }) });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^fixity: \.fixity\.yml:2:15: unknown kind `gitlab` \(expected one of: dockerfile, terraform, /);
});

test('a reader that stops early closes the pipe: no crash, and the exit status is still the findings\'', () => {
  const cli = join(root, 'dist/cli.mjs');
  const r = spawnSync('bash', ['-c', `node ${JSON.stringify(cli)} check tests/fixtures | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
  assert.deepEqual([r.stdout, r.stderr], ['1\n', '']);
});

// Every report format on the examples, as the CLI writes it (snapshots, and SARIF through Microsoft's
// validator with its GitHub ingestion rules); baselines; and bad input that must leave no report behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIGEST, fixity, matchesSnapshot, pod, root, tree } from './helpers.mjs';

const SNAPSHOTS = {
  json: 'examples.json',
  sarif: 'examples.sarif',
  github: 'examples.github.txt',
  gitlab: 'examples.gitlab.json',
  junit: 'examples.junit.xml',
  markdown: 'examples.md',
};

for (const [format, snapshot] of Object.entries(SNAPSHOTS)) {
  test(`the examples as ${format}`, () => {
    const r = fixity(['check', 'examples', '--format', format]);
    assert.deepEqual([r.code, r.stderr], [1, '']);
    assert.ok(matchesSnapshot(r.stdout, snapshot), `${format} differs from tests/js/snapshots/${snapshot} (FIXITY_BLESS=1 rewrites it)`);
  });
}

/** Runs sarif-multitool's validation, with its rules for what GitHub code scanning ingests; returns its findings. */
function validateSarif(file) {
  const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool');
  const r = spawnSync(multitool, ['validate', '--rule-kind', 'Sarif;Gh', file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Analysis completed successfully/);
  return [...r.stdout.matchAll(/: (error|warning|note) (\w+):/g)].map((m) => `${m[1]} ${m[2]}`);
}

test('SARIF of the examples and of every severity passes sarif-multitool', () => {
  const dir = tree({
    'deploy/web app.yaml': pod('nginx:1.25'),
    'Dockerfile': 'ARG V\nFROM node:$V\n# fixity: ignore[unpinned-image]\nFROM scratch\n',
    'bad.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n',
  });
  const r = fixity(['check', '.', '--format', 'sarif', '--output', 'out.sarif', '--fail-on', 'never'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  assert.deepEqual(sarif.runs[0].results.map((x) => `${x.level} ${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri}`), [
    'warning unanalyzable-reference Dockerfile',
    'note unused-suppression Dockerfile',
    'error parse-error bad.yaml',
    'error unpinned-image deploy/web%20app.yaml',
  ]);
  // The one warning: fixity has no web page to name as the tool's informationUri yet.
  assert.deepEqual(validateSarif(join(dir, 'out.sarif')), ['warning SARIF2005']);
  const examples = tree({});
  fixity(['check', 'examples', '--format', 'sarif', '--output', join(examples, 'examples.sarif')]);
  assert.deepEqual(validateSarif(join(examples, 'examples.sarif')), ['warning SARIF2005']);
});

test('the GitLab report has the Code Quality fields and no byte-order mark', () => {
  const r = fixity(['check', 'examples', '--format', 'gitlab']);
  assert.notEqual(r.stdout.charCodeAt(0), 0xfeff);
  const issues = JSON.parse(r.stdout);
  assert.equal(issues.length, 13);
  assert.deepEqual([...new Set(issues.map((i) => i.check_name))].sort(), ['unlocked-provider', 'unpinned-action', 'unpinned-image', 'unpinned-include', 'unpinned-module']);
  for (const issue of issues) {
    assert.equal(typeof issue.description, 'string');
    assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
    assert.ok(Number.isInteger(issue.location.lines.begin));
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
});

test('the Markdown report stays under 1 MiB, cut short with "…and N more"', () => {
  const many = Array.from({ length: 12_000 }, (_, i) => `FROM registry.example/team/service-${i}:1.0.${i}\n`).join('');
  const dir = tree({ 'Dockerfile': many });
  const r = fixity(['check', '--format', 'markdown'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.ok(Buffer.byteLength(r.stdout) < 1024 * 1024, `${Buffer.byteLength(r.stdout)} bytes`);
  const shown = r.stdout.split('\n').filter((l) => l.startsWith('| error |')).length;
  assert.ok(shown > 1000 && shown < 12_000, `${shown} rows`);
  assert.ok(r.stdout.endsWith(`\n…and ${12_000 - shown} more (the full report lists all 12000).\n`));
  assert.match(r.stdout, /^\| `unpinned-image` \| 12000 \| 0 \| 0 \|$/m);
});

test('a baseline hides what it records; new findings still fail', () => {
  const dir = tree({ 'a.yaml': pod('nginx:1.25'), 'b.yaml': pod('redis:7') });
  const written = fixity(['check', '--write-baseline', 'fixity-baseline.json'], { cwd: dir });
  assert.deepEqual([written.code, written.stdout], [0, 'No findings in 2 files.\n2 findings in the baseline not shown.\n']);
  const baseline = JSON.parse(readFileSync(join(dir, 'fixity-baseline.json'), 'utf8'));
  assert.deepEqual(Object.keys(baseline), ['version', 'findings']);
  assert.deepEqual(baseline.findings.map((f) => `${f.path} ${f.rule} ${f.subject}`), ['a.yaml unpinned-image nginx:1.25', 'b.yaml unpinned-image redis:7']);

  // Moved lines keep their fingerprints; a new image is new.
  writeFileSync(join(dir, 'a.yaml'), '# moved\n' + pod('nginx:1.25'));
  writeFileSync(join(dir, 'c.yaml'), pod('memcached:1'));
  const r = fixity(['check', '--baseline', 'fixity-baseline.json', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.findings.map((f) => f.subject), ['memcached:1']);
  assert.deepEqual(report.summary, { files: 3, findings: 1, error: 1, warning: 0, note: 0, baselined: 2 });
  assert.equal(fixity(['check', '--baseline', 'fixity-baseline.json', '--format', 'sarif'], { cwd: dir }).stdout.match(/"ruleId"/g).length, 1);
});

test('bad input: one line on stderr, exit 2, and no report, baseline or temporary file left', () => {
  const cases = [
    [['check', 'a.yaml', 'missing.yaml'], 'fixity: missing.yaml: no such file or folder\n'],
    [['check', '--config', 'conf.d'], 'fixity: cannot read configuration conf.d: not a regular file\n'],
    [['check', '--config', 'broken.yml'], 'fixity: broken.yml:1:1: unknown key `rulez` (expected one of: environments, exclude, kinds, lock, resolve, rules)\n'],
    [['check', '--fail-on', 'sometimes'], 'fixity: invalid fail-on level `sometimes` (expected error, warning, note or never)\n'],
    [['check', '--baseline', 'not-json.txt'], 'fixity: not-json.txt: not JSON (expected value at line 1 column 1)\n'],
    [['check', '--baseline', 'list.json'], 'fixity: list.json: not a fixity baseline (not an object; expected {"version": 1, "findings": [{"fingerprint": "…"}, …]})\n'],
    [['check', '--baseline', 'missing.json'], 'fixity: cannot read baseline missing.json: ENOENT\n'],
    [['check', '--report', 'yaml=report.yaml'], 'fixity: unknown format `yaml` (expected one of: text, json, sarif, github, gitlab, junit, markdown)\n'],
    [['check', '--report', 'junit'], 'fixity: invalid report `junit` (expected FORMAT=FILE, such as sarif=fixity.sarif)\n'],
    [['check', '--report', 'json='], 'fixity: invalid report `json=` (expected FORMAT=FILE, such as sarif=fixity.sarif)\n'],
    [['check', '--report', 'json=./report.sarif'], 'fixity: ./report.sarif is named for two reports\n'],
    [['lock', '--report', 'json=lock-report.json'], 'fixity: --report is for check and drift\n'],
  ];
  for (const [args, message] of cases) {
    const dir = tree({ 'a.yaml': pod('nginx'), 'broken.yml': 'rulez: {}\n', 'not-json.txt': '<baseline/>\n', 'list.json': '[]\n' });
    mkdirSync(join(dir, 'conf.d'));
    const before = readdirSync(dir).sort();
    const r = fixity([...args, '--format', 'sarif', '--output', 'report.sarif', '--report', 'junit=report.xml', '--write-baseline', 'new-baseline.json'], { cwd: dir });
    assert.deepEqual([r.code, r.stderr, r.stdout], [2, message, ''], args.join(' '));
    assert.deepEqual(readdirSync(dir).sort(), before, args.join(' '));
  }
});

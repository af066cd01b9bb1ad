// The CLI as a process against what a hostile pull request can put in a repository: links to devices and
// FIFOs, configurations that reach outside, .gitignore files that hide committed manifests, links that
// repeat files, and input that checks nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGEST, fixity, pod, root, tree } from './helpers.mjs';

/** The findings of a JSON report as `path:line:col rule subject`. */
function brief(stdout) {
  return JSON.parse(stdout).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule} ${f.subject}`);
}

function mkfifo(path) {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, String(r.stderr));
}

/** git in the test's own fixture (fixity itself never runs git). */
function git(dir, ...args) {
  const r = spawnSync('git', ['-c', 'user.name=fixity', '-c', 'user.email=fixity@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

const LIMIT = 64 * 2 ** 20;

test('a .gitignore linked to /dev/zero, to a file outside, or a FIFO is not read: the run ends and ignores nothing', () => {
  const outside = tree({ 'ignore-all': '*\n' });
  const dir = tree({ 'a.yaml': pod('nginx:1'), 'sub/b.yaml': pod('nginx:2'), 'out/c.yaml': pod('nginx:3') });
  symlinkSync('/dev/zero', join(dir, '.gitignore'));
  mkfifo(join(dir, 'sub/.gitignore'));
  symlinkSync(join(outside, 'ignore-all'), join(dir, 'out/.gitignore'));
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.deepEqual([r.code, r.stderr], [1, '']);
  assert.deepEqual(brief(r.stdout), ['a.yaml:8:14 unpinned-image nginx:1', 'out/c.yaml:8:14 unpinned-image nginx:3', 'sub/b.yaml:8:14 unpinned-image nginx:2']);
});

test('a .gitignore linked inside the folder is read', () => {
  const dir = tree({ 'rules/ignore': 'skipped.yaml\n', 'skipped.yaml': pod('nginx:1'), 'kept.yaml': pod('nginx:2') });
  symlinkSync('rules/ignore', join(dir, '.gitignore'));
  assert.deepEqual(brief(fixity(['check', '--format', 'json'], { cwd: dir }).stdout), ['kept.yaml:8:14 unpinned-image nginx:2']);
});

test('a configuration or lock that is a device, a FIFO or a link out of the repository is an error, not a hang', () => {
  const outside = tree({ 'fixity.lock.json': '{}\n' });
  const cases = [
    ['.fixity.yml', (dir) => symlinkSync('/dev/zero', join(dir, '.fixity.yml')), (dir) => `cannot read configuration .fixity.yml: it leads outside ${dir}`],
    ['.fixity.yml', (dir) => mkfifo(join(dir, '.fixity.yml')), () => 'cannot read configuration .fixity.yml: not a regular file'],
    ['fixity.lock.json', (dir) => mkfifo(join(dir, 'fixity.lock.json')), () => 'cannot read lock fixity.lock.json: not a regular file'],
    ['fixity.lock.json', (dir) => symlinkSync(join(outside, 'fixity.lock.json'), join(dir, 'fixity.lock.json')), (dir) => `cannot read lock fixity.lock.json: it leads outside ${dir}`],
    ['dangling', (dir) => symlinkSync(join(dir, 'nowhere.json'), join(dir, 'fixity.lock.json')), () => 'cannot read lock fixity.lock.json: ENOENT'],
  ];
  for (const [name, make, message] of cases) {
    const dir = realpathSync(tree({ 'a.yaml': pod('nginx:1') }));
    make(dir);
    const r = fixity(['check'], { cwd: dir });
    assert.deepEqual([r.code, r.stderr, r.stdout], [2, `fixity: ${message(dir)}\n`, ''], name);
  }
});

test('files named on the command line may be anywhere, but must be regular files within the limit', () => {
  const outside = tree({ 'shared.yml': 'rules:\n  unpinned-image:\n    severity: warning\n' });
  const dir = tree({ 'a.yaml': pod('nginx:1') });
  mkfifo(join(dir, 'fifo'));
  writeFileSync(join(dir, 'big.yml'), '');
  truncateSync(join(dir, 'big.yml'), LIMIT + 1);
  const named = fixity(['check', 'a.yaml', '--config', join(outside, 'shared.yml'), '--format', 'json'], { cwd: dir });
  assert.deepEqual([named.code, JSON.parse(named.stdout).findings.map((f) => f.severity)], [0, ['warning']]);
  for (const [args, message] of [
    [['check', 'fifo'], 'fifo: not a regular file or folder'],
    [['check', '/dev/zero'], '/dev/zero: not a regular file or folder'],
    [['check', '--config', 'fifo'], 'cannot read configuration fifo: not a regular file'],
    [['check', '--config', '/dev/zero'], 'cannot read configuration /dev/zero: not a regular file'],
    [['check', '--baseline', 'fifo'], 'cannot read baseline fifo: not a regular file'],
    [['check', '--lock', 'fifo'], 'cannot read lock fifo: not a regular file'],
    [['drift', '--live', 'fifo'], 'cannot read live state fifo: not a regular file'],
    [['check', '--config', 'big.yml'], 'cannot read configuration big.yml: it is 67.1 MB, over the 64 MiB limit'],
  ]) {
    const r = fixity(args, { cwd: dir });
    assert.deepEqual([r.code, r.stderr, r.stdout], [2, `fixity: ${message}\n`, ''], args.join(' '));
  }
});

test('standard input is capped like a file', () => {
  const over = fixity(['check', '-'], { input: Buffer.alloc(LIMIT + 1, 0x20) });
  assert.deepEqual([over.code, over.stderr, over.stdout], [2, 'fixity: standard input is over the 64 MiB limit\n', '']);
  const at = fixity(['check', '-', '--stdin-filename', 'pod.yaml', '--format', 'json'], { input: pod('nginx:1').padEnd(LIMIT, ' ') });
  assert.deepEqual(brief(at.stdout), ['pod.yaml:8:14 unpinned-image nginx:1']);
});

test('a configuration\'s lock stays in its folder: `..`, absolute paths and linked folders are refused', () => {
  const outside = mkdtempSync(join(tmpdir(), 'fixity-outside-'));
  for (const [lock, message] of [
    ['../outside/x.json', '.fixity.yml:1:7: `lock` must be a path inside the configuration\'s folder, not `../outside/x.json`'],
    [join(outside, 'x.json'), `.fixity.yml:1:7: \`lock\` must be a path inside the configuration's folder, not \`${join(outside, 'x.json')}\``],
  ]) {
    const dir = tree({ '.fixity.yml': `lock: ${lock}\n`, 'a.yaml': pod(`nginx@${DIGEST}`) });
    const r = fixity(['lock'], { cwd: dir });
    assert.deepEqual([r.code, r.stderr], [2, `fixity: ${message}\n`], lock);
  }
  const dir = realpathSync(tree({ '.fixity.yml': 'lock: locks/x.json\n', 'a.yaml': pod(`nginx@${DIGEST}`) }));
  symlinkSync(outside, join(dir, 'locks'));
  const linked = fixity(['lock'], { cwd: dir });
  assert.deepEqual([linked.code, linked.stderr], [2, `fixity: cannot write lock locks/x.json: it leads outside ${dir}\n`]);
  assert.deepEqual(readdirSync(outside), []);
  // Named on the command line, the same place is the user's choice.
  const named = fixity(['lock', '--lock', join(outside, 'x.json')], { cwd: dir });
  assert.deepEqual([named.code, readdirSync(outside)], [0, ['x.json']]);
});

test('configuration discovery stops at the working directory outside a repository, at the root inside one', () => {
  for (const [marker, used] of [[null, false], ['folder', true], ['file', true]]) {
    const parent = tree({ '.fixity.yml': 'exclude: ["**"]\n', 'child/a.yaml': pod('nginx:1') });
    if (marker === 'folder') mkdirSync(join(parent, '.git'));
    if (marker === 'file') writeFileSync(join(parent, '.git'), 'gitdir: elsewhere\n');
    const r = fixity(['check', '--format', 'json'], { cwd: join(parent, 'child') });
    if (used) assert.deepEqual([r.code, r.stderr], [2, 'fixity: no file was checked (none was found that is not excluded or ignored)\n'], marker);
    else assert.deepEqual([r.code, brief(r.stdout)], [1, ['a.yaml:8:14 unpinned-image nginx:1']], 'no repository');
  }
});

/** A repository with committed manifests, and what {@link ignoreManifests} adds. */
function repositoryWithIgnoredManifests() {
  const dir = tree({
    'deploy/web.yaml': pod('web:1'),
    'deploy/worker.yaml': pod('worker:1'),
    'deploy/db/stateful.yaml': pod('db:1'),
    'kept.yaml': pod('kept:1'),
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'manifests');
  ignoreManifests(dir);
  return dir;
}

/** What the pull request adds: .gitignore files that match every manifest, and an untracked one. */
function ignoreManifests(dir) {
  writeFileSync(join(dir, '.gitignore'), 'deploy/\nkept.yaml\n');
  writeFileSync(join(dir, 'deploy/.gitignore'), '*.yaml\n');
  writeFileSync(join(dir, 'deploy/scratch.yaml'), pod('scratch:1'));
}

const ALL_COMMITTED = [
  'deploy/db/stateful.yaml:8:14 unpinned-image db:1',
  'deploy/web.yaml:8:14 unpinned-image web:1',
  'deploy/worker.yaml:8:14 unpinned-image worker:1',
  'kept.yaml:8:14 unpinned-image kept:1',
];

test('.gitignore applies to untracked files only: index versions 2, 3 and 4', () => {
  for (const version of [2, 3, 4]) {
    const dir = repositoryWithIgnoredManifests();
    git(dir, 'update-index', '--index-version', String(version));
    // Version 3 is for entries with extended flags: an intent-to-add one.
    if (version === 3) git(dir, 'add', '-f', '-N', 'deploy/scratch.yaml');
    assert.equal(readFileSync(join(dir, '.git/index')).readUInt32BE(4), version);
    const r = fixity(['check', '--format', 'json'], { cwd: dir });
    const expected = version === 3 ? [...ALL_COMMITTED.slice(0, 1), 'deploy/scratch.yaml:8:14 unpinned-image scratch:1', ...ALL_COMMITTED.slice(1)] : ALL_COMMITTED;
    assert.deepEqual(brief(r.stdout), expected, `index version ${version}`);
    // From a subfolder, and with the folder named, the same files.
    const sub = fixity(['check', '.', '--format', 'json'], { cwd: join(dir, 'deploy') });
    assert.deepEqual(brief(sub.stdout), expected.filter((f) => f.startsWith('deploy/')).map((f) => f.slice('deploy/'.length)), `index version ${version}, from deploy/`);
  }
});

test('.gitignore applies to untracked files only: in a worktree, whose .git is a file', () => {
  const main = repositoryWithIgnoredManifests();
  const worktree = join(mkdtempSync(join(tmpdir(), 'fixity-worktree-')), 'wt');
  git(main, 'worktree', 'add', '-q', worktree);
  ignoreManifests(worktree);
  assert.match(readFileSync(join(worktree, '.git'), 'utf8'), /^gitdir: /);
  assert.deepEqual(brief(fixity(['check', '--format', 'json'], { cwd: worktree }).stdout), ALL_COMMITTED);
});

test('an index that is truncated, damaged or unreadable: .gitignore rules apply to every file, as without git', () => {
  const index = readFileSync(join(repositoryWithIgnoredManifests(), '.git/index'));
  const damaged = Buffer.from(index);
  damaged[80] ^= 1;
  const cases = [
    ['truncated', (path) => writeFileSync(path, index.subarray(0, index.length - 30))],
    ['damaged', (path) => writeFileSync(path, damaged)],
    ['header only', (path) => writeFileSync(path, Buffer.from('DIRC\0\0\0\x02\0\0\0\x09'))],
    ['empty', (path) => writeFileSync(path, '')],
    ['a FIFO', (path) => (unlinkSync(path), mkfifo(path))],
    ['a link to /dev/zero', (path) => (unlinkSync(path), symlinkSync('/dev/zero', path))],
  ];
  for (const [name, spoil] of cases) {
    const dir = repositoryWithIgnoredManifests();
    writeFileSync(join(dir, 'other.yaml'), pod('other:1'));
    spoil(join(dir, '.git/index'));
    const r = fixity(['check', '--format', 'json'], { cwd: dir });
    assert.deepEqual([r.code, r.stderr, brief(r.stdout)], [1, '', ['other.yaml:8:14 unpinned-image other:1']], name);
  }
});

test('a file reached twice, by a symbolic link or by two paths, is checked and locked once, by its own name', () => {
  const dir = tree({ 'z-real.yaml': pod('nginx:1') });
  symlinkSync('z-real.yaml', join(dir, 'a-link.yaml'));
  const r = fixity(['check', '.', 'z-real.yaml', '--format', 'json'], { cwd: dir });
  assert.deepEqual([r.code, brief(r.stdout), JSON.parse(r.stdout).summary.files], [1, ['z-real.yaml:8:14 unpinned-image nginx:1'], 1]);
  const locked = fixity(['lock'], { cwd: dir });
  assert.deepEqual([locked.code, locked.stderr], [0, 'Wrote fixity.lock.json\n']);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, 'fixity.lock.json'), 'utf8')).resources), ['z-real.yaml']);
});

test('a run that checks no file fails: all excluded, empty standard input, no known kind', () => {
  const dir = tree({ 'a.yaml': pod('nginx:1'), 'README.md': '# hi\n', 'notes.txt': 'x\n' });
  for (const [args, input, why] of [
    [['check', '--exclude', '**'], undefined, 'none was found that is not excluded or ignored'],
    [['lock', '--exclude', '**'], undefined, 'none was found that is not excluded or ignored'],
    [['check', '-'], '', 'standard input is empty'],
    [['check', '-', '--stdin-filename', 'rendered.yaml'], '\n\n', 'standard input is empty'],
    [['check', '-'], 'hello\n', 'standard input is of no kind fixity checks; --stdin-filename names its kind'],
    [['check', 'README.md', 'notes.txt'], undefined, '2 files were found, none of a kind fixity checks'],
    [['check', 'README.md'], undefined, '1 file was found, of no kind fixity checks'],
    [['check', '--exclude', 'a.yaml'], undefined, '2 files were found, none of a kind fixity checks'],
  ]) {
    const r = fixity([...args, '--output', 'report.txt'], { cwd: dir, input });
    // A file named on the command line that is of no kind is also a warning of its own.
    const warnings = args.filter((a) => ['README.md', 'notes.txt'].includes(a)).map((name) => `fixity: warning: ${name}: not checked: fixity cannot tell what kind of file it is (name it in .fixity.yml \`kinds:\`)\n`);
    assert.deepEqual([r.code, r.stderr, r.stdout], [2, `${warnings.join('')}fixity: no file was checked (${why})\n`, ''], args.join(' '));
    assert.deepEqual(readdirSync(dir).sort(), ['README.md', 'a.yaml', 'notes.txt'], args.join(' '));
  }
});

test('a temporary file placed in the way is named in the error, and left alone', () => {
  const dir = tree({ 'a.yaml': pod('nginx:1') });
  // The CLI in a process whose id the temporary name uses, placed before it runs.
  const script = `import { writeFileSync } from 'node:fs'; writeFileSync('report.txt.' + process.pid + '.tmp', 'theirs'); process.argv.splice(1, 0, 'fixity'); await import(${JSON.stringify(join(root, 'dist/cli.mjs'))});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'check', '--output', 'report.txt'], { cwd: dir, encoding: 'utf8' });
  const [temporary] = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
  assert.deepEqual([r.status, r.stderr, r.stdout], [2, `fixity: cannot write report.txt: temporary file ${temporary} already exists\n`, '']);
  assert.equal(readFileSync(join(dir, temporary), 'utf8'), 'theirs');
  assert.equal(existsSync(join(dir, 'report.txt')), false);
});

test('an error quoting the repository\'s text is one line, its control characters escaped', () => {
  const dir = tree({ 'a.yaml': pod('nginx:1'), '.fixity.yml': '"exclude\\e[2J\\n::error::forged": []\n' });
  const r = fixity(['check'], { cwd: dir });
  assert.deepEqual([r.code, r.stderr], [2, 'fixity: .fixity.yml:1:1: unknown key `exclude\\u{1b}[2J\\n::error::forged` (expected one of: environments, exclude, kinds, lock, resolve, rules)\n']);
  // The shim's own messages name files too: here a lock the configuration names, which is a FIFO.
  writeFileSync(join(dir, '.fixity.yml'), 'lock: "x\\e[2J\\u2028.json"\n');
  mkfifo(join(dir, 'x\x1b[2J\u2028.json'));
  const fifo = fixity(['check'], { cwd: dir });
  assert.deepEqual([fifo.code, fifo.stderr], [2, 'fixity: cannot read lock x\\u{1b}[2J\\u{2028}.json: not a regular file\n']);
});

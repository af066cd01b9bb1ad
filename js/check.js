// What the CLI and the Action share: reading the configuration and the baseline, walking the paths into the
// core, and writing report files whole. Bad input surfaces here as one-line errors, before any file is
// written.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as core from './wasm.js';
import { displayPath, walk } from './walk.js';

/** Bad input from the user: reported as one line, exit status 2. */
export class UsageError extends Error {}

/** The one line to show for an error: its message when it is ours or the core's, never a stack trace. */
export function errorMessage(e) {
  return e instanceof UsageError || e?.name === 'Error' ? e.message : String(e);
}

/** The working directory and its parents, up to the repository root (the folder holding `.git`). */
function* upToRepositoryRoot() {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    yield dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return;
  }
}

/** `.fixity.yml` (or `.fixity.yaml`) in the working directory or a parent, up to the repository root. */
function findConfig() {
  for (const dir of upToRepositoryRoot()) {
    for (const name of ['.fixity.yml', '.fixity.yaml']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

/** The working directory relative to the repository root, with `/` (empty outside a repository). */
function repositoryBase() {
  const dirs = [...upToRepositoryRoot()];
  const top = dirs[dirs.length - 1];
  return existsSync(join(top, '.git')) ? relative(top, process.cwd()).split(sep).join('/') : '';
}

function readConfig(explicit) {
  const path = explicit || findConfig();
  if (path === null) return { path: null, text: undefined, name: '' };
  return { path, text: readText(path, 'configuration'), name: displayPath(resolve(path)) };
}

/** The HMAC key for secret values in the lock, from the environment; it is never printed. */
function hmacKey() {
  const key = process.env.FIXITY_HMAC_KEY;
  return key ? new TextEncoder().encode(key) : undefined;
}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.code ?? e.message}`);
  }
}

/**
 * Writes a file so that readers see either the old or the whole new content, never a partial one (its
 * folder is created if need be).
 */
export function writeAtomically(path, content) {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    // `wx`: never write through a file or symlink that someone else put at the temporary name.
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (e) {
    if (e.code !== 'EEXIST') rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${e.code ?? e.message}`);
  }
}

function addPath(checker, path, stdinName) {
  if (path === '-') {
    checker.addFile(stdinName ?? '-', readFileSync(0), undefined);
    return;
  }
  const info = statSync(path);
  const files = info.isDirectory()
    ? walk(path, { wants: (p) => checker.wants(p), excludes: (p) => checker.excludes(p) })
    : [{ path, shown: displayPath(resolve(path)), size: info.size }];
  const limit = core.maxFileBytes();
  for (const file of files) {
    if (file.size > limit) checker.addOversized(file.shown, file.size);
    else checker.addFile(file.shown, readFileSync(file.path), undefined);
  }
}

/**
 * A run of the core over `paths` (default `.`): the configuration read, every input checked before the
 * first file is read. `begin(checker, lock)` tells the core what the run is for (verify, lock, drift)
 * before the files go in; `lock` is the lock file's path: `lock`, else the configuration's `lock:`, else
 * `fixity.lock.json`, beside the configuration or in the working directory.
 */
function run({ paths = [], config, select = [], ignore = [], exclude = [], failOn, baseline, stdinName, lock }, begin) {
  const roots = paths.length ? paths : ['.'];
  for (const path of roots) {
    if (path !== '-' && !existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  }
  const configFile = readConfig(config);
  const checker = new core.Checker(configFile.text, configFile.name, JSON.stringify({ select, ignore, exclude, failOn }));
  if (baseline) checker.useBaseline(readText(baseline, 'baseline'), baseline);
  const lockFile = lock || join(configFile.path ? dirname(configFile.path) : '.', checker.lockFile() ?? 'fixity.lock.json');
  checker.setBase(repositoryBase());
  checker.setScope(roots.filter((p) => p !== '-').map((p) => displayPath(resolve(p))));
  begin(checker, { path: lockFile, shown: displayPath(resolve(lockFile)), exists: existsSync(lockFile), key: hmacKey() });
  for (const path of roots) addPath(checker, path, stdinName);
  checker.finish();
  return { checker, lockFile };
}

/** A lock named explicitly must exist: verifying nothing would read as verified. */
function requireNamedLock(path) {
  if (path && !existsSync(path)) throw new UsageError(`${path}: no such lock file`);
}

/**
 * `check`: every static rule, and the lock verified when there is one. Returns the core's checker, ready
 * to render; `writeBaseline` is written, and then used as the baseline.
 */
export function check({ writeBaseline, ...options }) {
  requireNamedLock(options.lock);
  const { checker } = run(options, (checker, lock) => {
    if (lock.exists) checker.verifyLock(lock.shown, readText(lock.path, 'lock'), lock.key);
  });
  if (writeBaseline) {
    const recorded = checker.baseline();
    writeAtomically(writeBaseline, recorded);
    checker.useBaseline(recorded, writeBaseline);
  }
  return checker;
}

/**
 * `lock`: the lock's new text (undefined when a file could not be read or identities repeat: the
 * checker's report says why) and where it goes.
 */
export function lock(options) {
  const { checker, lockFile } = run(options, (checker, lock) => checker.startLock(lock.key));
  return { checker, path: lockFile, text: checker.lockText() };
}

/** The lock file's current text, or undefined when there is none yet. */
export function currentLock(path) {
  return existsSync(path) ? readText(path, 'lock') : undefined;
}

/** `drift`: the declared files against a live export (`kubectl get -o json`, `terraform show -json`). */
export function drift({ live, ...options }) {
  if (!live) throw new UsageError('drift needs --live FILE (a `kubectl get -o json` or `terraform show -json` export)');
  requireNamedLock(options.lock);
  const liveText = readText(live, 'live state');
  const { checker } = run(options, (checker, lock) => {
    // The live export is read first: a bad one is reported before any declared file is read.
    const [lockPath, lockText] = lock.exists ? [lock.shown, readText(lock.path, 'lock')] : [undefined, undefined];
    checker.startDrift(lockPath, lockText, displayPath(resolve(live)), liveText, lock.key);
  });
  checker.drift();
  return checker;
}

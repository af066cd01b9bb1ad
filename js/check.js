// What the CLI and the Action share: reading the configuration and the baseline, walking the paths into the
// core, and writing report files whole. Bad input surfaces here as one-line errors, before any file is
// written.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as core from './wasm.js';
import { displayPath, walk } from './walk.js';

/** Bad input from the user: reported as one line, exit status 2. */
export class UsageError extends Error {}

/** The one line to show for an error: its message when it is ours or the core's, never a stack trace. */
export function errorMessage(e) {
  return e instanceof UsageError || e?.name === 'Error' ? e.message : String(e);
}

/** `.fixity.yml` (or `.fixity.yaml`) in the working directory or a parent, up to the repository root. */
function findConfig() {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    for (const name of ['.fixity.yml', '.fixity.yaml']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return null;
  }
}

function readConfig(explicit) {
  const path = explicit || findConfig();
  if (path === null) return { text: undefined, name: '' };
  return { text: readText(path, 'configuration'), name: displayPath(resolve(path)) };
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
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
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
 * Checks `paths` (default `.`) and returns the core's checker, ready to render. Every input is checked
 * before the first file is read; `writeBaseline` is written, and then used as the baseline.
 */
export function check({ paths = [], config, select = [], ignore = [], exclude = [], failOn, baseline, writeBaseline, stdinName }) {
  const roots = paths.length ? paths : ['.'];
  for (const path of roots) {
    if (path !== '-' && !existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  }
  const configFile = readConfig(config);
  const checker = new core.Checker(configFile.text, configFile.name, JSON.stringify({ select, ignore, exclude, failOn }));
  if (baseline) checker.useBaseline(readText(baseline, 'baseline'), baseline);
  for (const path of roots) addPath(checker, path, stdinName);
  if (writeBaseline) {
    const recorded = checker.baseline();
    writeAtomically(writeBaseline, recorded);
    checker.useBaseline(recorded, writeBaseline);
  }
  return checker;
}

// Finds the files to check: walks folders in a stable order, skips .git and node_modules and what
// .gitignore files ignore, prunes what the core says is excluded, and never follows a symlink out of the
// folder being walked.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore from 'ignore';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** The path as reported: relative to the working directory, with `/`. */
export function displayPath(absolute) {
  const rel = relative(process.cwd(), absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function gitignoreOf(dir) {
  try {
    return ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Yields `{ path, shown, size }` for the files under `root` for which `wants(shown)` is true, where
 * `shown` is the display path. `excludes(shown)` prunes folders.
 */
export function* walk(root, { wants, excludes }) {
  const realRoot = realpathSync(root);
  const seen = new Set([realRoot]);
  // Each entry: a folder and the .gitignore matchers in force there, with the folder each is relative to.
  const stack = [{ dir: root, rules: [] }];
  while (stack.length) {
    const { dir, rules } = stack.pop();
    const own = gitignoreOf(dir);
    const inForce = own ? [...rules, { base: dir, matcher: own }] : rules;
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    const subdirs = [];
    for (const name of names) {
      if (ALWAYS_SKIPPED.has(name)) continue;
      const full = join(dir, name);
      let info = lstatSync(full, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isSymbolicLink()) {
        let target;
        try {
          target = realpathSync(full);
        } catch {
          continue; // dangling
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) continue;
        info = statSync(full);
        if (info.isDirectory()) {
          if (seen.has(target)) continue;
          seen.add(target);
        }
      }
      const isDir = info.isDirectory();
      if (isIgnored(inForce, full, isDir)) continue;
      const shown = displayPath(full);
      if (isDir) {
        if (!excludes(shown)) subdirs.push({ dir: full, rules: inForce });
      } else if (info.isFile() && wants(shown)) {
        yield { path: full, shown, size: info.size };
      }
    }
    // Reverse so that popping visits folders in name order.
    stack.push(...subdirs.reverse());
  }
}

function isIgnored(rules, full, isDir) {
  for (const { base, matcher } of rules) {
    let rel = relative(base, full).split(sep).join('/');
    if (isDir) rel += '/';
    if (matcher.ignores(rel)) return true;
  }
  return false;
}

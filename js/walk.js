// Finds the files to check: walks folders in a stable order, skips .git and node_modules and the untracked
// files that .gitignore files ignore, prunes what the core says is excluded, and never follows a symlink
// out of the folder being walked.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore from 'ignore';
import { readText } from './read.js';
import { isTracked } from './repository.js';

// Another tool's territory, even when committed (some repositories commit node_modules for their actions).
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** The path as reported: relative to the working directory, with `/`. */
export function displayPath(absolute) {
  const rel = relative(process.cwd(), absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** A folder's .gitignore rules, when it has a regular .gitignore inside the walk (`realRoot`) to read. */
function gitignoreOf(dir, realRoot) {
  try {
    return ignore().add(readText(join(dir, '.gitignore'), '.gitignore', { root: realRoot }));
  } catch {
    return null; // none, or one that is not a regular file inside the walk: ignoring less is the safe side
  }
}

/**
 * Yields `{ path, real, shown, size }` for the regular files under `root` for which `wants(shown)` is
 * true, where `shown` is the display path and `real` the real path. `excludes(shown)` prunes folders.
 * What a symbolic link leads to comes last, so that a file reached both ways comes first by its own name.
 */
export function* walk(root, { wants, excludes }) {
  const realRoot = realpathSync(root);
  const seen = new Set([realRoot]);
  // Each entry: a folder, its real path, and the .gitignore matchers in force there with the folder each
  // is relative to; or a linked file.
  const stack = [{ dir: root, real: realRoot, rules: [] }];
  const linked = [];
  while (stack.length || linked.length) {
    if (!stack.length) {
      const next = linked.shift();
      if (next.file) yield next.file;
      else stack.push(next);
      continue;
    }
    const { dir, real, rules } = stack.pop();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      continue;
    }
    // Looked for only where the listing has one: trying every folder cost a third of a large walk.
    const own = entries.some((entry) => entry.name === '.gitignore') ? gitignoreOf(dir, realRoot) : null;
    const inForce = own ? [...rules, { base: dir, matcher: own }] : rules;
    const subdirs = [];
    for (const entry of entries) {
      const { name } = entry;
      if (ALWAYS_SKIPPED.has(name)) continue;
      const full = join(dir, name);
      // A folder's listing says what a folder is; a file's size needs its own look.
      let info = entry.isDirectory() ? entry : lstatSync(full, { throwIfNoEntry: false });
      if (!info) continue;
      let target = join(real, name);
      const isLink = info.isSymbolicLink();
      if (isLink) {
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
      // .gitignore is for untracked files: a tracked file is checked, however a pull request ignores it.
      if (isIgnored(inForce, full, isDir) && !isTracked(root, full)) continue;
      const shown = displayPath(full);
      if (isDir) {
        if (!excludes(shown)) (isLink ? linked : subdirs).push({ dir: full, real: target, rules: inForce });
      } else if (info.isFile() && wants(shown)) {
        const file = { path: full, real: target, shown, size: info.size };
        if (isLink) linked.push({ file });
        else yield file;
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

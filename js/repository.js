// The repository a folder belongs to, and which of its paths git tracks, read from git's index file
// (https://git-scm.com/docs/index-format, versions 2, 3 and 4). git itself is never run.
import { lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadBuiltin, readFile, readText } from './read.js';

/** The nearest folder from `dir` up holding `.git` (a folder, or a file in worktrees and submodules), or null. */
export function repositoryRoot(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (lstatSync(join(d, '.git'), { throwIfNoEntry: false })) return d;
    if (dirname(d) === d) return null;
  }
}

// Per folder walked: its repository's root and tracked paths, or null outside a repository.
const repositories = new Map();

/**
 * Whether git tracks `path` (a file, or a folder holding one) in the repository holding `dir`. Never true
 * without a repository, or with an index that cannot be read.
 */
export function isTracked(dir, path) {
  const key = resolve(dir);
  if (!repositories.has(key)) {
    const root = repositoryRoot(key);
    repositories.set(key, root && { root, tracked: trackedPaths(root) });
  }
  const repository = repositories.get(key);
  return repository !== null && repository.tracked.has(relative(repository.root, resolve(path)).split(sep).join('/'));
}

/** The tracked files of the repository at `root` and the folders above them (relative, with `/`). */
function trackedPaths(root) {
  const tracked = new Set();
  let paths;
  try {
    paths = indexPaths(readFile(indexFile(root), 'git index')) ?? [];
  } catch {
    paths = []; // no index, or not one to trust: .gitignore rules apply to every file
  }
  for (const path of paths) {
    for (let p = path; p && !tracked.has(p); p = p.slice(0, Math.max(p.lastIndexOf('/'), 0))) tracked.add(p);
  }
  return tracked;
}

/** `.git/index`; in a worktree or a submodule `.git` is a file whose `gitdir:` names the git folder. */
function indexFile(root) {
  const git = join(root, '.git');
  if (statSync(git).isDirectory()) return join(git, 'index');
  const gitdir = readText(git, 'git file').match(/^gitdir: (.+?)\r?$/m);
  if (!gitdir) throw new Error(`${git} names no gitdir`);
  return join(resolve(root, gitdir[1]), 'index');
}

/**
 * The paths an index records, or null when it is not a whole, well-formed index. Repositories hash with
 * SHA-1 or SHA-256; the trailing checksum (or the zeros of `index.skipHash`) says which.
 */
export function indexPaths(bytes) {
  for (const [algorithm, hashSize] of [['sha1', 20], ['sha256', 32]]) {
    const paths = entryPaths(bytes, hashSize);
    if (paths && checksumMatches(bytes, algorithm, hashSize)) return paths;
  }
  return null;
}

function checksumMatches(bytes, algorithm, size) {
  const trailer = bytes.subarray(bytes.length - size);
  return trailer.every((b) => b === 0) || loadBuiltin('node:crypto').createHash(algorithm).update(bytes.subarray(0, bytes.length - size)).digest().equals(trailer);
}

function entryPaths(bytes, hashSize) {
  const end = bytes.length - hashSize;
  if (end < 12 || bytes.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const paths = [];
  let previous = Buffer.alloc(0);
  let offset = 12;
  for (let count = bytes.readUInt32BE(8); count > 0; count--) {
    const start = offset;
    // Ten 32-bit fields (ctime, mtime, dev, ino, mode, uid, gid, size), the object name, 16 bits of flags.
    offset += 40 + hashSize + 2;
    if (offset > end) return null;
    if (bytes.readUInt16BE(offset - 2) & 0x4000) {
      if (version < 3) return null;
      offset += 2; // extended flags
    }
    let name;
    if (version === 4) {
      // The name is the previous one less its last `strip` bytes, then what is written here.
      const [strip, after] = varint(bytes, offset, end);
      if (strip > previous.length) return null;
      const nul = bytes.indexOf(0, after);
      if (nul < 0 || nul >= end) return null;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), bytes.subarray(after, nul)]);
      offset = nul + 1;
    } else {
      const nul = bytes.indexOf(0, offset);
      if (nul < 0 || nul >= end) return null;
      name = bytes.subarray(offset, nul);
      // NUL-padded to a multiple of eight bytes from the entry's start, at least one NUL.
      offset = start + ((nul - start + 8) & ~7);
      if (offset > end) return null;
    }
    paths.push(name.toString('utf8'));
    previous = name;
  }
  // Extensions follow, each a signature and a length, up to the checksum.
  while (offset + 8 <= end) offset += 8 + bytes.readUInt32BE(offset + 4);
  return offset === end ? paths : null;
}

/** git's offset varint: `[value, offset after it]`; a value too large for any name is Infinity. */
function varint(bytes, offset, end) {
  let byte = bytes[offset++];
  let value = byte & 0x7f;
  while (byte & 0x80 && offset < end && value < 2 ** 24) {
    byte = bytes[offset++];
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return [byte & 0x80 || value >= 2 ** 24 ? Infinity : value, offset];
}

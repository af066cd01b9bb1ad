// Reading without trusting the repository being checked: only regular files, never more bytes than the
// core's limit, and, for files found rather than named, never through a symbolic link out of the
// repository. A `.gitignore` linked to /dev/zero or a FIFO named `fixity.lock.json` can then neither eat
// the memory nor hang the run.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
// The core's functions, set up by wasm.js (or, in a worker thread, by worker.js) before any is called.
import * as core from '../target/wasm-bindgen/fixity.js';

/**
 * A Node built-in loaded when first needed (`loadBuiltin('node:crypto')`): loading one costs a
 * millisecond or more, which a run that never uses it (a check of a few files) should not pay.
 */
export const loadBuiltin = createRequire(import.meta.url);

/** Bad input from the user: reported as one line, exit status 2. */
export class UsageError extends Error {}

/** The one line to show for an error: its message when it is ours or the core's, never a stack trace. */
export function errorMessage(e) {
  // A path in it may come from the repository (a configuration's `lock:`, a file's name): shown escaped.
  return core.visible(e instanceof UsageError || e?.name === 'Error' ? e.message : String(e));
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const limitText = (limit = core.maxFileBytes()) => `the ${limit / 2 ** 20} MiB limit`;

/**
 * Whether `path`, or the nearest path above it that resolves (a file to be written may not exist yet; a
 * link may dangle), is `realRoot` or inside it, symbolic links followed.
 */
export function isInside(path, realRoot) {
  for (let p = path; ; p = dirname(p)) {
    let real;
    try {
      real = realpathSync(p);
    } catch {
      if (dirname(p) === p) return false;
      continue;
    }
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  }
}

/** Whether anything is at `path`: a dangling symbolic link counts (reading it then says what is wrong). */
export const isPresent = (path) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/**
 * The bytes of the regular file at `path` (`what` names it in errors: `cannot read WHAT PATH: REASON`).
 * `root`, a real path, confines a file the user did not name: a symbolic link out of it is refused.
 * `limit`: the most bytes it may have (default: the core's limit for a manifest). With `into(size)`, which
 * makes an object with `push(bytes)` (the core's `Bytes`), the file is pushed into it a megabyte at a time,
 * and that object is returned.
 */
export function readFile(path, what, { root, limit = core.maxFileBytes(), into } = {}) {
  const fail = (reason) => new UsageError(`cannot read ${what} ${path}: ${reason}`);
  if (root !== undefined && !isInside(path, root)) throw fail(`it leads outside ${root}`);
  let fd;
  try {
    // Looked at before opening: opening a device or a FIFO can block or have effects of its own.
    const info = statSync(path);
    if (!info.isFile()) throw fail('not a regular file');
    if (info.size > limit) throw fail(`it is ${megabytes(info.size)}, over ${limitText(limit)}`);
    // Non-blocking: should a FIFO replace the file in between, opening it still returns at once.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) throw fail('not a regular file');
    const bytes = into ? readPieces(fd, limit, into(info.size)) : readAtMost(fd, limit, info.size);
    if (bytes === null) throw fail(`it is over ${limitText(limit)}`);
    return bytes;
  } catch (e) {
    throw e instanceof UsageError ? e : fail(e.code ?? e.message);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of a regular file: {@link readFile} decoded as UTF-8. */
export const readText = (path, what, options) => readFile(path, what, options).toString('utf8');

/** Standard input, whole; more than the core's limit is an error (a file would be one too). */
export function readStandardInput() {
  const bytes = readAtMost(0, core.maxFileBytes());
  if (bytes === null) throw new UsageError(`standard input is over ${limitText()}`);
  return bytes;
}

/** Up to `limit` bytes from `fd` to its end pushed into `sink` a megabyte at a time, or null when there are more. */
function readPieces(fd, limit, sink) {
  const piece = Buffer.allocUnsafe(1 << 20);
  for (let total = 0; ; ) {
    const n = readSync(fd, piece, 0, piece.length, null);
    if (n === 0) return sink;
    total += n;
    if (total > limit) return null;
    sink.push(piece.subarray(0, n));
  }
}

/**
 * Up to `limit` bytes from `fd` to its end, or null when there are more. `expected`, the size the file
 * had, sizes the buffer: a large file (a lock) is then read into one buffer, never into pieces and a copy.
 */
function readAtMost(fd, limit, expected = 0) {
  let buffer = Buffer.allocUnsafe(Math.min(expected > 0 ? expected + 1 : 1 << 16, limit + 1));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) return buffer.subarray(0, total);
    total += n;
    if (total > limit) return null;
  }
}

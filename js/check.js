// What the CLI and the Action share: reading the configuration and the baseline, walking the paths into the
// core, and writing reports and locks as the core renders them, piece by piece. Bad input surfaces here as
// one-line errors, before any file is written.
import { closeSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as core from './wasm.js';
import { addFiles, jobsOption } from './parallel.js';
import { UsageError, errorMessage, isInside, isPresent, loadBuiltin, readFile, readStandardInput, readText } from './read.js';
import { repositoryRoot } from './repository.js';
import { displayPath, walk } from './walk.js';

export { UsageError, errorMessage };

/**
 * Where this run's files may come from unless the command line names them: the repository root, or the
 * working directory when it is in no repository (a `.fixity.yml` in some parent folder of it is nobody's
 * choice).
 */
function projectRoot() {
  const root = repositoryRoot(process.cwd());
  return { dir: root ?? process.cwd(), real: realpathSync(root ?? process.cwd()), isRepository: root !== null };
}

/** `.fixity.yml` (or `.fixity.yaml`) in the working directory or a parent, up to the project root. */
function findConfig(project) {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    for (const name of ['.fixity.yml', '.fixity.yaml']) {
      if (isPresent(join(dir, name))) return displayPath(join(dir, name));
    }
    if (dir === project.dir || dirname(dir) === dir) return null;
  }
}

export function readConfig(explicit, project = projectRoot()) {
  const path = explicit || findConfig(project);
  if (path === null) return { path: null, text: undefined, name: '' };
  const text = readText(path, 'configuration', explicit ? {} : { root: project.real });
  return { path, text, name: displayPath(resolve(path)) };
}

/** The HMAC key for secret values in the lock, from the environment; it is never printed. */
function hmacKey() {
  const key = process.env.FIXITY_HMAC_KEY;
  return key ? new TextEncoder().encode(key) : undefined;
}

/**
 * Writes a file so that readers see either the old or the whole new content, never a partial one (its
 * folder is created if need be). `content` is the bytes or text, or a function that is given
 * `write(bytes)` and calls it with each piece in turn (a large report is then never whole in memory).
 */
export function writeAtomically(path, content) {
  // A device or a pipe (`--output /dev/null`, `/dev/stdout`) is written into: renaming a file over it
  // would replace it, for every program on the machine.
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing && !existing.isFile() && !existing.isDirectory()) return writeInto(path, content);
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  let fd;
  try {
    // `wx`: never write through a file or symlink that someone else put at the temporary name.
    fd = openSync(temporary, 'wx');
    writeContent(fd, content);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (e.code === 'EEXIST') throw new UsageError(`cannot write ${path}: temporary file ${temporary} already exists`);
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${e.code ?? e.message}`);
  }
}

/** Writes `content` (as {@link writeAtomically} takes it) to the open file `fd`. */
function writeContent(fd, content) {
  if (typeof content === 'function') content((bytes) => writeFileSync(fd, bytes));
  else writeFileSync(fd, content);
}

/** Writes `content` (as {@link writeAtomically} takes it) into the device or pipe at `path`. */
function writeInto(path, content) {
  let fd;
  try {
    fd = openSync(path, 'w');
    writeContent(fd, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${e.code ?? e.message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes the report of `checker` (a run's or a merge's) in `format` to the file at `path`, or to standard
 * output without one, as the core renders it piece by piece.
 */
export function writeReport(checker, format, path) {
  if (path) return writeAtomically(path, (write) => checker.writeReport(format, { write }));
  // Each piece is a view of the core's memory, valid only during the call: standard output gets a copy
  // (written at once to files, pipes and terminals on Linux).
  checker.writeReport(format, { write: (bytes) => process.stdout.write(Buffer.from(bytes)) });
}

/** `name` when it is a report format the core renders; a usage error otherwise. */
export function reportFormat(name) {
  if (!core.formats().includes(name)) throw new UsageError(`unknown format \`${name}\` (expected one of: ${core.formats().join(', ')})`);
  return name;
}

/**
 * The extra reports of one run (`--report`, the Action's `reports`), each `FORMAT=FILE`, as
 * `[{format, path}]`; checked before the run, so bad ones write nothing. No file may take two reports
 * (`output`, the main report's file, included): one would silently replace the other.
 */
export function reportTargets(specs, output) {
  const taken = new Set(output ? [resolve(output)] : []);
  return specs.map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1) throw new UsageError(`invalid report \`${spec}\` (expected FORMAT=FILE, such as sarif=fixity.sarif)`);
    const target = { format: reportFormat(spec.slice(0, at)), path: spec.slice(at + 1) };
    if (taken.has(resolve(target.path))) throw new UsageError(`${target.path} is named for two reports`);
    taken.add(resolve(target.path));
    return target;
  });
}

/** Writes each report of `targets` from the one run of `checker` (the formats were checked before the run). */
export function writeReports(checker, targets) {
  for (const { format, path } of targets) writeReport(checker, format, path);
}

/**
 * The files at `path` (a file named, or the files of a folder that the core wants), each as
 * `{ path, real, shown, size, named }`. `tally` counts what was found, for the message when nothing was
 * checked.
 */
function* filesAt(checker, path, tally) {
  const wants = (shown) => {
    if (checker.wants(shown)) return true;
    if (!checker.excludes(shown)) tally.unknown++;
    return false;
  };
  if (!statSync(path).isDirectory()) {
    yield { path, real: realpathSync(path), shown: displayPath(resolve(path)), size: statSync(path).size, named: true };
    return;
  }
  for (const file of walk(path, { wants, excludes: (shown) => checker.excludes(shown) })) yield { ...file, named: false };
}

/** Adds a file found at one of the run's paths to it. */
function addFound(checker, file) {
  if (file.size > core.maxFileBytes()) checker.addOversized(file.shown, file.size);
  else if (!file.named) checker.addFile(file.shown, readFile(file.path, 'file'), undefined);
  // A file the user named is read whatever its name; one of no kind must not pass unnoticed.
  else if (!checker.addNamedFile(file.shown, readFile(file.path, 'file'), undefined)) warn(unknownKind(file.shown));
}

/**
 * The files at `roots` (`-`: standard input) to add to the run, each real file once however many paths or
 * symbolic links reach it; `add(file)` adds one. With `shard` (`K/N`), every file is found now and the
 * core, told the shard, says which are this run's; otherwise they are found as they are added. `tally`
 * counts what was found, for the message when nothing was checked.
 */
function filesFor(checker, roots, { stdinName, shard, skip }) {
  const tally = { stdin: undefined, offered: 0, unknown: 0 };
  // What the run reads besides the declared files (the live export) is never one of them.
  const seen = new Set(skip.filter(isPresent).map((path) => realpathSync(path)));
  const found = function* () {
    for (const root of roots) {
      if (root === '-') {
        tally.offered++;
        yield { stdin: true };
        continue;
      }
      for (const file of filesAt(checker, root, tally)) {
        if (seen.has(file.real)) continue;
        seen.add(file.real);
        tally.offered++;
        yield file;
      }
    }
  };
  const add = (file) => {
    if (!file.stdin) return addFound(checker, file);
    tally.stdin = readStandardInput();
    checker.addNamedFile(stdinName ?? '-', tally.stdin, undefined);
  };
  // A file's analysis from a worker: what `add` does, the analysis made elsewhere.
  const take = (file, { result, error }) => {
    if (error !== undefined) throw new UsageError(error);
    if (!checker.addResult(result) && file.named) warn(unknownKind(file.shown));
  };
  if (!shard) return { files: found(), add, take, tally };
  const files = [...found()];
  checker.setShard(shard, JSON.stringify(files.map((file) => [file.shown, file.size])));
  return { files: files.filter((file) => checker.inShard(file.shown)), add, take, tally };
}

/** Says on standard error that something the user asked for was not done; the run goes on. */
function warn(message) {
  process.stderr.write(`fixity: warning: ${core.visible(message)}\n`);
}

const unknownKind = (shown) => `${shown}: not checked: fixity cannot tell what kind of file it is (name it in .fixity.yml \`kinds:\`)`;

/** Why a run checked no file, for its error. */
function nothingChecked({ stdin, offered, unknown }) {
  if (stdin?.toString().trim() === '') return 'no file was checked (standard input is empty)';
  const found = offered + unknown;
  if (stdin && found === 1) return 'no file was checked (standard input is of no kind fixity checks; --stdin-filename names its kind)';
  if (found === 0) return 'no file was checked (none was found that is not excluded or ignored)';
  return `no file was checked (${found === 1 ? '1 file was found, of no kind' : `${found} files were found, none of a kind`} fixity checks)`;
}

/**
 * The most bytes a lock may have. A lock records a digest for every leaf of every resource, about twice
 * the bytes of the manifests it covers (the benchmark's 50 MB corpus locks into 112 MB), so the limit for
 * one manifest would refuse the lock of any large repository; four times it is still a bound.
 */
const LOCK_LIMIT = 256 * 2 ** 20;

/**
 * The lock at `path` (a display path): `named` on the command line, or one the configuration implies,
 * which must stay inside `root` (the configuration's folder or the project). `read()` gives its bytes,
 * `read(into)` the object `into(size)` makes with them pushed into it (the core's `Bytes`: a large
 * repository's lock, a hundred megabytes, is then never whole in the shim's memory), or undefined when
 * there is no such file.
 */
function lockAt(path, { named = false, root }) {
  return {
    path,
    root: named ? undefined : root,
    named,
    shown: displayPath(resolve(path)),
    key: hmacKey(),
    read: (into) => (isPresent(path) ? readFile(path, 'lock', { root: named ? undefined : root, limit: LOCK_LIMIT, into }) : undefined),
  };
}

/** Where a lock the core reads is read into. */
const intoCore = (size) => new core.Bytes(size);

/**
 * What a command runs over: the configuration, and the locks it is about. Without environments (or with
 * `--lock`), one lock: `--lock`, else where the core says (the configuration's `lock:` or
 * `fixity.lock.json`, beside the configuration). With environments, each selected one (`--env`, or all)
 * with its lock, its paths (when no path is given) and its namespace. `--namespace` applies to objects
 * that name none.
 */
function setting({ paths = [], config, select = [], ignore = [], exclude = [], failOn, requireAll = false, lock, env, namespace, ...rest }) {
  const project = projectRoot();
  const configFile = readConfig(config, project);
  const options = JSON.stringify({ select, ignore, exclude, failOn, requireAll });
  const checker = () => new core.Checker(configFile.text, configFile.name, options);
  const dir = configFile.path ? dirname(configFile.path) : undefined;
  const root = dir ? realpathSync(dir) : project.real;
  const environments = lock && !env ? [] : JSON.parse(checker().environments(env));
  const locks = environments.length
    ? environments.map((e) => ({
        ...lockAt(join(dir ?? '.', e.lock), { root }),
        paths: e.paths.map((p) => join(dir ?? '.', p)),
        coverage: (paths) => JSON.stringify({ environment: e.name, paths: paths.map((p) => displayPath(resolve(p))), namespace: namespace ?? e.namespace ?? undefined }),
      }))
    : [{ ...lockAt(lock || checker().lockPath(dir), { named: Boolean(lock), root }), paths: [], coverage: () => JSON.stringify({ namespace }) }];
  return { ...rest, paths, project, configFile, options, checker, locks };
}

/**
 * A run of the core over `paths` (default `.`): every input checked before the first file is read.
 * `begin()` says what the run is for (verify, lock, drift, pin) as the checker calls to make before the
 * files go in, `[[method, args]]`. With `parallel` (check and lock: what they keep of a file is its
 * analysis), the files are checked by `jobs` workers, each set up with the same calls, when there are
 * enough of them. `nothingChecked` says why no file was checked, when none was.
 */
async function run(settings, begin, how) {
  const started = await start(settings, begin, how);
  started.checker.finish();
  return started;
}

/** {@link run} up to the last file, before the checks that need every file. */
async function start({ paths, baseline, stdinName, shard, jobs, project, configFile, options, checker: newChecker, skip = [] }, begin, { parallel = false } = {}) {
  const roots = paths.length ? paths : ['.'];
  if (shard && roots.includes('-')) throw new UsageError('--shard divides files and folders; standard input is not one');
  const workers = jobsOption(jobs);
  for (const path of roots) {
    if (path === '-') continue;
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) throw new UsageError(`${path}: no such file or folder`);
    // A FIFO or a device would hang the run or never end.
    if (!info.isFile() && !info.isDirectory()) throw new UsageError(`${path}: not a regular file or folder`);
  }
  const checker = newChecker();
  if (baseline) checker.useBaseline(readText(baseline, 'baseline'), baseline);
  // Files are classified by their place in the repository.
  const base = project.isRepository ? relative(project.dir, process.cwd()).split(sep).join('/') : '';
  checker.setBase(base);
  checker.setScope(roots.filter((p) => p !== '-').map((p) => displayPath(resolve(p))));
  // A shard knows its files before the lock is read: only the first counts the lock and reports on it.
  const { files, add, take, tally } = filesFor(checker, roots, { stdinName, shard, skip });
  // Workers read files themselves; standard input can be read only once, so a run with `-` has none.
  const setup = prepare(checker, begin(), parallel && !roots.includes('-') ? { config: configFile.text, configName: configFile.name, options, base } : null);
  const before = checker.files();
  await addFiles(files, { jobs: workers, setup, add, take });
  // A shard may be given no file (more shards than folders); the merge of all of them may not.
  const checked = checker.files() > before || (shard && tally.offered > 0);
  return { checker, nothingChecked: checked ? null : nothingChecked(tally) };
}

/**
 * Makes `steps` (`[[method, args]]`) on `checker`, and returns what a worker is set up with (`worker`
 * and the steps), or null when the run stays on one instance. A lock being verified would be read and held
 * by every worker (the benchmark's is 112 MB: 1.2 GB of memory with two workers), so verification stays
 * on one instance, and the lock goes into the checker a megabyte at a time as it is read ({@link lockAt}).
 */
function prepare(checker, steps, worker) {
  for (const [method, args] of steps) checker[method](...args);
  const verifying = steps.some(([method, args]) => method === 'verifyLock' && args[1] !== undefined);
  return worker && !verifying ? { ...worker, steps } : null;
}

/** A lock's paths unless the command line gives some. */
const pathsFor = (paths, lock) => (paths.length || !lock.paths.length ? paths : lock.paths);

/**
 * `check`: every static rule, and the lock verified when there is one. Returns the core's checker, ready
 * to render; `writeBaseline` is written, and then used as the baseline. A check of no file is an error:
 * it would pass whatever the input, an empty `helm template` output included. `online(checker)`, for
 * `--online`, verifies the pins against their servers before the checks that need every file.
 */
export async function check({ writeBaseline, online, ...options }) {
  if (writeBaseline && options.shard) throw new UsageError('--write-baseline records every finding of a run, not of one shard');
  const settings = setting(options);
  // Every environment's lock is verified against the files of its paths that the run reads.
  const paths = settings.locks.length === 1 ? pathsFor(settings.paths, settings.locks[0]) : settings.paths;
  const begin = () => [
    ...settings.locks.map((lock) => ['verifyLock', [lock.shown, lock.read(intoCore), lock.named, lock.key, lock.coverage(lock.paths)]]),
    // The pins to verify online are gathered as the files go in, on one instance.
    ...(online ? [['startPin', []]] : []),
  ];
  const { checker, nothingChecked } = await start({ ...settings, paths }, begin, { parallel: !online });
  if (nothingChecked) throw new UsageError(nothingChecked);
  if (online) await online(checker);
  checker.finish();
  if (writeBaseline) {
    const recorded = checker.baseline();
    writeAtomically(writeBaseline, recorded);
    checker.useBaseline(recorded, writeBaseline);
  }
  return checker;
}

/**
 * `lock`: for each lock of the run (one, or each environment's), its checker, where it goes, `refusal`
 * (why no lock is made, when none is: the checker's report shows what), `write(write)`, which writes the
 * new lock piece by piece (for {@link writeAtomically}), and `differs()`, whether it differs from the
 * current one (or there is none yet), read when asked for. A lock of no file is an error, never an empty
 * lock.
 */
export async function lock(options) {
  const settings = setting(options);
  const results = [];
  for (const lock of settings.locks) {
    const begin = () => {
      // Not only `..` in the configuration: a linked folder could lead the write elsewhere too.
      if (lock.root && !isInside(dirname(resolve(lock.path)), lock.root)) throw new UsageError(`cannot write lock ${lock.path}: it leads outside ${lock.root}`);
      return [['startLock', [lock.key, lock.coverage(lock.paths)]]];
    };
    const { checker, nothingChecked } = await run({ ...settings, paths: pathsFor(settings.paths, lock) }, begin, { parallel: true });
    if (nothingChecked) throw new UsageError(nothingChecked);
    const write = (write) => checker.writeLock({ write });
    results.push({ checker, path: lock.path, refusal: checker.lockRefusal(), write, differs: () => differs(write, lock) });
  }
  return results;
}

/**
 * Whether the lock that `write` writes piece by piece differs from the one at `lock` (or there is none
 * yet), by their SHA-256: neither is ever whole in memory.
 */
function differs(write, lock) {
  const current = lock.read(sha256);
  if (current === undefined) return true;
  const made = sha256();
  write((piece) => made.push(piece));
  return made.hash.digest('hex') !== current.hash.digest('hex');
}

/** A SHA-256 that takes bytes as the core's `Bytes` does (`push`). */
function sha256() {
  const hash = loadBuiltin('node:crypto').createHash('sha256');
  return { hash, push: (bytes) => hash.update(bytes) };
}

/**
 * `pin` and `update`: the core's checker holding every reference of the files at `paths`, with what
 * `check` reports on each (so config, policies, select/ignore, exclude and suppressions apply alike).
 */
export async function references(options) {
  const { checker, nothingChecked } = await run(setting(options), () => [['startPin', []]]);
  if (nothingChecked) throw new UsageError(nothingChecked);
  return checker;
}

/** `drift`: the declared files against a live export (`kubectl get -o json`, `terraform show -json`, `pulumi stack export`). */
export async function drift({ live, ...options }) {
  if (!live) throw new UsageError('drift needs --live FILE (a `kubectl get -o json`, `terraform show -json` or `pulumi stack export` export)');
  const settings = setting(options);
  if (settings.locks.length > 1) {
    throw new UsageError(`drift compares one environment with its live export: name it with --env (${JSON.parse(settings.checker().environments()).map((e) => e.name).join(', ')})`);
  }
  const [lock] = settings.locks;
  const liveText = readText(live, 'live state');
  // The declared files are optional: a Terraform plan carries its own evidence.
  // The live export is read first: a bad one is reported before any declared file is read.
  const begin = () => [['startDrift', [lock.shown, lock.read(intoCore), lock.named, displayPath(resolve(live)), liveText, lock.key, lock.coverage(lock.paths)]]];
  const { checker } = await run({ ...settings, paths: pathsFor(settings.paths, lock), skip: [live] }, begin);
  checker.drift();
  return checker;
}

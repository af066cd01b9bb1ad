// The Web Worker that runs the core, so that a slow or hostile input never stalls typing. It answers one
// message per lint request; the page terminates and restarts it when a request takes too long.
import initCore, { Bytes, Checker, classify, formats, kindsJson, rulesJson, version } from '../../target/wasm-bindgen/fixity.js';

/** The name config errors are reported under, as the CLI would report the repository's file. */
const CONFIG_NAME = '.fixity.yml';

const ready = initCore({ module_or_path: new URL('./fixity_bg.wasm', import.meta.url) }).then(
  () => postMessage({ type: 'ready', version: version(), kinds: JSON.parse(kindsJson()), formats: formats(), rules: JSON.parse(rulesJson()) }),
  (error) => postMessage({ type: 'failed', message: `the checker could not be loaded: ${error.message ?? error}` }),
);

/** A checker with the configuration applied; without it when it has errors, which the page then shows. */
function checkerFor(config) {
  try {
    return { checker: new Checker(config || undefined, CONFIG_NAME, '{}'), configError: null };
  } catch (error) {
    return { checker: new Checker(undefined, CONFIG_NAME, '{}'), configError: error.message };
  }
}

/**
 * One run over the files, as the CLI runs over a folder: `begin(checker, lockFile)` starts it (verifying
 * or writing the lock), then every file is added, each read as a file the user named, then the checks that
 * need every file run. The tab named as the lock (`fixity.lock.json`, or the configuration's `lock:`) is the
 * lock, never a manifest. Returns the checker (the caller frees it) and the configuration's error, if any.
 */
function run({ files, config }, begin) {
  const { checker, configError } = checkerFor(config);
  try {
    const lockFile = files.find((file) => file.path === checker.lockPath(undefined)) ?? null;
    begin(checker, lockFile);
    for (const file of files) if (file !== lockFile) checker.addNamedFile(file.path, new TextEncoder().encode(file.text), file.kind ?? undefined);
    checker.finish();
    return { checker, configError };
  } catch (error) {
    checker.free();
    throw error;
  }
}

/**
 * What `fixity lock` would make of these files: the lock file's name and text, or, when no lock is made,
 * the core's report saying why. The browser has no HMAC key, so secret values are recorded `redacted`.
 */
function lockFor(request) {
  const { checker } = run(request, (checker) => checker.startLock(undefined, undefined));
  try {
    const lock = checker.lockText() ?? null;
    return { file: checker.lockPath(undefined), text: lock, report: lock === null ? checker.render('json') : null };
  } finally {
    checker.free();
  }
}

/** A tab's text as the core's `Bytes`, which `verifyLock` takes. */
function bytes(text) {
  const encoded = new TextEncoder().encode(text);
  const gathered = new Bytes(encoded.length);
  gathered.push(encoded);
  return gathered;
}

/**
 * Checks a few files as one folder. `files` are `{path, text, kind}`: `path` the file name ('-' for none:
 * the core then goes by content), `kind` a name from kinds() or null for auto-detection. `config` is the
 * text of .fixity.yml ('' for none), `format` the view to render besides the JSON report the page reads its
 * findings from; with `lock`, the lock too (only while the Lock view is open: it is a second run). A tab
 * that is the lock is verified against the others, as `fixity check` verifies the lock it finds.
 */
function lint({ files, config, format, lock }) {
  const verify = (checker, lockFile) => lockFile && checker.verifyLock(lockFile.path, bytes(lockFile.text), false, undefined, undefined);
  const { checker, configError } = run({ files, config }, verify);
  try {
    const report = checker.render('json');
    return {
      detected: files.map(({ path, text }) => classify(path, text) ?? null),
      lockPath: checker.lockPath(undefined),
      report,
      summary: checker.summary(),
      view: format === 'json' ? report : checker.render(format),
      lock: lock ? lockFor({ files, config }) : null,
      configError,
    };
  } finally {
    checker.free();
  }
}

onmessage = async ({ data: request }) => {
  await ready;
  const started = performance.now();
  try {
    postMessage({ type: 'result', id: request.id, ...lint(request), millis: performance.now() - started });
  } catch (error) {
    // A trap in the wasm leaves its memory in an unknown state: the page restarts the worker on this.
    postMessage({ type: 'crashed', id: request.id, message: String(error.message ?? error) });
  }
};

// The Web Worker that runs the core, so that a slow or hostile input never stalls typing. It answers one
// message per lint request; the page terminates and restarts it when a request takes too long.
import initCore, { Checker, classify, formats, kindsJson, rulesJson, version } from '../../target/wasm-bindgen/fixity.js';

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
 * What `fixity lock` would make of this one file: the lock file's name and text, or, when no lock is made,
 * the core's report saying why. The browser has no HMAC key, so secret values are recorded `redacted`.
 */
function lockFor({ path, text, kind, config }) {
  const { checker } = checkerFor(config);
  try {
    checker.startLock(undefined);
    checker.addNamedFile(path, new TextEncoder().encode(text), kind ?? undefined);
    checker.finish();
    const lock = checker.lockText() ?? null;
    return { file: checker.lockPath(undefined), text: lock, report: lock === null ? checker.render('json') : null };
  } finally {
    checker.free();
  }
}

/**
 * Checks one document. `path` is the file name ('-' for none: the core then goes by content), `kind` a
 * name from kinds() or null for auto-detection, `config` the text of .fixity.yml ('' for none), `format`
 * the view to render besides the JSON report the page reads its findings from; with `lock`, the lock too
 * (only while the Lock view is open: it is a second run over the input).
 */
function lint({ path, text, kind, config, format, lock }) {
  const { checker, configError } = checkerFor(config);
  try {
    checker.addNamedFile(path, new TextEncoder().encode(text), kind ?? undefined);
    // The run-level rules too (a values file's images are judged there), as the CLI runs them.
    checker.finish();
    const report = checker.render('json');
    return {
      detected: classify(path, text) ?? null,
      report,
      summary: checker.summary(),
      view: format === 'json' ? report : checker.render(format),
      lock: lock ? lockFor({ path, text, kind, config }) : null,
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

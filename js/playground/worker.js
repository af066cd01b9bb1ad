// The Web Worker that runs the core, so that a slow or hostile input never stalls typing. It answers one
// message per lint request; the page terminates and restarts it when a request takes too long.
import initCore, { Checker, classify, formats, kinds, rulesJson, version } from '../../target/wasm-bindgen/fixity.js';

/** The name config errors are reported under, as the CLI would report the repository's file. */
const CONFIG_NAME = '.fixity.yml';

const ready = initCore({ module_or_path: new URL('./fixity_bg.wasm', import.meta.url) }).then(
  () => postMessage({ type: 'ready', version: version(), kinds: kinds(), formats: formats(), rules: JSON.parse(rulesJson()) }),
  (error) => postMessage({ type: 'failed', message: `the checker could not be loaded: ${error.message ?? error}` }),
);

/**
 * Checks one document. `path` is the file name ('-' for none: the core then goes by content), `kind` a
 * name from kinds() or null for auto-detection, `config` the text of .fixity.yml ('' for none), `format`
 * the view to render besides the JSON report the page reads its findings from.
 */
function lint({ path, text, kind, config, format }) {
  let configError = null;
  let checker;
  try {
    checker = new Checker(config || undefined, CONFIG_NAME, '{}');
  } catch (error) {
    // The run goes on without the configuration so the editor keeps its diagnostics; the page says so.
    configError = error.message;
    checker = new Checker(undefined, CONFIG_NAME, '{}');
  }
  try {
    checker.addFile(path, new TextEncoder().encode(text), kind ?? undefined);
    const report = checker.render('json');
    return { detected: classify(path, text) ?? null, report, view: format === 'json' ? report : checker.render(format), configError };
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

// Loads the core: the wasm file sits next to the bundled script in dist/. Run from the sources (as
// @github/local-action runs the Action), it is the one wasm-bindgen wrote next to the glue imported here.
// A worker thread is handed the module its run compiled, so it instantiates without compiling again.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { initSync } from '../target/wasm-bindgen/fixity.js';

// V8 starts optimizing hot wasm functions almost at once; in a run over a few files that compile work
// costs more than it saves (measured: ~0.3 s → ~0.17 s for 10 files). A larger budget delays it until a
// run is long enough to profit, and large runs keep their speed.
setFlagsFromString('--wasm-tiering-budget=50000000');
// Compiling and validating the whole module before the first call took half of a 10-file run's own time
// (measured: 35 to 50 ms of compiling, 17 to 21 ms lazily); a run calls only part of it. Each function
// is then validated and compiled when first called (the module is the one this package built).
setFlagsFromString('--wasm-lazy-compilation');
setFlagsFromString('--wasm-lazy-validation');
const bundled = new URL('./fixity_bg.wasm', import.meta.url);
const built = new URL('../target/wasm-bindgen/fixity_bg.wasm', import.meta.url);

/** The compiled core, for the workers of a run. */
export const compiled = workerData?.fixity?.module ?? new WebAssembly.Module(readFileSync(existsSync(bundled) ? bundled : built));
initSync({ module: compiled });

export * from '../target/wasm-bindgen/fixity.js';

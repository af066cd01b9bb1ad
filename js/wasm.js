// Loads the core on the main thread: the wasm file sits next to the bundled script in dist/. Run from the
// sources (as @github/local-action runs the Action), it is the one wasm-bindgen wrote next to the glue
// imported here. The workers of a run (parallel.js, worker.js) are handed a module compiled for them.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { initSync } from '../target/wasm-bindgen/fixity.js';

// V8 starts optimizing hot wasm functions almost at once, and optimizing one of the YAML scanner's large
// functions costs about as many instructions as checking a hundred kilobytes with it unoptimized. So the
// main thread's budget is large: nothing is optimized in a 10-file run (measured in instructions, the whole
// run: 22% fewer than with a budget of 50 M, which still optimized five functions), and a 2 MB run still
// gains (15% fewer); at 8.6 MB on one thread optimizing sooner would be worth 6 to 7%. Runs that large go
// to workers, whose module is compiled with a budget of their own (parallel.js): V8 reads the budget when
// it compiles a module, not when it makes an instance.
setFlagsFromString('--wasm-tiering-budget=500000000');
// Compiling and validating the whole module before the first call took half of a 10-file run's own time
// (measured: 35 to 50 ms of compiling, 17 to 21 ms lazily); a run calls only part of it. Each function
// is then validated and compiled when first called (the module is the one this package built).
setFlagsFromString('--wasm-lazy-compilation');
setFlagsFromString('--wasm-lazy-validation');
const bundled = new URL('./fixity_bg.wasm', import.meta.url);
const built = new URL('../target/wasm-bindgen/fixity_bg.wasm', import.meta.url);

/** The core compiled anew, with the V8 flags set now (the workers of a run). */
export const compileCore = () => new WebAssembly.Module(readFileSync(existsSync(bundled) ? bundled : built));
initSync({ module: compileCore() });

export * from '../target/wasm-bindgen/fixity.js';

// Loads the core: the wasm file sits next to the bundled script in dist/. Run from the sources (as
// @github/local-action runs the Action), it is the one wasm-bindgen wrote next to the glue imported here.
import { existsSync, readFileSync } from 'node:fs';
import { initSync } from '../target/wasm-bindgen/fixity.js';

const bundled = new URL('./fixity_bg.wasm', import.meta.url);
const built = new URL('../target/wasm-bindgen/fixity_bg.wasm', import.meta.url);
initSync({ module: readFileSync(existsSync(bundled) ? bundled : built) });

export * from '../target/wasm-bindgen/fixity.js';

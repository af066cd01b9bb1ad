// Loads the core: the wasm file sits next to the bundled script in dist/.
import { readFileSync } from 'node:fs';
import { initSync } from '../target/wasm-bindgen/fixity.js';

initSync({ module: readFileSync(new URL('./fixity_bg.wasm', import.meta.url)) });

export * from '../target/wasm-bindgen/fixity.js';

// Loads the core: the wasm file sits next to the bundled script in dist/.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { initSync } from '../target/wasm-bindgen/fixity.js';

// V8 starts optimizing hot wasm functions almost at once; in a run over a few files that compile work
// costs more than it saves (measured: ~0.3 s → ~0.17 s for 10 files). A larger budget delays it until a
// run is long enough to profit, and large runs keep their speed.
setFlagsFromString('--wasm-tiering-budget=50000000');
initSync({ module: readFileSync(new URL('./fixity_bg.wasm', import.meta.url)) });

export * from '../target/wasm-bindgen/fixity.js';

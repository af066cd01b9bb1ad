// `npm run build`: the core for wasm32, its wasm-bindgen glue, and the bundled scripts in dist/.
// Reproducible: paths are remapped out of the wasm, and the bundler's output depends only on the sources.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

const cargoHome = process.env.CARGO_HOME ?? `${homedir()}/.cargo`;
run('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown'], {
  RUSTFLAGS: `--remap-path-prefix=${cargoHome}=/cargo --remap-path-prefix=${root}=/fixity`,
  CARGO_TARGET_DIR: `${root}/target`,
});
// wasm-bindgen gives its exports multi-value returns when the module lists the `multivalue` feature,
// which Rust's standard library always does. V8 then compiles one JS-to-wasm wrapper per such
// signature with TurboFan when the module is instantiated (17: a fifth of the instructions of loading the
// CLI). Without it, results come back through memory, and every export has a signature that V8's generic
// wrapper takes. The core's code is the same: nothing in it returns more than one value.
const built = `${root}/target/wasm32-unknown-unknown/release/fixity.wasm`;
const singleValue = `${root}/target/wasm32-unknown-unknown/release/fixity-single-value.wasm`;
writeFileSync(singleValue, withoutFeature(readFileSync(built), 'multivalue'));
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-name', 'fixity', '--out-dir', 'target/wasm-bindgen', singleValue]);

/** `wasm` with `feature` taken out of its `target_features` section (the tool conventions' list of `+name`). */
function withoutFeature(wasm, feature) {
  const leb = (at) => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return [value, at];
    }
  };
  const encode = (n) => {
    const bytes = [];
    do bytes.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0)), (n >>>= 7);
    while (n);
    return Buffer.from(bytes);
  };
  for (let at = 8; at < wasm.length; ) {
    const [size, body] = leb(at + 1);
    const end = body + size;
    const [nameSize, name] = leb(body);
    if (wasm[at] === 0 && wasm.toString('utf8', name, name + nameSize) === 'target_features') {
      const kept = [];
      let [count, entry] = leb(name + nameSize);
      for (; count > 0; count--) {
        const [length, text] = leb(entry + 1);
        if (wasm.toString('utf8', text, text + length) !== feature) kept.push(wasm.subarray(entry, text + length));
        entry = text + length;
      }
      const payload = Buffer.concat([encode(nameSize), wasm.subarray(name, name + nameSize), encode(kept.length), ...kept]);
      return Buffer.concat([wasm.subarray(0, at), Buffer.from([0]), encode(payload.length), payload, wasm.subarray(end)]);
    }
    at = end;
  }
  return wasm;
}

mkdirSync(`${root}/dist`, { recursive: true });
copyFileSync(`${root}/target/wasm-bindgen/fixity_bg.wasm`, `${root}/dist/fixity_bg.wasm`);
const bundle = {
  outdir: `${root}/dist`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};
// The worker threads of check and lock (js/parallel.js) run dist/worker.mjs, beside the CLI and the Action.
await build({ ...bundle, entryPoints: { cli: `${root}/js/cli.js`, worker: `${root}/js/worker.js` } });
await build({
  ...bundle,
  entryPoints: { action: `${root}/js/action/main.js` },
  // @actions/core's CommonJS dependencies require Node's built-ins, which an ES module reaches only so.
  // Named apart from the sources' own import of createRequire (read.js), which the bundle keeps.
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
});

// The playground: a self-contained static folder (page, bundles, wasm) that any static server can host.
const playground = `${root}/dist/playground`;
mkdirSync(playground, { recursive: true });
for (const file of ['index.html', 'playground.css']) copyFileSync(`${root}/js/playground/${file}`, `${playground}/${file}`);
copyFileSync(`${root}/target/wasm-bindgen/fixity_bg.wasm`, `${playground}/fixity_bg.wasm`);
await build({
  entryPoints: { playground: `${root}/js/playground/playground.js`, worker: `${root}/js/playground/worker.js` },
  outdir: playground,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome111', 'firefox114', 'safari16.4'],
  minify: true,
  logLevel: 'warning',
});

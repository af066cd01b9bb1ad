// `npm run build`: the core for wasm32, its wasm-bindgen glue, and the bundled scripts in dist/.
// Reproducible: paths are remapped out of the wasm, and the bundler's output depends only on the sources.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

const cargoHome = process.env.CARGO_HOME ?? `${homedir()}/.cargo`;
run('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown'], {
  RUSTFLAGS: `--remap-path-prefix=${cargoHome}=/cargo --remap-path-prefix=${root}=/fixity`,
  CARGO_TARGET_DIR: `${root}/target`,
});
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', 'target/wasm-bindgen', 'target/wasm32-unknown-unknown/release/fixity.wasm']);

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
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
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

// The Action's entry point (action.yml `main`, bundled into dist/action.mjs). The logic is in run.js, which
// @github/local-action runs directly.
import { run } from './run.js';

await run();

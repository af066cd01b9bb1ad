// One worker thread of a run (see parallel.js): its own core instance, set up as the run's checker was,
// reads the files it is handed and sends back each one's analysis as the core wrote it (JSON bytes, whose
// buffers are transferred, not copied), for the run's checker to take in. It decides nothing itself.
import { parentPort, workerData } from 'node:worker_threads';
import * as core from '../target/wasm-bindgen/fixity.js';
import { errorMessage, readFile } from './read.js';

const { module, config, configName, options, base, steps } = workerData.fixity;
// The module the run compiled for its workers (parallel.js), instantiated without compiling it again.
core.initSync({ module });
const checker = new core.Checker(config, configName, options);
checker.setBase(base);
for (const [method, args] of steps) checker[method](...args);

parentPort.on('message', (files) => {
  const analyses = files.map(({ path, shown, size, named }) => {
    try {
      if (size > core.maxFileBytes()) return { result: checker.analyzeOversized(shown, size) };
      return { result: checker.analyzeFile(shown, readFile(path, 'file'), named) };
    } catch (e) {
      // Reported by the run when it reaches this file, as it would have been without workers.
      return { error: errorMessage(e) };
    }
  });
  parentPort.postMessage(analyses, analyses.flatMap(({ result }) => (result ? [result.buffer] : [])));
});

// One worker thread of a run (see parallel.js): its own core instance, set up as the run's checker was,
// reads the files it is handed and sends back each one's analysis as the core wrote it, for the run's
// checker to take in. It decides nothing itself.
import { parentPort, workerData } from 'node:worker_threads';
import * as core from './wasm.js';
import { errorMessage, readFile } from './read.js';

const { config, configName, options, base, steps } = workerData.fixity;
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
  parentPort.postMessage(analyses);
});

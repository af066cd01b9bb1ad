// Checking on every core. The files found are handed out in batches to worker threads (worker.js), each
// with its own core instance set up as the run's checker is; each file's analysis comes back as JSON, and
// the run's checker takes the analyses in in the order the files were found, so the report is byte for
// byte the one a single instance gives, whatever the number of workers. What compares files (provider and
// chart locks, .env files, lock entries no file declares) is judged by the run's checker at its end, from
// the facts each analysis carries. Small runs stay on the main thread: a worker costs more than it saves.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { UsageError, loadBuiltin } from './read.js';
import { compileCore } from './wasm.js';

/**
 * Runs with fewer bytes of files than this are checked on the main thread: at the core's 15 to 20 MB/s
 * on one core they take well under a quarter of a second, about what starting the workers and handing
 * the files over costs.
 */
const PARALLEL_FROM_BYTES = 4e6;
/** A batch: enough files that the messages cost little, few enough that the workers finish together. */
const BATCH_FILES = 64;
const BATCH_BYTES = 1e6;

// Bundled, the worker is dist/worker.mjs beside dist/cli.mjs and dist/action.mjs; from the sources, worker.js.
const bundledWorker = new URL('./worker.mjs', import.meta.url);
const workerScript = existsSync(bundledWorker) ? bundledWorker : new URL('./worker.js', import.meta.url);

/** `--jobs`: how many workers check files (default: one per available core). */
export function jobsOption(value) {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]{0,3}$/.test(String(value))) throw new UsageError(`invalid --jobs \`${value}\` (expected a number of workers, 1 or more)`);
  return Number(value);
}

/**
 * Adds `files` (found lazily, each `{path, shown, size, named}`) to the run. With one job, or no
 * `setup` (a run that keeps more of each file than its analysis: drift, pin), or fewer bytes than
 * {@link PARALLEL_FROM_BYTES}, `add(file)` adds each on the main thread. Otherwise `jobs` workers analyze
 * them, set up by `setup` (`{config, configName, options, base, steps}`: what the run's checker was
 * given), and `take(file, analysis)` adds each analysis, in order.
 */
export async function addFiles(files, { jobs, setup, add, take }) {
  if (jobs <= 1 || !setup) {
    for (const file of files) add(file);
    return;
  }
  const iterator = files[Symbol.iterator]();
  const head = [];
  let bytes = 0;
  for (let step; bytes < PARALLEL_FROM_BYTES && !(step = iterator.next()).done; bytes += step.value.size) head.push(step.value);
  if (bytes < PARALLEL_FROM_BYTES) {
    for (const file of head) add(file);
    return;
  }
  await inWorkers(chain(head, iterator), jobs, setup, take);
}

function* chain(head, rest) {
  yield* head;
  for (let step; !(step = rest.next()).done; ) yield step.value;
}

/**
 * The budget before a hot wasm function is optimized in the workers' module: V8's own. A run worth workers
 * is long (4 MB or more), and optimizing the hot functions early pays (wasm.js sets a far larger one for
 * the main thread, for short runs). Measured in instructions over a 2-worker run of every tenth file of
 * the benchmark corpus (8.6 MB): 4,901 M with this budget, 5,296 M with 50 M.
 */
const WORKER_TIERING_BUDGET = 1800000;

async function inWorkers(files, jobs, setup, take) {
  // V8 reads the budget when it compiles a module: the workers share one compiled with theirs (compiling
  // is lazy: a few milliseconds), whose code, optimized or not, every worker then uses.
  setFlagsFromString(`--wasm-tiering-budget=${WORKER_TIERING_BUDGET}`);
  const module = compileCore();
  const workers = Array.from({ length: jobs }, () => new (loadBuiltin('node:worker_threads').Worker)(workerScript, { workerData: { fixity: { ...setup, module } }, resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
  try {
    await new Promise((resolve, reject) => {
      // Analyses that came back before those of earlier batches, by batch number.
      const waiting = new Map();
      let sent = 0;
      let taken = 0;
      let exhausted = false;
      const nextBatch = () => {
        const batch = [];
        for (let size = 0; !exhausted && batch.length < BATCH_FILES && size < BATCH_BYTES; ) {
          const step = files.next();
          if (step.done) exhausted = true;
          else batch.push(step.value), (size += step.value.size);
        }
        return batch;
      };
      const feed = (worker) => {
        const batch = nextBatch();
        if (!batch.length) return;
        worker.batch = { number: sent++, files: batch };
        worker.postMessage(batch.map(({ path, shown, size, named }) => ({ path, shown, size, named })));
      };
      for (const worker of workers) {
        worker.on('message', (analyses) => {
          try {
            waiting.set(worker.batch.number, [worker.batch.files, analyses]);
            feed(worker);
            for (let ready; (ready = waiting.get(taken)); taken++) {
              waiting.delete(taken);
              const [batch, results] = ready;
              batch.forEach((file, i) => take(file, results[i]));
            }
            if (exhausted && taken === sent) resolve();
          } catch (e) {
            reject(e);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a worker stopped early (exit status ${code})`)));
      }
      try {
        for (const worker of workers) feed(worker);
      } catch (e) {
        reject(e);
      }
    });
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

// Talks to the checker's Web Worker: one request in flight at a time, only the newest waiting one kept
// (typing faster than the core answers must not queue stale work), and a watchdog that replaces the worker
// when a request runs too long (a pathological input must not leave the page without a checker).

/** How long one lint may take before its worker is terminated and replaced. */
export const LINT_TIMEOUT_MS = 4000;

export class LintWorker {
  /**
   * `onReady(info)`: the worker loaded the core ({version, kinds, formats, rules}); called once.
   * `onResult(result)`: a lint answered; `onFailure(request, message)`: it timed out, crashed, or the core
   * could not be loaded; the worker has been replaced where that helps.
   */
  constructor(url, { onReady, onResult, onFailure }) {
    this.url = url;
    this.handlers = { onReady, onResult, onFailure };
    this.inFlight = null;
    this.waiting = null;
    this.nextId = 1;
    this.start();
  }

  start() {
    this.ready = false;
    this.worker = new Worker(this.url, { type: 'module' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      const message = `the checker stopped: ${event.message || 'unknown error'}`;
      // Before it is ready the worker could not even load: starting it again would fail the same way.
      if (this.ready) this.fail(message);
      else this.handlers.onFailure(null, message);
    };
  }

  /** Asks for a lint; a request still waiting is dropped in favour of this one. The result carries the
   * request back, with `sentAt`: when the worker was given it. */
  lint(request) {
    this.waiting = { ...request, id: this.nextId++ };
    this.sendWaiting();
  }

  sendWaiting() {
    if (!this.ready || this.inFlight || !this.waiting) return;
    this.inFlight = { ...this.waiting, sentAt: performance.now() };
    this.waiting = null;
    this.worker.postMessage(this.inFlight);
    this.watchdog = setTimeout(() => this.fail(`checking took over ${LINT_TIMEOUT_MS / 1000} s and was stopped`), LINT_TIMEOUT_MS);
  }

  receive(message) {
    if (message.type === 'ready') {
      this.ready = true;
      if (this.handlers.onReady) this.handlers.onReady(message);
      this.handlers.onReady = null;
      this.sendWaiting();
    } else if (message.type === 'failed') {
      this.handlers.onFailure(null, message.message);
    } else if (message.type === 'crashed') {
      this.fail(`the checker failed: ${message.message}`);
    } else if (message.type === 'result' && message.id === this.inFlight?.id) {
      clearTimeout(this.watchdog);
      const request = this.inFlight;
      this.inFlight = null;
      this.handlers.onResult({ ...message, request });
      this.sendWaiting();
    }
  }

  /** Replaces the worker (its wasm may be stuck or broken), reports the request that failed, goes on with the next. */
  fail(message) {
    clearTimeout(this.watchdog);
    const request = this.inFlight;
    this.inFlight = null;
    this.worker.terminate();
    this.start();
    this.handlers.onFailure(request, message);
  }
}

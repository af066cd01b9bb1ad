// js/worker.js
import { parentPort, workerData } from "node:worker_threads";

// target/wasm-bindgen/fixity.js
var Bytes = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    BytesFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_bytes_free(ptr, 0);
  }
  /**
   * Room for `capacity` bytes, the size the file had (more may come).
   * @param {number} capacity
   */
  constructor(capacity) {
    const ret = wasm.bytes_new(capacity);
    this.__wbg_ptr = ret;
    BytesFinalization.register(this, this.__wbg_ptr, this);
    return this;
  }
  /**
   * @param {Uint8Array | number[]} piece
   */
  push(piece) {
    const ptr0 = passArray8ToWasm0(piece, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.bytes_push(this.__wbg_ptr, ptr0, len0);
  }
};
if (Symbol.dispose) Bytes.prototype[Symbol.dispose] = Bytes.prototype.free;
var Checker = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    CheckerFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_checker_free(ptr, 0);
  }
  /**
   * Checks one file; `kind` (a kind name from `kinds()`) overrides classification.
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {string | null} [kind]
   */
  addFile(path, bytes, kind) {
    let ptr0, len0, ptr1, len1, ptr2, len2;
    try {
      ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
      ptr2 = isLikeNone(kind) ? 0 : passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len2 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr2) {
        wasm.__wbindgen_free(ptr2, len2 * 1, 1);
      }
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    wasm.checker_addFile(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2);
  }
  /**
   * Checks a file the user named (a path given, standard input): its content may tell any kind. Returns
   * whether it was a manifest fixity checks.
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {string | null} [kind]
   * @returns {boolean}
   */
  addNamedFile(path, bytes, kind) {
    let ptr0, len0, ptr1, len1, ptr2, len2;
    try {
      ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len0 = WASM_VECTOR_LEN;
      ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
      len1 = WASM_VECTOR_LEN;
      ptr2 = isLikeNone(kind) ? 0 : passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      len2 = WASM_VECTOR_LEN;
    } catch (e) {
      if (ptr2) {
        wasm.__wbindgen_free(ptr2, len2 * 1, 1);
      }
      if (ptr1) {
        wasm.__wbindgen_free(ptr1, len1 * 1, 1);
      }
      if (ptr0) {
        wasm.__wbindgen_free(ptr0, len0 * 1, 1);
      }
      throw e;
    }
    const ret = wasm.checker_addNamedFile(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2);
    return ret !== 0;
  }
  /**
   * Records a file too large to read.
   * @param {string} path
   * @param {number} bytes
   */
  addOversized(path, bytes) {
    const val2 = +bytes;
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_addOversized(this.__wbg_ptr, ptr0, len0, val2);
  }
  /**
   * Takes in a file's analysis from a worker (`analyzeFile`), in the order the files were found;
   * returns whether it was a manifest fixity checks.
   * @param {Uint8Array | number[]} json
   * @returns {boolean}
   */
  addResult(json) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passArray8ToWasm0(json, wasm.__wbindgen_malloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_addResult(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      return r0 !== 0;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * A worker's share of `addFile` (`named`: of `addNamedFile`): the file's analysis as JSON bytes, for
   * the run's checker to take in with `addResult`. Bytes rather than a string: they cross to the main
   * thread without being decoded, copied and encoded again (a worker transfers their buffer).
   * @param {string} path
   * @param {Uint8Array | number[]} bytes
   * @param {boolean} named
   * @returns {Uint8Array}
   */
  analyzeFile(path, bytes, named) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val3 = +named;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_analyzeFile(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1, val3);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      if (r3) {
        throw takeFromExternrefTable0(r2);
      }
      var v4 = getArrayU8FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 1, 1);
      return v4;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * A worker's share of `addOversized`, as `analyzeFile` gives it.
   * @param {string} path
   * @param {number} bytes
   * @returns {Uint8Array}
   */
  analyzeOversized(path, bytes) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val2 = +bytes;
      const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_analyzeOversized(retptr, this.__wbg_ptr, ptr0, len0, val2);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      if (r3) {
        throw takeFromExternrefTable0(r2);
      }
      var v3 = getArrayU8FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 1, 1);
      return v3;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The annotations for GitHub as JSON `[{level, message, properties?}]`: what `--format github` prints,
   * for the Action to emit through `@actions/core`.
   * @returns {string}
   */
  annotations() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_annotations(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * A baseline recording every finding so far, whatever baseline is in use (`--write-baseline`).
   * @returns {string}
   */
  baseline() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_baseline(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * The report's counts as JSON, as its JSON report's `summary` gives them (`{files, findings, error,
   * warning, note, baselined?}`), without rendering the report.
   * @returns {string}
   */
  counts() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_counts(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `drift`: compares the live export with the lock. Call after `finish`.
   */
  drift() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_drift(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The environments a command runs for, as JSON `[{name, paths, lock, namespace}]` (paths and lock
   * relative to the configuration's folder): `name`'s, or every one the configuration defines.
   * @param {string | null} [name]
   * @returns {string}
   */
  environments(name) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      var ptr0 = isLikeNone(name) ? 0 : passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len0 = WASM_VECTOR_LEN;
      wasm.checker_environments(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * Whether a path is excluded (a folder: skip all below it).
   * @param {string} path
   * @returns {boolean}
   */
  excludes(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_excludes(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * @returns {number}
   */
  exitCode() {
    const ret = wasm.checker_exitCode(this.__wbg_ptr);
    return ret;
  }
  /**
   * The files checked so far (a lock or a live export read counts as one): the shim fails a run that
   * checks none.
   * @returns {number}
   */
  files() {
    const ret = wasm.checker_files(this.__wbg_ptr);
    return ret >>> 0;
  }
  /**
   * `check --online`: adds the findings about the pins verified. Call when no request is left, before
   * `finish`.
   */
  finishOnline() {
    wasm.checker_finishOnline(this.__wbg_ptr);
  }
  /**
   * Runs the checks that need every file (provider and chart locks, removed lock entries). Call once,
   * after the last file.
   */
  finish() {
    wasm.checker_finish(this.__wbg_ptr);
  }
  /**
   * Whether the file at `path` is this run's to check.
   * @param {string} path
   * @returns {boolean}
   */
  inShard(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_inShard(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * Where the lock is unless one is named: the configuration's `lock:` (or `fixity.lock.json`) in
   * `configDir`, the configuration's folder (undefined: the working directory).
   * @param {string | null} [config_dir]
   * @returns {string}
   */
  lockPath(config_dir) {
    let deferred2_0;
    let deferred2_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      var ptr0 = isLikeNone(config_dir) ? 0 : passStringToWasm0(config_dir, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len0 = WASM_VECTOR_LEN;
      wasm.checker_lockPath(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred2_0 = r0;
      deferred2_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
  }
  /**
   * `lock`: why no lock is made (a file could not be read, identities repeat), if none is.
   * @returns {string | undefined}
   */
  lockRefusal() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_lockRefusal(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v1;
      if (r0 !== 0) {
        v1 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `lock`: the new lock's text, or undefined when none is made ([`Checker::lock_refusal`] says why).
   * @returns {string | undefined}
   */
  lockText() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_lockText(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v1;
      if (r0 !== 0) {
        v1 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `config` is the text of `.fixity.yml` (named `config_name` in errors), if any; `options` is JSON
   * `{select, ignore, exclude, failOn}`.
   * @param {string | null | undefined} config
   * @param {string} config_name
   * @param {string} options
   */
  constructor(config2, config_name, options2) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1, ptr2, len2;
      try {
        ptr0 = isLikeNone(config2) ? 0 : passStringToWasm0(config2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(config_name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
        ptr2 = passStringToWasm0(options2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len2 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_new(retptr, ptr0, len0, ptr1, len1, ptr2, len2);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      this.__wbg_ptr = r0;
      CheckerFinalization.register(this, this.__wbg_ptr, this);
      return this;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The answer to request `id` (`headers`: JSON `[[name, value]]`, names in lowercase); returns the
   * follow-up request as JSON, or undefined.
   * @param {number} id
   * @param {number} status
   * @param {string} headers
   * @param {Uint8Array | number[]} body
   * @returns {string | undefined}
   */
  pinAnswer(id, status, headers, body) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val3 = +id;
      const val4 = +status;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(headers, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(body, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_pinAnswer(retptr, this.__wbg_ptr, val3, val4, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      let v5;
      if (r0 !== 0) {
        v5 = getStringFromWasm0(r0, r1);
        wasm.__wbindgen_free(r0, r1 * 1, 1);
      }
      return v5;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * Request `id` could not be made (timeout, connection refused, retries spent).
   * @param {number} id
   * @param {string} reason
   */
  pinFailed(id, reason) {
    const val2 = +id;
    const ptr0 = passStringToWasm0(reason, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_pinFailed(this.__wbg_ptr, val2, ptr0, len0);
  }
  /**
   * The outcome as JSON `{files: [[path, text]], diff, json, text, exitCode}`; `written`: the files are
   * about to be written (not `--dry-run`).
   * @param {boolean} written
   * @returns {string}
   */
  pinOutcome(written) {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinOutcome(retptr, this.__wbg_ptr, written);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `[resolved, total]` targets, for progress.
   * @returns {Uint32Array}
   */
  pinProgress() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinProgress(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var v1 = getArrayU32FromWasm0(r0, r1).slice();
      wasm.__wbindgen_free(r0, r1 * 4, 4);
      return v1;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The requests to make now, as JSON `[{id, method, url, headers, body?, host}]`.
   * @returns {string}
   */
  pinRequests() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_pinRequests(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * `check --online`: after the files and before `finish`, decides which pins to verify; `setup` is
   * JSON (see `PinSetup`).
   * @param {string} setup
   */
  planOnline(setup) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(setup, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_planOnline(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `pin`, `update`: after `finish`, decides what to resolve; `setup` is JSON (see `PinSetup`).
   * @param {string} setup
   */
  planPins(setup) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(setup, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_planPins(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The report in one of `formats()`.
   * @param {string} format
   * @returns {string}
   */
  render(format) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_render(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * The working directory relative to the repository root (`/`-separated; empty at the root): files
   * are classified by their place in the repository.
   * @param {string} base
   */
  setBase(base2) {
    const ptr0 = passStringToWasm0(base2, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_setBase(this.__wbg_ptr, ptr0, len0);
  }
  /**
   * The paths this run covers (display paths): lock entries from elsewhere are not reported removed.
   * @param {string[]} roots
   */
  setScope(roots) {
    const ptr0 = passArrayJsValueToWasm0(roots, wasm.__wbindgen_malloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.checker_setScope(this.__wbg_ptr, ptr0, len0);
  }
  /**
   * `check --shard K/N`: this run checks shard `spec` of `files` (JSON `[[path, size]]`: every file
   * the run found, each once); `inShard` says which to add. Call before the lock and the files.
   * @param {string} spec
   * @param {string} files
   */
  setShard(spec, files) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(spec, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(files, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_setShard(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `drift`: reads the live export (an error when it cannot be read); the files that follow are the
   * declared side; the lock at `lockPath` (its `Bytes`, undefined when there is none: an error when it was
   * `named`) is what the live export is compared with.
   * @param {string} lock_path
   * @param {Bytes | null | undefined} lock_bytes
   * @param {boolean} named
   * @param {string} live_path
   * @param {string} live_text
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  startDrift(lock_path, lock_bytes, named, live_path, live_text, key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val7 = +named;
      let ptr0, len0, ptr1 = 0, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5;
      try {
        ptr0 = passStringToWasm0(lock_path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        if (!isLikeNone(lock_bytes)) {
          _assertClass(lock_bytes, Bytes);
          ptr1 = lock_bytes.__destroy_into_raw();
        }
        ptr2 = passStringToWasm0(live_path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len2 = WASM_VECTOR_LEN;
        ptr3 = passStringToWasm0(live_text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len3 = WASM_VECTOR_LEN;
        ptr4 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len4 = WASM_VECTOR_LEN;
        ptr5 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len5 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr5) {
          wasm.__wbindgen_free(ptr5, len5 * 1, 1);
        }
        if (ptr4) {
          wasm.__wbindgen_free(ptr4, len4 * 1, 1);
        }
        if (ptr3) {
          wasm.__wbindgen_free(ptr3, len3 * 1, 1);
        }
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) wasm.__wbg_bytes_free(ptr1, 1);
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_startDrift(retptr, this.__wbg_ptr, ptr0, len0, ptr1, val7, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `lock`: gather the resources of the files that follow.
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  startLock(key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_startLock(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `pin`, `update`: keep the references of the files that follow.
   */
  startPin() {
    wasm.checker_startPin(this.__wbg_ptr);
  }
  /**
   * The report's summary line (`Found 3 findings in 1 file: 3 errors.`).
   * @returns {string}
   */
  summary() {
    let deferred1_0;
    let deferred1_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_summary(retptr, this.__wbg_ptr);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      deferred1_0 = r0;
      deferred1_1 = r1;
      return getStringFromWasm0(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
  }
  /**
   * Leaves out of reports what the baseline `text` (named `name` in errors) records.
   * @param {string} text
   * @param {string} name
   */
  useBaseline(text, name) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_useBaseline(retptr, this.__wbg_ptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * `check`: verify the lock at `path` (its `Bytes`, undefined when there is no such file: an error when
   * it was `named`) against the files that follow. `key`: `FIXITY_HMAC_KEY`, if set (an error when it is
   * too short).
   * `coverage` (JSON `{environment, paths, namespace}`, all optional) says what the lock is about.
   * @param {string} path
   * @param {Bytes | null | undefined} bytes
   * @param {boolean} named
   * @param {Uint8Array | number[] | null} [key]
   * @param {string | null} [coverage]
   */
  verifyLock(path, bytes, named, key, coverage) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const val5 = +named;
      let ptr0, len0, ptr1 = 0, ptr2, len2, ptr3, len3;
      try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        if (!isLikeNone(bytes)) {
          _assertClass(bytes, Bytes);
          ptr1 = bytes.__destroy_into_raw();
        }
        ptr2 = isLikeNone(key) ? 0 : passArray8ToWasm0(key, wasm.__wbindgen_malloc);
        len2 = WASM_VECTOR_LEN;
        ptr3 = isLikeNone(coverage) ? 0 : passStringToWasm0(coverage, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len3 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr3) {
          wasm.__wbindgen_free(ptr3, len3 * 1, 1);
        }
        if (ptr2) {
          wasm.__wbindgen_free(ptr2, len2 * 1, 1);
        }
        if (ptr1) wasm.__wbg_bytes_free(ptr1, 1);
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.checker_verifyLock(retptr, this.__wbg_ptr, ptr0, len0, ptr1, val5, ptr2, len2, ptr3, len3);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * Whether a file is worth reading at all.
   * @param {string} path
   * @returns {boolean}
   */
  wants(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.checker_wants(this.__wbg_ptr, ptr0, len0);
    return ret !== 0;
  }
  /**
   * `lock`: writes the new lock to `sink` piece by piece (see `writeReport`): a large lock is never
   * whole in memory. An error, before anything is written, when none is made (`lockRefusal`).
   * @param {any} sink
   */
  writeLock(sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      wasm.checker_writeLock(retptr, this.__wbg_ptr, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The report in one of `formats()`, written to `sink` piece by piece: a large report is never whole
   * in memory.
   * @param {string} format
   * @param {any} sink
   */
  writeReport(format, sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.checker_writeReport(retptr, this.__wbg_ptr, ptr0, len0, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
};
if (Symbol.dispose) Checker.prototype[Symbol.dispose] = Checker.prototype.free;
var Merged = class {
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    MergedFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_merged_free(ptr, 0);
  }
  /**
   * @returns {number}
   */
  exitCode() {
    const ret = wasm.merged_exitCode(this.__wbg_ptr);
    return ret;
  }
  /**
   * The files the shards checked together.
   * @returns {number}
   */
  files() {
    const ret = wasm.merged_files(this.__wbg_ptr);
    return ret >>> 0;
  }
  /**
   * `reports` is JSON `[[name, text]]`: every shard report of one run (`name` names it in errors);
   * `failOn` decides the exit status, as `check`'s does.
   * @param {string} reports
   * @param {string | null} [fail_on]
   */
  constructor(reports, fail_on) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      let ptr0, len0, ptr1, len1;
      try {
        ptr0 = passStringToWasm0(reports, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = isLikeNone(fail_on) ? 0 : passStringToWasm0(fail_on, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
      } catch (e) {
        if (ptr1) {
          wasm.__wbindgen_free(ptr1, len1 * 1, 1);
        }
        if (ptr0) {
          wasm.__wbindgen_free(ptr0, len0 * 1, 1);
        }
        throw e;
      }
      wasm.merged_new(retptr, ptr0, len0, ptr1, len1);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      if (r2) {
        throw takeFromExternrefTable0(r1);
      }
      this.__wbg_ptr = r0;
      MergedFinalization.register(this, this.__wbg_ptr, this);
      return this;
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  /**
   * The merged report in one of `formats()`.
   * @param {string} format
   * @returns {string}
   */
  render(format) {
    let deferred3_0;
    let deferred3_1;
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.merged_render(retptr, this.__wbg_ptr, ptr0, len0);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
      var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
      var ptr2 = r0;
      var len2 = r1;
      if (r3) {
        ptr2 = 0;
        len2 = 0;
        throw takeFromExternrefTable0(r2);
      }
      deferred3_0 = ptr2;
      deferred3_1 = len2;
      return getStringFromWasm0(ptr2, len2);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
    }
  }
  /**
   * The merged report written to `sink` (see `Checker::writeReport`).
   * @param {string} format
   * @param {any} sink
   */
  writeReport(format, sink) {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      const ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      const len0 = WASM_VECTOR_LEN;
      wasm.merged_writeReport(retptr, this.__wbg_ptr, ptr0, len0, sink);
      var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
      var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
      if (r1) {
        throw takeFromExternrefTable0(r0);
      }
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
};
if (Symbol.dispose) Merged.prototype[Symbol.dispose] = Merged.prototype.free;
function maxFileBytes() {
  const ret = wasm.maxFileBytes();
  return ret;
}
function visible(text) {
  let deferred2_0;
  let deferred2_1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.visible(retptr, ptr0, len0);
    var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
    var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
    deferred2_0 = r0;
    deferred2_1 = r1;
    return getStringFromWasm0(r0, r1);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
  }
}
function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
      const ret = Error(getStringFromWasm0(arg0, arg1));
      return ret;
    },
    __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "string" ? obj : void 0;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    },
    __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
      throw new Error(getStringFromWasm0(arg0, arg1));
    },
    __wbg_write_72476aa4ac2748f1: function() {
      return handleError(function(arg0, arg1, arg2) {
        arg0.write(getArrayU8FromWasm0(arg1, arg2));
      }, arguments);
    },
    __wbindgen_generic_0000000000000001: function(arg0, arg1) {
      const ret = getStringFromWasm0(arg0, arg1);
      return ret;
    },
    __wbindgen_init_externref_table: function() {
      const table = wasm.__wbindgen_externrefs;
      table.set(0, void 0);
      table.set(1024, void 0);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    }
  };
  return {
    __proto__: null,
    "./fixity_bg.js": import0
  };
}
var BytesFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_bytes_free(ptr, 1));
var CheckerFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_checker_free(ptr, 1));
var MergedFinalization = typeof FinalizationRegistry === "undefined" ? { register: () => {
}, unregister: () => {
} } : new FinalizationRegistry((ptr) => wasm.__wbg_merged_free(ptr, 1));
function addToExternrefTable0(obj) {
  const idx = wasm.__externref_table_alloc();
  wasm.__wbindgen_externrefs.set(idx, obj);
  return idx;
}
function _assertClass(instance, klass) {
  if (!(instance instanceof klass)) {
    throw new Error(`expected instance of ${klass.name}`);
  }
}
function getArrayU32FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
}
function getArrayU8FromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}
var cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || cachedDataViewMemory0.buffer.detached === void 0 && cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}
function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}
var cachedUint32ArrayMemory0 = null;
function getUint32ArrayMemory0() {
  if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
    cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
  }
  return cachedUint32ArrayMemory0;
}
var cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}
function handleError(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    const idx = addToExternrefTable0(e);
    wasm.__wbindgen_exn_store(idx);
  }
}
function isLikeNone(x) {
  return x === void 0 || x === null;
}
function passArray8ToWasm0(arg, malloc) {
  const ptr = malloc(arg.length * 1, 1) >>> 0;
  getUint8ArrayMemory0().set(arg, ptr / 1);
  WASM_VECTOR_LEN = arg.length;
  return ptr;
}
function passArrayJsValueToWasm0(array, malloc) {
  const ptr = malloc(array.length * 4, 4) >>> 0;
  for (let i = 0; i < array.length; i++) {
    const add = addToExternrefTable0(array[i]);
    getDataViewMemory0().setUint32(ptr + 4 * i, add, true);
  }
  WASM_VECTOR_LEN = array.length;
  return ptr;
}
function passStringToWasm0(arg, malloc, realloc) {
  if (realloc === void 0) {
    const buf = cachedTextEncoder.encode(arg);
    const ptr2 = malloc(buf.length, 1) >>> 0;
    getUint8ArrayMemory0().subarray(ptr2, ptr2 + buf.length).set(buf);
    WASM_VECTOR_LEN = buf.length;
    return ptr2;
  }
  let len = arg.length;
  let ptr = malloc(len, 1) >>> 0;
  const mem = getUint8ArrayMemory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code = arg.charCodeAt(offset);
    if (code > 127) break;
    mem[ptr + offset] = code;
  }
  if (offset !== len) {
    if (offset !== 0) {
      arg = arg.slice(offset);
    }
    ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
    const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
    const ret = cachedTextEncoder.encodeInto(arg, view);
    offset += ret.written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}
function takeFromExternrefTable0(idx) {
  const value = wasm.__wbindgen_externrefs.get(idx);
  wasm.__externref_table_dealloc(idx);
  return value;
}
var cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
cachedTextDecoder.decode();
var MAX_SAFARI_DECODE_BYTES = 2146435072;
var numBytesDecoded = 0;
function decodeText(bytes) {
  numBytesDecoded += bytes.length;
  if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
    cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
    cachedTextDecoder.decode();
    numBytesDecoded = bytes.length;
  }
  return cachedTextDecoder.decode(bytes);
}
var cachedTextEncoder = new TextEncoder();
if (!("encodeInto" in cachedTextEncoder)) {
  cachedTextEncoder.encodeInto = function(arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
      read: arg.length,
      written: buf.length
    };
  };
}
var WASM_VECTOR_LEN = 0;
var wasmModule;
var wasmInstance;
var wasm;
function __wbg_finalize_init(instance, module2) {
  wasmInstance = instance;
  wasm = instance.exports;
  wasmModule = module2;
  cachedDataViewMemory0 = null;
  cachedUint32ArrayMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
function initSync(module2) {
  if (wasm !== void 0) return wasm;
  if (module2 !== void 0) {
    if (Object.getPrototypeOf(module2) === Object.prototype) {
      ({ module: module2 } = module2);
    } else {
      console.warn("using deprecated parameters for `initSync()`; pass a single object instead");
    }
  }
  const imports = __wbg_get_imports();
  if (!(module2 instanceof WebAssembly.Module)) {
    module2 = new WebAssembly.Module(module2);
  }
  const instance = new WebAssembly.Instance(module2, imports);
  return __wbg_finalize_init(instance, module2);
}

// js/read.js
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, sep } from "node:path";
var loadBuiltin = createRequire(import.meta.url);
var UsageError = class extends Error {
};
function errorMessage(e) {
  return visible(e instanceof UsageError || e?.name === "Error" ? e.message : String(e));
}
var megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
var limitText = (limit = maxFileBytes()) => `the ${limit / 2 ** 20} MiB limit`;
function isInside(path, realRoot) {
  for (let p = path; ; p = dirname(p)) {
    let real;
    try {
      real = realpathSync(p);
    } catch {
      if (dirname(p) === p) return false;
      continue;
    }
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  }
}
function readFile(path, what, { root, limit = maxFileBytes(), into } = {}) {
  const fail = (reason) => new UsageError(`cannot read ${what} ${path}: ${reason}`);
  if (root !== void 0 && !isInside(path, root)) throw fail(`it leads outside ${root}`);
  let fd;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw fail("not a regular file");
    if (info.size > limit) throw fail(`it is ${megabytes(info.size)}, over ${limitText(limit)}`);
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) throw fail("not a regular file");
    const bytes = into ? readPieces(fd, limit, into(info.size)) : readAtMost(fd, limit, info.size);
    if (bytes === null) throw fail(`it is over ${limitText(limit)}`);
    return bytes;
  } catch (e) {
    throw e instanceof UsageError ? e : fail(e.code ?? e.message);
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
function readPieces(fd, limit, sink) {
  const piece = Buffer.allocUnsafe(1 << 20);
  for (let total = 0; ; ) {
    const n = readSync(fd, piece, 0, piece.length, null);
    if (n === 0) return sink;
    total += n;
    if (total > limit) return null;
    sink.push(piece.subarray(0, n));
  }
}
function readAtMost(fd, limit, expected = 0) {
  let buffer = Buffer.allocUnsafe(Math.min(expected > 0 ? expected + 1 : 1 << 16, limit + 1));
  let total = 0;
  for (; ; ) {
    if (total === buffer.length) {
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) return buffer.subarray(0, total);
    total += n;
    if (total > limit) return null;
  }
}

// js/worker.js
var { module, config, configName, options, base, steps } = workerData.fixity;
initSync({ module });
var checker = new Checker(config, configName, options);
checker.setBase(base);
for (const [method, args] of steps) checker[method](...args);
parentPort.on("message", (files) => {
  const analyses = files.map(({ path, shown, size, named }) => {
    try {
      if (size > maxFileBytes()) return { result: checker.analyzeOversized(shown, size) };
      return { result: checker.analyzeFile(shown, readFile(path, "file"), named) };
    } catch (e) {
      return { error: errorMessage(e) };
    }
  });
  parentPort.postMessage(analyses, analyses.flatMap(({ result }) => result ? [result.buffer] : []));
});

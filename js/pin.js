// `fixity pin` and `fixity update`: the core decides which requests to make and reads the answers; this
// performs them (timeouts, retries with backoff on 429 and 5xx honouring Retry-After, a concurrency limit),
// reads the credentials the core hands out, shows progress on a terminal, and writes the edited files.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { references, writeAtomically } from './check.js';

/** Requests in flight at once. */
const CONCURRENCY = 16;
const RETRIES = 3;
/** The largest answer read: the core refuses manifests over 4 MiB, so one byte more tells it. */
const MAX_BODY = 4 * 1024 * 1024 + 1;

/** Seconds a request may take: `FIXITY_HTTP_TIMEOUT`, else 30. */
function timeoutMs() {
  const seconds = Number(process.env.FIXITY_HTTP_TIMEOUT);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

/** The Docker client config's `auths` as registry host → base64 `user:password`. */
function registryAuths() {
  const dir = process.env.DOCKER_CONFIG || join(homedir(), '.docker');
  let config;
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    return {};
  }
  const auths = {};
  for (const [key, entry] of Object.entries(config?.auths ?? {})) {
    const auth = entry?.auth || (entry?.username && entry?.password ? Buffer.from(`${entry.username}:${entry.password}`).toString('base64') : undefined);
    if (typeof auth !== 'string' || !auth) continue;
    // `https://index.docker.io/v1/` is how `docker login` records Docker Hub.
    const host = key.replace(/^[a-z]+:\/\//, '').split('/')[0];
    auths[host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host] = auth;
  }
  return auths;
}

/** Where the forges are and the credentials read from the environment: the core decides who gets which. */
function setup({ update, branches }) {
  const env = process.env;
  const gitlabToken = env.CI_JOB_TOKEN ? ['gitlab-ci-token', env.CI_JOB_TOKEN] : env.GITLAB_TOKEN ? ['oauth2', env.GITLAB_TOKEN] : undefined;
  return {
    update: !!update,
    branches: !!branches,
    githubServer: env.GITHUB_SERVER_URL || undefined,
    gitlabServer: env.CI_SERVER_URL || undefined,
    registryAuths: registryAuths(),
    githubToken: env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
    gitlabToken,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before retry `attempt` (0-based): the server's Retry-After, else 0.5 s doubling. */
function backoff(response, attempt) {
  const after = response?.headers.get('retry-after');
  if (after) {
    const seconds = /^\d+$/.test(after.trim()) ? Number(after) : (Date.parse(after) - Date.now()) / 1000;
    if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 60) * 1000;
  }
  return 500 * 2 ** attempt;
}

/** The body, read up to {@link MAX_BODY} bytes. */
async function readBody(response) {
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY);
}

/** Why a request failed, in words; never its headers (they may hold a credential). */
function failure(e, host) {
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `${host} did not answer within ${timeoutMs() / 1000} s`;
  const code = e?.cause?.code ?? e?.code;
  if (code === 'UND_ERR_SOCKET' || /terminated|other side closed/i.test(e?.message ?? '')) return `${host} closed the connection before the whole answer arrived`;
  return `cannot reach ${host}: ${code ?? e?.cause?.message ?? e?.message ?? e}`;
}

/** Performs one request: `{status, headers, body}` or `{error}`. */
async function perform(request) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.body,
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs()),
      });
      const retry = response.status === 429 || response.status >= 500;
      if (retry && attempt < RETRIES) {
        await response.body?.cancel();
        await sleep(backoff(response, attempt));
        continue;
      }
      const body = await readBody(response);
      const headers = [...response.headers].filter(([name]) => !(name === 'content-length' && response.headers.has('content-encoding')));
      return { status: response.status, headers, body };
    } catch (e) {
      const transient = e?.name !== 'TimeoutError' && e?.name !== 'AbortError';
      if (transient && attempt < RETRIES && !/closed the connection/.test(failure(e, request.host))) {
        await sleep(backoff(undefined, attempt));
        continue;
      }
      return { error: failure(e, request.host) };
    }
  }
}

/** Progress on a terminal's standard error only: nothing of it in pipes or CI logs. */
function progress(checker, waiting) {
  if (!process.stderr.isTTY) return () => {};
  return (done) => {
    const [resolved, total] = checker.pinProgress();
    const hosts = [...new Set(waiting.values())].slice(0, 3).join(', ');
    process.stderr.write(done ? '\r\x1b[K' : `\r\x1b[KResolving ${resolved}/${total}${hosts ? ` (waiting on ${hosts})` : ''}`);
  };
}

/** Resolves everything the core asks for, `CONCURRENCY` requests at a time. */
async function resolveAll(checker) {
  const queue = JSON.parse(checker.pinRequests());
  const waiting = new Map();
  const show = progress(checker, waiting);
  async function worker() {
    while (queue.length) {
      const request = queue.shift();
      waiting.set(request.id, request.host);
      show(false);
      const answer = await perform(request);
      waiting.delete(request.id);
      if (answer.error) checker.pinFailed(request.id, answer.error);
      else {
        const next = checker.pinAnswer(request.id, answer.status, JSON.stringify(answer.headers), answer.body);
        if (next) queue.push(JSON.parse(next));
      }
      show(false);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  show(true);
}

/**
 * `pin` (or `update`): resolves, then writes the edited files (or, with `dryRun`, prints their diff).
 * Returns the exit status: 0 everything asked for pinned, 1 something could not be.
 */
export async function pin({ update, branches, dryRun, format, ...options }) {
  const checker = await references(options);
  checker.planPins(JSON.stringify(setup({ update, branches })));
  await resolveAll(checker);
  const outcome = JSON.parse(checker.pinOutcome(!dryRun));
  if (!dryRun) for (const [path, text] of outcome.files) writeAtomically(path, text);
  if (format === 'json') process.stdout.write(outcome.json);
  else if (dryRun) {
    process.stdout.write(outcome.diff);
    process.stderr.write(outcome.text);
  } else process.stdout.write(outcome.text);
  return outcome.exitCode;
}

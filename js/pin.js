// `fixity pin` and `fixity update`: the core decides which requests to make and reads the answers; this
// performs them (timeouts, retries with backoff on 429 and 5xx honouring Retry-After, a concurrency limit,
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY),
// reads the credentials the core hands out, shows progress on a terminal, and writes the edited files.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { references, writeAtomically } from './check.js';
import { loadBuiltin } from './read.js';

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
function setup({ update, branches } = {}) {
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
  if (code === 'PROXY') return e.message;
  if (code === 'UND_ERR_SOCKET' || /terminated|other side closed/i.test(e?.message ?? '')) return `${host} closed the connection before the whole answer arrived`;
  return `cannot reach ${host}: ${code ?? e?.cause?.message ?? e?.message ?? e}`;
}

/**
 * The proxy for `url`: `HTTPS_PROXY` for https, `HTTP_PROXY` for http (or their lowercase forms), unless
 * `NO_PROXY` lists its host (`host`, `host:port`, `.domain` or `domain` for it and its subdomains, `*`).
 * Plain HTTP to this machine never goes through a proxy: it may carry credentials (the core allows that
 * for loopback only), which must not leave the machine in clear.
 */
export function proxyFor(url, env = process.env) {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const proxy = https ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!https && (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) return undefined;
  const port = target.port || (https ? '443' : '80');
  const bypass = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[,\s]+/).filter(Boolean).some((entry) => {
    if (entry === '*') return true;
    const [, name, entryPort] = entry.toLowerCase().match(/^\[?(.*?)\]?(?::(\d+))?$/) ?? [];
    const domain = name.replace(/^\*?\./, '');
    return (!entryPort || entryPort === port) && (host === domain || host.endsWith(`.${domain}`));
  });
  if (bypass) return undefined;
  return new URL(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
}

/** What a proxy refused or failed, as an error whose message names no credential. */
const proxyError = (proxy, what) => Object.assign(new Error(`proxy ${proxy.host} ${what}`), { code: 'PROXY' });

/**
 * One request through an HTTP proxy: CONNECT to the target, then TLS inside the tunnel, for https; the
 * absolute URL sent to the proxy for http. Answers with what fetch's response offers here: status,
 * headers, and the body as an async iterable with `cancel`.
 */
function throughProxy(proxy, url, { method, headers, body, signal }) {
  if (proxy.protocol !== 'http:') return Promise.reject(proxyError(proxy, `is ${proxy.protocol}//, and only http:// proxies are supported`));
  const target = new URL(url);
  const proxyAuthorization = proxy.username ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` } : {};
  const proxyAt = { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port || 80, signal };
  const { request: httpRequest } = loadBuiltin('node:http');
  const send = (options) =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ ...options, method, signal, headers: { ...headers, ...options.headers, host: target.host } }, (res) => {
        const answer = { status: res.statusCode, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])), body: res };
        res.cancel = async () => res.destroy();
        resolve(answer);
      });
      req.on('error', reject);
      req.end(body);
    });
  if (target.protocol === 'http:') return send({ ...proxyAt, path: url, headers: proxyAuthorization });
  return new Promise((resolve, reject) => {
    const port = target.port || 443;
    const connect = httpRequest({ ...proxyAt, method: 'CONNECT', path: `${target.hostname}:${port}`, headers: { host: `${target.hostname}:${port}`, ...proxyAuthorization } });
    connect.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return reject(proxyError(proxy, `refused the tunnel to ${target.host} (${res.statusCode})`));
      }
      const tls = loadBuiltin('node:tls').connect({ socket, servername: target.hostname.replace(/^\[|\]$/g, '') });
      tls.on('error', reject);
      send({ host: target.hostname, port, path: `${target.pathname}${target.search}`, createConnection: () => tls }).then(resolve, reject);
    });
    connect.on('error', reject);
    connect.end();
  });
}

/** A fetch that goes through the proxy the environment names for the URL, if any. */
function fetchVia(url, options) {
  const proxy = proxyFor(url);
  return proxy ? throughProxy(proxy, url, options) : fetch(url, options);
}

/** Performs one request: `{status, headers, body}` or `{error}`. */
async function perform(request) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetchVia(request.url, {
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

/**
 * `check --online`: the pins of the files checked, verified against their servers by the core.
 * `githubToken` replaces the environment's (the Action's `token` input).
 */
export async function verifyOnline(checker, { githubToken } = {}) {
  const setting = setup();
  if (githubToken) setting.githubToken = githubToken;
  checker.planOnline(JSON.stringify(setting));
  await resolveAll(checker);
  checker.finishOnline();
}

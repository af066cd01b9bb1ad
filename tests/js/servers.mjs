// Real servers on loopback for the online tests: Debian's `docker-registry` (the CNCF distribution
// registry) filled by `skopeo` from OCI layouts built with `umoci`, and `git http-backend` behind a small
// HTTP server. Each is stopped by the test that starts it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, createSign } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers.mjs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

/** A command's standard output as bytes, without blocking this process's servers (a token server). */
function runAsync(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${command} ${args[0]} failed: ${err}`))));
  });
}

/** The CLI as a process, without blocking this process's servers. */
export function fixityAsync(args, { cwd, env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/cli.mjs'), ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A test CA (`ca.pem`) and a certificate it signed for 127.0.0.1 (`server.pem`, `server.key`) in `dir`. */
function testCertificates(dir) {
  const openssl = (...args) => run('openssl', args, { cwd: dir });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=fixity test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  return join(dir, 'ca.pem');
}

const base64url = (data) => Buffer.from(data).toString('base64url');

/**
 * The token server of the registry's `auth: token`: it hands a signed JWT granting what each `scope` asks
 * to whoever sends the basic credentials `user:password`, as Docker Hub's auth.docker.io does for
 * logged-in users. Its signing certificate (`token.pem` in `dir`) is the registry's `rootcertbundle`.
 */
async function startTokenServer(dir, [user, password]) {
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'token.key', '-out', 'token.pem', '-days', '2', '-subj', '/CN=fixity test tokens'], { cwd: dir });
  const key = readFileSync(join(dir, 'token.key'));
  const certificate = readFileSync(join(dir, 'token.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'content-type': 'application/json' });
      return response.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    const now = Math.floor(Date.now() / 1000);
    const access = url.searchParams.getAll('scope').map((scope) => {
      const [type, name, actions] = scope.split(':');
      return { type, name, actions: actions.split(',') };
    });
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certificate] }));
    const claims = base64url(JSON.stringify({ iss: 'fixity-test-issuer', sub: user, aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: String(Math.random()), access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key, 'base64url');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { realm: `http://127.0.0.1:${server.address().port}/token`, stop: () => server.close() };
}

/** Waits until something listens on `port`. */
async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise((resolve) => {
      const socket = netConnect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on port ${port}`);
}

/**
 * `docker-registry` on a loopback port. `htpasswd`: [user, password] for basic auth; `token`: [user,
 * password] for token auth by a test token server; `tls`: served over HTTPS with a certificate from a test
 * CA, whose file is `ca`.
 */
export async function startRegistry({ htpasswd, token, tls } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-registry-'));
  const port = await freePort();
  let auth = '';
  let tokens;
  if (htpasswd) {
    run('htpasswd', ['-Bbc', join(dir, 'htpasswd'), ...htpasswd]);
    auth = `auth:\n  htpasswd:\n    realm: fixity-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  if (token) {
    tokens = await startTokenServer(dir, token);
    auth = `auth:\n  token:\n    realm: ${tokens.realm}\n    service: fixity-test\n    issuer: fixity-test-issuer\n    rootcertbundle: ${join(dir, 'token.pem')}\n`;
  }
  const ca = tls ? testCertificates(dir) : undefined;
  const https = tls ? `  tls:\n    certificate: ${join(dir, 'server.pem')}\n    key: ${join(dir, 'server.key')}\n` : '';
  writeFileSync(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${https}${auth}`);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  await waitForPort(port);
  const login = htpasswd ?? token;
  const creds = login ? ['--dest-creds', login.join(':')] : [];
  return {
    host,
    ca,
    stop: () => (child.kill(), tokens?.stop()),
    /** Pushes an OCI layout's `tag` as `name:tag` (all of an index's images with `all`). */
    async push(layout, tag, name, remoteTag = tag) {
      await runAsync('skopeo', ['copy', '--all', '--dest-tls-verify=false', ...creds, `oci:${layout}:${tag}`, `docker://${host}/${name}:${remoteTag}`]);
    },
    /** The digest of what the registry serves for `name:tag`, read by skopeo: the bytes' sha256. */
    async digest(name, tag) {
      const raw = await runAsync('skopeo', ['inspect', '--raw', '--tls-verify=false', ...(login ? ['--creds', login.join(':')] : []), `docker://${host}/${name}:${tag}`]);
      return `sha256:${sha256(raw)}`;
    },
  };
}

/**
 * An OCI layout holding `single` (one image, built by umoci), `amd64` and `arm64` images and `multi`, an
 * image index of those two platforms.
 */
export function buildLayout() {
  const layout = join(mkdtempSync(join(tmpdir(), 'fixity-oci-')), 'layout');
  run('umoci', ['init', '--layout', layout]);
  run('umoci', ['new', '--image', `${layout}:single`]);
  for (const arch of ['amd64', 'arm64']) {
    run('umoci', ['new', '--image', `${layout}:${arch}`]);
    run('umoci', ['config', '--image', `${layout}:${arch}`, '--architecture', arch, '--os', 'linux', '--config.label', `arch=${arch}`]);
  }
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const byTag = (tag) => index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
  const multi = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: ['amd64', 'arm64'].map((arch) => {
      const { mediaType, digest, size } = byTag(arch);
      return { mediaType, digest, size, platform: { architecture: arch, os: 'linux' } };
    }),
  };
  const bytes = Buffer.from(JSON.stringify(multi));
  const digest = sha256(bytes);
  writeFileSync(join(layout, 'blobs/sha256', digest), bytes);
  index.manifests.push({ mediaType: multi.mediaType, digest: `sha256:${digest}`, size: bytes.length, annotations: { 'org.opencontainers.image.ref.name': 'multi' } });
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
  return layout;
}

/**
 * `git http-backend` behind a loopback HTTP server, serving the bare repositories under `dir`
 * (`owner/repo.git`); `seen(request)` is told of each request. Returns its URL and a stop function.
 */
export async function startGit(dir, seen = () => {}) {
  const server = createServer((request, response) => {
    seen(request);
    const url = new URL(request.url, 'http://x');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: dir,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method,
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        ...(request.headers['content-length'] ? { CONTENT_LENGTH: request.headers['content-length'] } : {}),
        GIT_PROTOCOL: request.headers['git-protocol'] ?? '',
      },
    });
    request.pipe(child.stdin);
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, split).toString();
      const headers = Object.fromEntries(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const status = Number(headers.status?.split(' ')[0] ?? 200);
      delete headers.status;
      response.writeHead(status, headers);
      response.end(out.subarray(split + 4));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}

/** Runs git in `cwd` with a fixed author and dates, so commits are reproducible. */
export function git(cwd, ...args) {
  const env = { PATH: process.env.PATH, HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };
  return run('git', args, { cwd, env }).trim();
}

/** A loopback server answering each request with `handler(request)`: `{status, headers, body}` or a function of the response. */
export async function startServer(handler) {
  const server = createServer((request, response) => {
    const answer = handler(request);
    if (typeof answer === 'function') return answer(response);
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${server.address().port}`, stop: () => (server.closeAllConnections(), server.close()) };
}

/**
 * A forward proxy on loopback, as corporate networks have: CONNECT tunnels for https and absolute URLs for
 * http. `seen` lists what it was asked for (`CONNECT host:port`, `GET http://…`).
 */
export async function startProxy() {
  const seen = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const target = new URL(request.url);
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request, socket, head) => {
    seen.push(`CONNECT ${request.url}`);
    const [host, port] = request.url.split(':');
    const upstream = netConnect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, stop: () => (server.closeAllConnections(), server.close()) };
}

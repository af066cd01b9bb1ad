// Real servers on loopback for the online tests: Debian's `docker-registry` (the CNCF distribution
// registry) filled by `skopeo` from OCI layouts built with `umoci`, and `git http-backend` behind a small
// HTTP server. Each is stopped by the test that starts it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers.mjs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

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

async function waitFor(url, headers = {}) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { headers });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

/** `docker-registry` on a loopback port; `htpasswd`: [user, password] for basic auth. */
export async function startRegistry({ htpasswd } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-registry-'));
  const port = await freePort();
  let auth = '';
  if (htpasswd) {
    run('htpasswd', ['-Bbc', join(dir, 'htpasswd'), ...htpasswd]);
    auth = `auth:\n  htpasswd:\n    realm: fixity-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  writeFileSync(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  await waitFor(`http://${host}/v2/`);
  const creds = htpasswd ? ['--dest-creds', htpasswd.join(':')] : [];
  return {
    host,
    stop: () => child.kill(),
    /** Pushes an OCI layout's `tag` as `name:tag` (all of an index's images with `all`). */
    push(layout, tag, name, remoteTag = tag) {
      run('skopeo', ['copy', '--all', '--dest-tls-verify=false', ...creds, `oci:${layout}:${tag}`, `docker://${host}/${name}:${remoteTag}`]);
    },
    /** The digest of what the registry serves for `name:tag`, read by skopeo: the bytes' sha256. */
    digest(name, tag) {
      const raw = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', ...(htpasswd ? ['--creds', htpasswd.join(':')] : []), `docker://${host}/${name}:${tag}`]);
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
 * (`owner/repo.git`). Returns its URL and a stop function.
 */
export async function startGit(dir) {
  const server = createServer((request, response) => {
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

// `fixity pin` as a process against real servers on loopback: Debian's docker-registry filled by skopeo,
// git http-backend, and a server that misbehaves in every way a registry or forge can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tree } from './helpers.mjs';
import { buildLayout, fixityAsync, git, startGit, startRegistry, startServer } from './servers.mjs';

const read = (dir, path) => readFileSync(join(dir, path), 'utf8');

/** Bare repository `acme/checkout.git` under a new folder: `v4` (lightweight) and `v4.2.2` (annotated) on one commit, `v4.1.0` before it, branch `main`. */
function repositories() {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-git-'));
  const work = join(dir, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(join(work, 'action.yml'), 'name: one\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'one');
  git(work, 'tag', 'v4.1.0');
  writeFileSync(join(work, 'action.yml'), 'name: two\n');
  git(work, 'commit', '-qam', 'two');
  git(work, 'tag', 'v4');
  git(work, 'tag', '-a', '-m', 'release', 'v4.2.2');
  const head = git(work, 'rev-parse', 'HEAD');
  mkdirSync(join(dir, 'acme'));
  git(dir, 'clone', '-q', '--bare', work, join(dir, 'acme/checkout.git'));
  return { dir, head, older: git(work, 'rev-parse', 'v4.1.0') };
}

test('pin: images by the digest the registry serves (an index for a multi-platform image), actions by commit with the most specific tag; a second run changes nothing', async () => {
  const registry = await startRegistry();
  const repos = repositories();
  const forge = await startGit(repos.dir);
  try {
    const layout = buildLayout();
    registry.push(layout, 'single', 'app', '1.0');
    registry.push(layout, 'multi', 'multi', '2.0');
    registry.push(layout, 'amd64', 'multi', 'amd64');
    const app = registry.digest('app', '1.0');
    const multi = registry.digest('multi', '2.0');
    // The index, never one platform's manifest.
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')).manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === 'multi');
    assert.equal(multi, index.digest);
    assert.notEqual(multi, registry.digest('multi', 'amd64'));
    const h = registry.host;
    const dir = tree({
      'deploy/web.yaml': `apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  containers:\r\n    - name: web\r\n      image: "${h}/multi:2.0" # the front\r\n`,
      'compose.yaml': `services:\n  app:\n    image: ${h}/app:1.0\n  local:\n    # fixity: ignore[unpinned-image] built here\n    image: web:dev\n`,
      Dockerfile: `ARG BASE=${h}/app:1.0\nFROM \${BASE} AS build\nFROM ${h}/multi:2.0\nCOPY --from=build /x /x\n`,
      'kustomization.yaml': `resources: [deploy/web.yaml]\nimages:\n  - name: web\n    newName: ${h}/app\n    newTag: "1.0"\n`,
      '.github/workflows/ci.yml': `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: ${h}/app:1.0\n    steps:\n      - uses: acme/checkout@v4\n      - uses: acme/checkout@v4.1.0 # v4.1.0\n      - uses: acme/checkout@main\n`,
    });
    const env = { GITHUB_SERVER_URL: forge.url };
    const before = read(dir, 'deploy/web.yaml');

    const dry = await fixityAsync(['pin', '--dry-run', 'deploy'], { cwd: dir, env });
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, `--- a/deploy/web.yaml\n+++ b/deploy/web.yaml\n@@ -5,4 +5,4 @@\n spec:\r\n   containers:\r\n     - name: web\r\n-      image: "${h}/multi:2.0" # the front\r\n+      image: "${h}/multi:2.0@${multi}" # the front\r\n`);
    assert.equal(dry.stderr, `deploy/web.yaml:8:14: ${h}/multi:2.0 -> ${h}/multi:2.0@${multi}\nWould pin 1 reference in 1 file.\n`);
    assert.equal(read(dir, 'deploy/web.yaml'), before);

    const r = await fixityAsync(['pin', '--format', 'json'], { cwd: dir, env });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.unresolved, [{ path: '.github/workflows/ci.yml', line: 9, column: 15, subject: 'acme/checkout@main', reason: '`main` is a branch; `--branches` pins branches too' }]);
    assert.deepEqual(report.changes.map((c) => `${c.path}:${c.line}:${c.column} ${c.to}`), [
      `.github/workflows/ci.yml:5:16 ${h}/app:1.0@${app}`,
      `.github/workflows/ci.yml:7:15 acme/checkout@${repos.head} # v4.2.2`,
      `.github/workflows/ci.yml:8:15 acme/checkout@${repos.older} # v4.1.0`,
      `Dockerfile:2:6 ${h}/app:1.0@${app}`,
      `Dockerfile:3:6 ${h}/multi:2.0@${multi}`,
      `compose.yaml:3:12 ${h}/app:1.0@${app}`,
      `deploy/web.yaml:8:14 ${h}/multi:2.0@${multi}`,
      `kustomization.yaml:5:13 ${h}/app:1.0@${app}`,
    ]);
    assert.equal(read(dir, 'deploy/web.yaml'), before.replace('multi:2.0"', `multi:2.0@${multi}"`));
    assert.equal(read(dir, 'Dockerfile'), `ARG BASE=${h}/app:1.0@${app}\nFROM \${BASE} AS build\nFROM ${h}/multi:2.0@${multi}\nCOPY --from=build /x /x\n`);
    assert.equal(read(dir, 'compose.yaml'), `services:\n  app:\n    image: ${h}/app:1.0@${app}\n  local:\n    # fixity: ignore[unpinned-image] built here\n    image: web:dev\n`);
    assert.equal(read(dir, 'kustomization.yaml'), `resources: [deploy/web.yaml]\nimages:\n  - name: web\n    newName: ${h}/app\n    newTag: "1.0"\n    digest: ${app}\n`);
    assert.equal(read(dir, '.github/workflows/ci.yml'), `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: ${h}/app:1.0@${app}\n    steps:\n      - uses: acme/checkout@${repos.head} # v4.2.2\n      - uses: acme/checkout@${repos.older} # v4.1.0\n      - uses: acme/checkout@main\n`);

    const again = await fixityAsync(['pin'], { cwd: dir, env });
    assert.equal(again.stdout, '.github/workflows/ci.yml:9:15: `acme/checkout@main` not pinned: `main` is a branch; `--branches` pins branches too\nPinned 0 references in 0 files; 1 could not be pinned.\n');
    const branches = await fixityAsync(['pin', '--branches'], { cwd: dir, env });
    assert.equal(branches.code, 0, branches.stderr);
    assert.match(read(dir, '.github/workflows/ci.yml'), new RegExp(`acme/checkout@${repos.head} # main\n$`));
    const check = await fixityAsync(['check'], { cwd: dir, env });
    assert.equal(check.code, 0, check.stdout);
  } finally {
    registry.stop();
    forge.stop();
  }
});

test('pin: a registry with htpasswd basic auth takes the Docker config credentials; without them the reason says so', async () => {
  const registry = await startRegistry({ htpasswd: ['fixity', 's3cret-pass'] });
  try {
    registry.push(buildLayout(), 'single', 'private/app', '1.0');
    const digest = registry.digest('private/app', '1.0');
    const dir = tree({ 'compose.yaml': `services:\n  app:\n    image: ${registry.host}/private/app:1.0\n` });
    const denied = await fixityAsync(['pin'], { cwd: dir });
    assert.equal(denied.code, 1);
    assert.match(denied.stdout, /not pinned: registry answered 401 \(authentication required\): no usable credentials/);
    const auth = Buffer.from('fixity:s3cret-pass').toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${registry.host}`]: { auth } } }));
    const r = await fixityAsync(['pin'], { cwd: dir, env: { DOCKER_CONFIG: dir } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(read(dir, 'compose.yaml'), `services:\n  app:\n    image: ${registry.host}/private/app:1.0@${digest}\n`);
    assert.ok(!(r.stdout + r.stderr).includes(auth) && !(r.stdout + r.stderr).includes('s3cret'));
  } finally {
    registry.stop();
  }
});

test('pin: every fault gives its reference a clear reason, the others still pin, and no credential is shown', async () => {
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 2 }, layers: [] });
  const good = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const ok = { status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: manifest };
  let limited = 0;
  let host;
  const server = await startServer((request) => {
    const name = request.url.split('/')[2];
    if (request.url.startsWith('/token')) return { status: 200, body: JSON.stringify({ token: 'bearer-tok' }) };
    switch (name) {
      case 'ok': return ok;
      case 'token': return request.headers.authorization === 'Bearer bearer-tok' ? ok : { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token",service="test"` } };
      case 'denied': return { status: 403 };
      case 'missing': return { status: 404 };
      case 'limited': return limited++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : ok;
      case 'broken': return { status: 500 };
      case 'hang': return () => {};
      case 'truncated': return (response) => {
        response.writeHead(200, { 'content-length': '1000' });
        response.write(manifest.slice(0, 10));
        setTimeout(() => response.destroy(), 50);
      };
      case 'mismatch': return { ...ok, headers: { 'docker-content-digest': `sha256:${'0'.repeat(64)}` } };
      case 'huge': return { ...ok, body: ' '.repeat(5 << 20) + manifest };
      case 'malformed': return { ...ok, body: '{"schemaVersion": 2,' };
      case 'garbage.git': return { status: 200, body: '<html>hello</html>' };
      default: return { status: 418 };
    }
  });
  host = server.host;
  try {
    const names = ['ok', 'token', 'denied', 'missing', 'limited', 'broken', 'hang', 'truncated', 'mismatch', 'huge', 'malformed'];
    const compose = `services:\n${names.map((n) => `  ${n}:\n    image: ${host}/${n}:1\n`).join('')}`;
    const dir = tree({ 'compose.yaml': compose, '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/garbage@v1\n' });
    const auth = Buffer.from('user:top-secret-password').toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
    const r = await fixityAsync(['pin', '--format', 'json'], { cwd: dir, env: { DOCKER_CONFIG: dir, FIXITY_HTTP_TIMEOUT: '2', GITHUB_SERVER_URL: `http://${host}`, GITHUB_TOKEN: 'ghp_secret_token' } });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.fromEntries(report.unresolved.map((u) => [u.subject.replace(`${host}/`, ''), u.reason])), {
      'acme/garbage@v1': "git server's answer is not a protocol v2 ref list (bad packet length)",
      'denied:1': 'registry answered 403 (access denied): manifest of `denied:1`',
      'missing:1': 'registry answered 404 (not found): `missing` has no tag `1`',
      'broken:1': 'registry answered 500 (server error): manifest of `broken:1`',
      'hang:1': `${host} did not answer within 2 s`,
      'truncated:1': `${host} closed the connection before the whole answer arrived`,
      'mismatch:1': `manifest digest ${good} differs from the registry's Docker-Content-Digest sha256:${'0'.repeat(64)}; refused`,
      // The shim stops reading one byte past the limit.
      'huge:1': 'manifest is 4194305 bytes, over the 4 MiB limit',
      'malformed:1': 'manifest is not valid JSON: EOF while parsing a value at line 1 column 20',
    });
    assert.deepEqual(report.changes.map((c) => c.to), ['ok', 'token', 'limited'].map((n) => `${host}/${n}:1@${good}`));
    assert.equal(read(dir, 'compose.yaml'), compose.replace(/(\/(ok|token|limited):1)\n/g, `$1@${good}\n`));
    assert.equal(read(dir, '.github/workflows/ci.yml'), 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/garbage@v1\n');
    for (const secret of [auth, 'top-secret', 'ghp_secret_token', 'bearer-tok']) assert.ok(!(r.stdout + r.stderr).includes(secret), secret);
  } finally {
    server.stop();
  }
});

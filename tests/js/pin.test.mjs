// `fixity pin` as a process against real servers on loopback: Debian's docker-registry filled by skopeo,
// git http-backend, and a server that misbehaves in every way a registry or forge can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tree } from './helpers.mjs';
import { buildLayout, fixityAsync, git, startGit, startProxy, startRegistry, startServer } from './servers.mjs';
import { proxyFor } from '../../js/pin.js';

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
    await registry.push(layout, 'single', 'app', '1.0');
    await registry.push(layout, 'multi', 'multi', '2.0');
    await registry.push(layout, 'amd64', 'multi', 'amd64');
    const app = await registry.digest('app', '1.0');
    const multi = await registry.digest('multi', '2.0');
    // The index, never one platform's manifest.
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')).manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === 'multi');
    assert.equal(multi, index.digest);
    assert.notEqual(multi, await registry.digest('multi', 'amd64'));
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
    await registry.push(buildLayout(), 'single', 'private/app', '1.0');
    const digest = await registry.digest('private/app', '1.0');
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

/**
 * Bare repositories `acme/{templates,components,network,hooks}.git`, clones of one history: `1.0.0` on the
 * first commit; `v1`, `v1.2.0` (annotated) and `1.1.0` on the second. `move()` adds a commit and moves
 * `v1.2.0` to it in every clone.
 */
function forgeRepositories() {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-forge-'));
  const work = join(dir, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(join(work, 'templates.yml'), 'one: {script: [a]}\n');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'one');
  git(work, 'tag', '1.0.0');
  writeFileSync(join(work, 'templates.yml'), 'two: {script: [b]}\n');
  git(work, 'commit', '-qam', 'two');
  git(work, 'tag', 'v1');
  git(work, 'tag', '1.1.0');
  git(work, 'tag', '-a', '-m', 'release', 'v1.2.0');
  mkdirSync(join(dir, 'acme'));
  const names = ['templates', 'components', 'network', 'hooks'];
  for (const name of names) git(dir, 'clone', '-q', '--bare', work, join(dir, `acme/${name}.git`));
  return {
    dir,
    first: git(work, 'rev-parse', '1.0.0'),
    second: git(work, 'rev-parse', 'v1^{commit}'),
    move() {
      writeFileSync(join(work, 'templates.yml'), 'three: {script: [c]}\n');
      git(work, 'commit', '-qam', 'three');
      git(work, 'tag', '-f', '-a', '-m', 'moved', 'v1.2.0');
      for (const name of names) git(join(dir, `acme/${name}.git`), 'fetch', '-q', '-f', work, 'refs/tags/*:refs/tags/*', 'refs/heads/*:refs/heads/*');
      return git(work, 'rev-parse', 'HEAD');
    },
  };
}

test('pin, check --online and update: GitLab includes and components, a remote include, a Terraform git module and a pre-commit rev against git http-backend; a moved tag is a pin-mismatch', async () => {
  const repos = forgeRepositories();
  const forge = await startGit(repos.dir);
  const lint = 'lint:\n  script: [make lint]\n';
  const files = await startServer((request) => (request.url === '/ci/lint.yml' ? { status: 200, body: lint } : { status: 404 }));
  const registry = await startRegistry();
  try {
    const layout = buildLayout();
    await registry.push(layout, 'single', 'app', '1.0');
    const app = await registry.digest('app', '1.0');
    const r0 = registry.host;
    const integrity = `sha256-${createHash('sha256').update(lint).digest('base64')}`;
    const port = new URL(forge.url).host;
    const dir = tree({
      '.gitlab-ci.yml': `include:\n  - project: acme/templates\n    ref: v1\n    file: /templates.yml\n  - component: $CI_SERVER_FQDN/acme/components/build@1.0.0\n  - component: $CI_SERVER_FQDN/acme/components/lint@~latest\n  - remote: http://${files.host}/ci/lint.yml\nbuild:\n  image: ${r0}/app:1.0\n  script: [make]\n`,
      'infra/main.tf': `module "network" {\n  source = "git::${forge.url}/acme/network.git?ref=v1.2.0"\n}\n`,
      '.pre-commit-config.yaml': `repos:\n  - repo: ${forge.url}/acme/hooks\n    rev: v1.2.0\n    hooks:\n      - id: lint\n`,
    });
    const env = { CI_SERVER_URL: forge.url, CI_SERVER_FQDN: port, CI_JOB_TOKEN: 'job-token-secret' };
    const r = await fixityAsync(['pin'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { first, second } = repos;
    const pinnedCi = `include:\n  - project: acme/templates\n    ref: ${second} # v1.2.0\n    file: /templates.yml\n  - component: $CI_SERVER_FQDN/acme/components/build@${first} # 1.0.0\n  - component: $CI_SERVER_FQDN/acme/components/lint@${second} # 1.1.0\n  - remote: http://${files.host}/ci/lint.yml\n    integrity: ${integrity}\nbuild:\n  image: ${r0}/app:1.0@${app}\n  script: [make]\n`;
    assert.equal(read(dir, '.gitlab-ci.yml'), pinnedCi);
    assert.equal(read(dir, 'infra/main.tf'), `module "network" {\n  source = "git::${forge.url}/acme/network.git?ref=${second}" # v1.2.0\n}\n`);
    assert.equal(read(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${forge.url}/acme/hooks\n    rev: ${second}  # frozen: v1.2.0\n    hooks:\n      - id: lint\n`);
    assert.equal(r.stdout.split('\n').at(-2), 'Pinned 7 references in 3 files.');
    assert.ok(!(r.stdout + r.stderr).includes('job-token-secret'));

    const online = await fixityAsync(['check', '--online'], { cwd: dir, env });
    assert.equal(online.code, 0, online.stdout + online.stderr);

    // The tag moves on; the image is rebuilt under its tag.
    const moved = repos.move();
    await registry.push(layout, 'multi', 'app', '1.0');
    const rebuilt = await registry.digest('app', '1.0');
    const after = await fixityAsync(['check', '--online', '--format', 'json'], { cwd: dir, env });
    assert.equal(after.code, 1, after.stderr);
    const findings = JSON.parse(after.stdout).findings.map((f) => `${f.path}:${f.line} ${f.rule} ${f.message}`);
    const mismatch = (subject) => `pin-mismatch \`${subject}\` is pinned to ${second}, but its comment's tag \`v1.2.0\` points to ${moved}; \`fixity update\` pins the tag's commit, or correct the comment`;
    assert.deepEqual(findings, [
      `.gitlab-ci.yml:3 ${mismatch(`acme/templates@${second}`)}`,
      `.gitlab-ci.yml:10 stale-pin tag \`1.0\` has moved on to ${rebuilt}; \`fixity update\` refreshes the pin`,
      `.pre-commit-config.yaml:3 ${mismatch(`${forge.url}/acme/hooks@${second}`)}`,
      `infra/main.tf:2 ${mismatch(`git::${forge.url}/acme/network.git?ref=${second}`)}`,
    ]);

    const update = await fixityAsync(['update'], { cwd: dir, env });
    assert.equal(update.code, 0, update.stdout + update.stderr);
    assert.equal(read(dir, '.gitlab-ci.yml'), pinnedCi.replace(`ref: ${second}`, `ref: ${moved}`).replace(app, rebuilt));
    assert.match(read(dir, 'infra/main.tf'), new RegExp(`ref=${moved}" # v1.2.0\n`));
    assert.match(read(dir, '.pre-commit-config.yaml'), new RegExp(`rev: ${moved}  # frozen: v1.2.0\n`));
    const clean = await fixityAsync(['check', '--online'], { cwd: dir, env });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);

    // A digest the registry does not have, and a commit on no ref whose tag does not exist.
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  app:\n    image: ${r0}/app@sha256:${'0'.repeat(64)}\n`);
    writeFileSync(join(dir, 'infra/fork.tf'), `module "fork" {\n  source = "git::${forge.url}/acme/network.git?ref=${'e'.repeat(40)}" # v9.9.9\n}\n`);
    const unknown = await fixityAsync(['check', '--online', '--format', 'json', 'compose.yaml', 'infra/fork.tf'], { cwd: dir, env });
    assert.deepEqual(JSON.parse(unknown.stdout).findings.map((f) => `${f.path}:${f.line} ${f.rule}`), ['compose.yaml:3 unknown-pin', 'infra/fork.tf:2 unknown-pin']);
  } finally {
    forge.stop();
    files.stop();
    registry.stop();
  }
});

test('pin: token auth (the registry\'s `auth: token` and a token server that signs its tokens) with the Docker config credentials, over HTTPS with a test CA and through an HTTPS_PROXY tunnel', async () => {
  const login = ['fixity', 'token-pass-123'];
  const registry = await startRegistry({ token: login, tls: true });
  const proxy = await startProxy();
  try {
    await registry.push(buildLayout(), 'multi', 'private/app', '1.0');
    const digest = await registry.digest('private/app', '1.0');
    const compose = `services:\n  app:\n    image: ${registry.host}/private/app:1.0\n`;
    // A registry on this machine is plain HTTP unless the configuration says otherwise.
    const dir = tree({ 'compose.yaml': compose, '.fixity.yml': `resolve:\n  registries:\n    "${registry.host}": https://${registry.host}\n` });
    // The token server wants the Docker config's credentials; HTTPS needs the test CA.
    const untrusted = await fixityAsync(['pin'], { cwd: dir, env: { DOCKER_CONFIG: dir } });
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stdout, new RegExp(`not pinned: cannot reach ${registry.host}: `));
    const anonymous = await fixityAsync(['pin'], { cwd: dir, env: { DOCKER_CONFIG: dir, NODE_EXTRA_CA_CERTS: registry.ca } });
    assert.match(anonymous.stdout, /not pinned: token server answered 401/);
    const auth = Buffer.from(login.join(':')).toString('base64');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const env = { DOCKER_CONFIG: dir, NODE_EXTRA_CA_CERTS: registry.ca, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' };
    const r = await fixityAsync(['pin'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(read(dir, 'compose.yaml'), `services:\n  app:\n    image: ${registry.host}/private/app:1.0@${digest}\n`);
    // The registry through the tunnel; the token server is plain HTTP, so HTTPS_PROXY is not for it.
    assert.deepEqual([...new Set(proxy.seen)], [`CONNECT ${registry.host}`]);
    assert.ok(!(r.stdout + r.stderr).includes(auth) && !(r.stdout + r.stderr).includes('token-pass'));
    // NO_PROXY names the registry's host: straight there.
    const tunnels = proxy.seen.length;
    const online = await fixityAsync(['check', '--online'], { cwd: dir, env: { ...env, NO_PROXY: 'example.com,127.0.0.1' } });
    assert.equal(online.code, 0, online.stdout + online.stderr);
    assert.equal(proxy.seen.length, tunnels);
  } finally {
    registry.stop();
    proxy.stop();
  }
});

test('proxyFor: NO_PROXY, and plain HTTP to this machine never through a proxy', () => {
  const env = { HTTP_PROXY: 'http://proxy.example:3128', HTTPS_PROXY: 'proxy.example:3129', NO_PROXY: '.internal.example,registry.example:5000' };
  const via = (url) => proxyFor(url, env)?.href;
  assert.equal(via('http://registry.example.com/v2/'), 'http://proxy.example:3128/');
  assert.equal(via('https://ghcr.io/v2/'), 'http://proxy.example:3129/');
  assert.equal(via('https://git.internal.example/a.git'), undefined);
  assert.equal(via('https://registry.example:5000/v2/'), undefined);
  assert.equal(via('https://registry.example:5001/v2/'), 'http://proxy.example:3129/');
  for (const local of ['http://127.0.0.1:5000/v2/', 'http://localhost:5000/v2/', 'http://[::1]:5000/v2/']) assert.equal(via(local), undefined, local);
  assert.equal(via('https://127.0.0.1:5000/v2/'), 'http://proxy.example:3129/');
});

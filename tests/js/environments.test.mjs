// Locks for repositories shaped like real ones: environments with their own paths, locks and namespaces;
// the same application kept in several places; namespaces given by the environment; and a drift gate that
// fails closed. The CLI runs as a process on the built dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixity, tree } from './helpers.mjs';

/** A Deployment as `kustomize build` renders it, with no namespace unless one is given. */
const deployment = ({ replicas = 2, image = 'nginx:1.25', namespace } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: web
          image: ${image}
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

/** A `kubectl get -o json` List of these objects, as the server returns them. */
const exported = (...items) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const liveDeployment = (namespace, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace, uid: 'u1', resourceVersion: '7' },
  spec: { replicas, revisionHistoryLimit: 10, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }] } } },
  status: { replicas },
});

const lockOnly = ['--select', 'lock-mismatch,drift,parse-error'];
const run = (args, cwd, input) => fixity(args, { cwd, input });

const CONFIG = `environments:
  prod:
    paths: [deploy/rendered/prod.yaml]
    lock: locks/prod.lock.json
    namespace: shop
  staging:
    paths: [deploy/rendered/staging.yaml]
    lock: locks/staging.lock.json
    namespace: shop-staging
`;

/** A base and two overlays rendered to files, as `kustomize build overlays/X > deploy/rendered/X.yaml` leaves them. */
function overlays() {
  return tree({
    '.fixity.yml': CONFIG,
    'deploy/base/web.yaml': deployment(),
    'deploy/rendered/prod.yaml': `${deployment({ replicas: 4 })}---\n${service}`,
    'deploy/rendered/staging.yaml': `${deployment({ replicas: 1 })}---\n${service}`,
  });
}

test('environments: lock writes each lock; check verifies each and names only the one that changed', () => {
  const dir = overlays();
  const locked = run(['lock'], dir);
  assert.deepEqual([locked.code, locked.stderr], [0, 'Wrote locks/prod.lock.json\nWrote locks/staging.lock.json\n']);
  const prod = JSON.parse(readFileSync(join(dir, 'locks/prod.lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(prod.resources['deploy/rendered/prod.yaml']), ['k8s:apps/Deployment:shop/web', 'k8s:core/Service:shop/web']);
  const staging = JSON.parse(readFileSync(join(dir, 'locks/staging.lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(staging.resources), ['deploy/rendered/staging.yaml']);
  assert.deepEqual(Object.keys(staging.resources['deploy/rendered/staging.yaml']), ['k8s:apps/Deployment:shop-staging/web', 'k8s:core/Service:shop-staging/web']);

  assert.equal(run(['check', ...lockOnly], dir).code, 0);
  assert.equal(run(['lock', '--check'], dir).code, 0);
  writeFileSync(join(dir, 'deploy/rendered/prod.yaml'), `${deployment({ replicas: 5 })}---\n${service}`);
  const changed = run(['check', '--format', 'json', ...lockOnly], dir);
  assert.equal(changed.code, 1);
  assert.deepEqual(JSON.parse(changed.stdout).findings.map((f) => `${f.path}:${f.line} ${f.message}`), [
    'deploy/rendered/prod.yaml:6 `k8s:apps/Deployment:shop/web` differs from locks/prod.lock.json: changed `/spec/replicas`',
  ]);
  assert.equal(run(['check', '--env', 'staging', ...lockOnly], dir).code, 0);
  assert.equal(run(['check', '--env', 'prod', ...lockOnly], dir).code, 1);
  const stale = run(['lock', '--check'], dir);
  assert.deepEqual([stale.code, stale.stderr], [1, 'fixity: locks/prod.lock.json is out of date; run `fixity lock`\n']);
  const relocked = run(['lock', '--env', 'prod'], dir);
  assert.deepEqual([relocked.code, relocked.stderr], [0, 'Wrote locks/prod.lock.json\n']);
  assert.equal(run(['check', ...lockOnly], dir).code, 0);
});

test('environments: unknown names, drift without one, and what is rendered on standard input', () => {
  const dir = overlays();
  const unknown = run(['check', '--env', 'qa'], dir);
  assert.deepEqual([unknown.code, unknown.stderr], [2, 'fixity: unknown environment `qa` (the configuration defines: prod, staging)\n']);
  writeFileSync(join(dir, 'live.json'), exported(liveDeployment('shop', 4)));
  const drift = run(['drift', '--live', 'live.json'], dir);
  assert.deepEqual([drift.code, drift.stderr], [2, 'fixity: drift compares one environment with its live export: name it with --env (prod, staging)\n']);

  // `kustomize build overlays/prod | fixity lock --env prod -`: the rendered stream is the declared side.
  const rendered = `${deployment({ replicas: 4 })}---\n${service}`;
  assert.equal(run(['lock', '--env', 'prod', '-'], dir, rendered).code, 0);
  const lock = JSON.parse(readFileSync(join(dir, 'locks/prod.lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(lock.resources), ['-']);
  assert.equal(run(['check', '--env', 'prod', ...lockOnly, '-'], dir, rendered).code, 0);
  const edited = run(['check', '--env', 'prod', ...lockOnly, '-'], dir, rendered.replace('replicas: 4', 'replicas: 9'));
  assert.equal(edited.code, 1);
  assert.match(edited.stdout, /`k8s:apps\/Deployment:shop\/web` differs from locks\/prod\.lock\.json: changed `\/spec\/replicas`/);
  const synced = run(['drift', '--env', 'prod', '--live', 'live.json', '--format', 'json', '-'], dir, rendered);
  assert.equal(synced.code, 0, synced.stdout);
  // The export was of Deployments only: the Service is named as not compared, a note.
  assert.deepEqual(JSON.parse(synced.stdout).findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`), [
    '-:16 note `k8s:core/Service:shop/web` was not compared: the live export holds no core/Service',
  ]);
});

test('the same application in several places locks each copy; drift names them and says how to narrow', () => {
  // Like the microservices demo: plain manifests, a Kustomize base, and a generated release file.
  const dir = tree({
    'kubernetes-manifests/web.yaml': deployment({ namespace: 'shop' }),
    'kustomize/base/web.yaml': deployment({ namespace: 'shop' }),
    'release/kubernetes-manifests.yaml': `${deployment({ namespace: 'shop' })}---\n${service}`,
  });
  const locked = run(['lock'], dir);
  assert.deepEqual([locked.code, locked.stderr], [0, 'Wrote fixity.lock.json\n']);
  const lock = JSON.parse(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(lock.resources), ['kubernetes-manifests/web.yaml', 'kustomize/base/web.yaml', 'release/kubernetes-manifests.yaml']);
  assert.equal(run(['check', ...lockOnly], dir).code, 0);

  writeFileSync(join(dir, 'live.json'), exported(liveDeployment('shop')));
  const all = run(['drift', '--live', 'live.json', '--format', 'json'], dir);
  assert.equal(all.code, 3, all.stdout);
  assert.deepEqual(JSON.parse(all.stdout).findings.map((f) => `${f.path} ${f.severity} ${f.message}`), [
    'fixity.lock.json warning `k8s:apps/Deployment:shop/web` is locked from 3 files (`kubernetes-manifests/web.yaml`, `kustomize/base/web.yaml`, `release/kubernetes-manifests.yaml`); drift compares a live object with one declaration: narrow the run with `--env` or paths',
    'release/kubernetes-manifests.yaml note `k8s:core/Service:/web` was not compared: the live export holds no core/Service',
  ]);
  // Narrowed to the rendered release: in sync (the export holds no Service: not compared, a note).
  const narrowed = run(['drift', '--live', 'live.json', '--format', 'json', 'release'], dir);
  assert.equal(narrowed.code, 0, narrowed.stdout);
  assert.deepEqual(JSON.parse(narrowed.stdout).findings.map((f) => `${f.severity} ${f.message}`), ['note `k8s:core/Service:/web` was not compared: the live export holds no core/Service']);
  assert.equal(run(['drift', '--live', 'live.json', '--require-all', 'release'], dir).code, 3);
});

test('namespaces: the environment or --namespace gives one; otherwise a unique live namespace, or ambiguity, never "missing"', () => {
  const dir = tree({ 'deploy/web.yaml': deployment() });
  assert.equal(run(['lock', '--namespace', 'shop'], dir).code, 0);
  const lock = JSON.parse(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(lock.resources['deploy/web.yaml']), ['k8s:apps/Deployment:shop/web']);
  writeFileSync(join(dir, 'live.json'), exported(liveDeployment('shop')));
  assert.equal(run(['drift', '--live', 'live.json', '--namespace', 'shop'], dir).code, 0);

  // Locked without a namespace: the one live object of its kind and name matches, wherever it runs.
  const bare = tree({ 'deploy/web.yaml': deployment() });
  assert.equal(run(['lock'], bare).code, 0);
  writeFileSync(join(bare, 'live.json'), exported(liveDeployment('shop', 3)));
  const one = run(['drift', '--live', 'live.json', '--format', 'json'], bare);
  assert.equal(one.code, 1);
  assert.deepEqual(JSON.parse(one.stdout).findings.map((f) => f.message), ['`/spec/replicas` of `k8s:apps/Deployment:/web` drifted: declared 2, live 3']);
  writeFileSync(join(bare, 'live.json'), exported(liveDeployment('shop'), liveDeployment('shop-staging')));
  const two = run(['drift', '--live', 'live.json', '--format', 'json'], bare);
  assert.equal(two.code, 3);
  assert.deepEqual(JSON.parse(two.stdout).findings.map((f) => f.message), [
    '`k8s:apps/Deployment:/web` has no namespace, and the live export holds it in `shop`, `shop-staging`: give it one (`--namespace`, or the environment\'s `namespace:`)',
  ]);
});

test('a drift gate fails closed: an empty or unrelated export compared nothing (exit 3)', () => {
  const dir = tree({ 'deploy/web.yaml': deployment({ namespace: 'shop' }) });
  assert.equal(run(['lock'], dir).code, 0);
  for (const live of [exported(), exported({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' }, data: {} })]) {
    writeFileSync(join(dir, 'live.json'), live);
    const r = run(['drift', '--live', 'live.json'], dir);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stdout, /^live\.json:1:1: warning\[drift\] nothing was compared: live\.json holds no object of a kind fixity\.lock\.json declares/);
  }
  writeFileSync(join(dir, 'live.json'), exported(liveDeployment('other')));
  const missing = run(['drift', '--live', 'live.json', '--format', 'json'], dir);
  assert.equal(missing.code, 1);
  assert.deepEqual(JSON.parse(missing.stdout).findings.map((f) => f.message), ['`k8s:apps/Deployment:shop/web` is missing from the live export']);
});

test('a live export kept beside the manifests is never read as a second declaration', () => {
  const live = exported(liveDeployment('shop'));
  for (const at of ['live.json', 'exports/live.json']) {
    const dir = tree({ 'deploy/web.yaml': deployment({ namespace: 'shop' }), [at]: live });
    assert.equal(run(['lock'], dir).code, 0);
    const lock = JSON.parse(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'));
    assert.deepEqual(Object.keys(lock.resources), ['deploy/web.yaml'], at);
    const drift = run(['drift', '--live', at, '.'], dir);
    assert.deepEqual([drift.code, drift.stdout], [0, 'No findings in 3 files.\n'], at);
  }
});

// `fixity lock`, lock verification in `check`, and `fixity drift`, as processes on the built dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixity, root, tree } from './helpers.mjs';

const deployment = (replicas, image = 'nginx:1.25') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
          env:
            - name: DB_PASSWORD
              value: hunter2
`;

/** A `kubectl get -o json` export of the deployment as the server returns it: defaults and status added. */
function liveExport(replicas) {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', uid: '5f1c', resourceVersion: '81234', generation: 4, creationTimestamp: '2026-11-01T10:00:00Z' },
      spec: {
        replicas,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', env: [{ name: 'DB_PASSWORD', value: 'hunter2' }], terminationMessagePath: '/dev/termination-log' }],
            restartPolicy: 'Always',
            dnsPolicy: 'ClusterFirst',
          },
        },
      },
      status: { replicas, readyReplicas: replicas },
    }],
  }, null, 2);
}

const lockOnly = ['--select', 'lock-mismatch,drift,parse-error'];
const withKey = { env: { FIXITY_HMAC_KEY: 'test-key-not-secret-but-32-bytes' } };

function run(args, cwd, { env } = {}) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('lock, verify clean, edit one field, verify names it; lock --check; drift names only the changed field', () => {
  const dir = tree({ 'deploy/web.yaml': deployment(3) });
  const locked = run(['lock'], dir, withKey);
  assert.deepEqual([locked.code, locked.stderr], [0, 'Wrote fixity.lock.json\n']);
  const lockText = readFileSync(join(dir, 'fixity.lock.json'), 'utf8');
  assert.ok(!lockText.includes('hunter2'), 'a secret is in the lock in clear');
  const lockJson = JSON.parse(lockText);
  const web = lockJson.resources['deploy/web.yaml']['k8s:apps/Deployment:shop/web'];
  assert.deepEqual([lockJson.lockfileVersion, lockJson.profile], [2, 'fx1']);
  assert.match(web.digest, /^fx1:sha256:[0-9a-f]{64}$/);
  assert.match(web.leaves['/spec/template/spec/containers/name=web/env/name=DB_PASSWORD/value'], /^hmac:/);

  // The same inputs give the same bytes.
  assert.equal(run(['lock'], dir, withKey).code, 0);
  assert.equal(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'), lockText);
  assert.equal(run(['lock', '--check'], dir, withKey).code, 0);
  assert.deepEqual(run(['check', ...lockOnly], dir, withKey).stdout, 'No findings in 2 files.\n');

  writeFileSync(join(dir, 'deploy/web.yaml'), deployment(4));
  const changed = run(['check', '--format', 'json', ...lockOnly], dir, withKey);
  assert.equal(changed.code, 1);
  assert.deepEqual(JSON.parse(changed.stdout).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule} ${f.message}`), [
    'deploy/web.yaml:7:13 lock-mismatch `k8s:apps/Deployment:shop/web` differs from fixity.lock.json: changed `/spec/replicas`',
  ]);
  const stale = run(['lock', '--check'], dir, withKey);
  assert.deepEqual([stale.code, stale.stderr], [1, 'fixity: fixity.lock.json is out of date; run `fixity lock`\n']);
  assert.equal(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'), lockText, 'lock --check wrote the lock');

  writeFileSync(join(dir, 'deploy/web.yaml'), deployment(3));
  writeFileSync(join(dir, 'live.json'), liveExport(5));
  const drifted = run(['drift', '--live', 'live.json', 'deploy', '--format', 'json'], dir, withKey);
  assert.equal(drifted.code, 1, drifted.stderr);
  assert.deepEqual(JSON.parse(drifted.stdout).findings.map((f) => `${f.rule} ${f.message}`), [
    'drift `/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: declared 3, live 5',
  ]);
  writeFileSync(join(dir, 'live.json'), liveExport(3));
  assert.deepEqual(run(['drift', '--live', 'live.json', 'deploy'], dir, withKey).code, 0);
});

test('a check of one folder does not call lock entries of another removed', () => {
  const dir = tree({ 'a/web.yaml': deployment(3), 'b/other.yaml': deployment(2).replace('name: web\n', 'name: other\n') });
  assert.equal(run(['lock'], dir, withKey).code, 0);
  assert.equal(run(['check', 'a', ...lockOnly], dir, withKey).code, 0);
  writeFileSync(join(dir, 'b/other.yaml'), '# emptied\n');
  const r = run(['check', '--format', 'json', ...lockOnly], dir, withKey);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => `${f.path} ${f.rule} ${f.subject}`), [
    'fixity.lock.json lock-mismatch k8s:apps/Deployment:shop/other',
  ]);
});

test('a key short enough to guess is refused: exit 2', () => {
  const dir = tree({ 'web.yaml': deployment(3) });
  const r = run(['lock'], dir, { env: { FIXITY_HMAC_KEY: 'test-key-not-secret' } });
  assert.deepEqual([r.code, r.stderr], [2, "fixity: FIXITY_HMAC_KEY has 19 bytes; it needs at least 32 (the lock's hmacKeyId lets anyone test guesses offline): use `openssl rand -hex 32`\n"]);
  assert.ok(!existsSync(join(dir, 'fixity.lock.json')));
});

test('secrets without the key are unverifiable: exit 3', () => {
  const dir = tree({ 'web.yaml': deployment(3) });
  assert.equal(run(['lock'], dir).code, 0);
  const lockText = readFileSync(join(dir, 'fixity.lock.json'), 'utf8');
  assert.ok(lockText.includes('"redacted"'), lockText);
  assert.ok(!lockText.includes('hunter2'));
  const r = run(['check', ...lockOnly], dir);
  assert.equal(r.code, 3, r.stdout);
  assert.match(r.stdout, /cannot be fully verified/);
});

test('bad input: no lock on a parse failure, broken and unknown locks, live state that is not JSON', () => {
  const dir = tree({ 'good.yaml': deployment(3), 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n' });
  const failed = run(['lock'], dir);
  assert.equal(failed.code, 2);
  assert.equal(failed.stderr, 'fixity: fixity.lock.json was not written: 1 file could not be read whole (above)\n');
  assert.match(failed.stdout, /bad\.yaml:\d+:\d+: error\[parse-error\]/);
  assert.deepEqual(readdirSync(dir).sort(), ['bad.yaml', 'good.yaml']);
  const binary = tree({ 'good.yaml': deployment(3), 'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1') });
  const unreadable = run(['lock'], binary);
  assert.equal(unreadable.code, 2);
  assert.match(unreadable.stdout, /latin1\.yaml:4:\d+: error\[parse-error\] file is not valid UTF-8/);
  assert.ok(!existsSync(join(binary, 'fixity.lock.json')));

  // Copies in two files are two entries; twice in one file, Kubernetes would apply only one.
  assert.equal(run(['lock'], tree({ 'a.yaml': deployment(3), 'b.yaml': deployment(4) })).code, 0);
  const twice = tree({ 'a.yaml': `${deployment(3)}---\n${deployment(4)}` });
  const duplicate = run(['lock'], twice);
  assert.equal(duplicate.code, 2);
  assert.equal(duplicate.stderr, 'fixity: fixity.lock.json was not written: 1 resource identity is declared twice (above)\n');
  assert.match(duplicate.stdout, /a\.yaml:\d+:\d+: error\[lock-mismatch\] duplicate resource identity/);

  const broken = tree({ 'web.yaml': deployment(3), 'fixity.lock.json': '{\n  "lockfileVersion": 1,\n  "profile": "fx1",\n  "resources": {\n' });
  const b = run(['check', '--format', 'json', ...lockOnly], broken);
  assert.equal(b.code, 1);
  assert.deepEqual(JSON.parse(b.stdout).findings.map((f) => `${f.path}:${f.line} ${f.rule}`), ['fixity.lock.json:5 parse-error']);

  const unknown = tree({ 'web.yaml': deployment(3), 'fixity.lock.json': '{"lockfileVersion": 1, "profile": "fx9", "resources": {}}\n' });
  const u = run(['check', ...lockOnly], unknown);
  assert.equal(u.code, 3, u.stdout);
  assert.match(u.stdout, /fx9/);

  writeFileSync(join(dir, 'live.json'), 'this is not json');
  const live = run(['drift', '--live', 'live.json', 'good.yaml'], dir);
  assert.equal(live.code, 2);
  assert.match(live.stderr, /^fixity: live\.json:1:2: the live export is not valid JSON/);
  assert.ok(!existsSync(join(dir, 'fixity.lock.json')));
});

test('a Terraform plan is its own evidence for drift, with no lock', () => {
  const r = fixity(['drift', '--live', 'tests/lock/infra/plan.json', '--format', 'json', 'examples/deploy']);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f) => `${f.path}:${f.line} ${f.rule} ${f.message}`), [
    'tests/lock/infra/plan.json:105 drift `tf:aws_s3_bucket.logs` changed outside Terraform: `/tags/team`',
    'tests/lock/infra/plan.json:137 drift the plan would update `tf:aws_s3_bucket.logs`: `/tags/team`',
    'tests/lock/infra/plan.json:152 drift the plan would create `tf:aws_s3_bucket_policy.logs`',
  ]);
});

test('Pulumi: lock a preview by URN, verify it, name an edited input, drift against a refreshed stack export', () => {
  const preview = readFileSync(join(root, 'tests/lock/stack/preview.json'), 'utf8');
  const exported = readFileSync(join(root, 'tests/lock/stack/export.json'), 'utf8');
  // Named like nothing in particular: the preview is recognized by its content.
  const dir = tree({ 'infra/out.json': preview, 'stack.json': exported });
  const locked = run(['lock', 'infra'], dir, withKey);
  assert.deepEqual([locked.code, locked.stderr], [0, 'Wrote fixity.lock.json\n']);
  const lockText = readFileSync(join(dir, 'fixity.lock.json'), 'utf8');
  assert.ok(!lockText.includes('Vx8rT2qLm9ZpW4sYb7NcD1fGh3JkQ6eA'), 'a Pulumi secret is in the lock');
  const entries = JSON.parse(lockText).resources['infra/out.json'];
  assert.match(entries['urn:pulumi:prod::shop::aws:rds/instance:Instance::orders'].leaves['/password'], /^hmac:[0-9a-f]{16}$/);
  assert.deepEqual(entries['urn:pulumi:prod::shop::acme:web:Frontend::web'].leaves, {}, 'a component is listed, not hashed');
  assert.ok(entries['urn:pulumi:prod::shop::pulumi:providers:aws::default_6_18_0'].leaves['/region']);
  assert.deepEqual(run(['check', 'infra', ...lockOnly], dir, withKey).stdout, 'No findings in 2 files.\n');

  writeFileSync(join(dir, 'infra/out.json'), preview.replaceAll('"team": "shop"', '"team": "payments"'));
  const changed = run(['check', 'infra', '--format', 'json', ...lockOnly], dir, withKey);
  assert.equal(changed.code, 1);
  assert.deepEqual(JSON.parse(changed.stdout).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule} ${f.message}`), [
    'infra/out.json:76:20 lock-mismatch `urn:pulumi:prod::shop::aws:s3/bucketV2:BucketV2::assets` differs from fixity.lock.json: changed `/tags/team`',
  ]);

  writeFileSync(join(dir, 'infra/out.json'), preview);
  const drifted = run(['drift', '--live', 'stack.json', 'infra', '--format', 'json'], dir, withKey);
  assert.equal(drifted.code, 1, drifted.stderr);
  assert.deepEqual(JSON.parse(drifted.stdout).findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`), [
    'infra/out.json:271 error `/spec/replicas` of `urn:pulumi:prod::shop::acme:web:Frontend$kubernetes:apps/v1:Deployment::web` drifted: declared 3, live 5',
    'stack.json:376 note `urn:pulumi:prod::shop::aws:iam/role:Role::legacy-ci` is live but no locked definition declares it',
  ]);
  assert.ok(!drifted.stdout.includes('Vx8rT2qLm9ZpW4sYb7NcD1fGh3JkQ6eA'));

  // Bad input: a truncated export and an unknown deployment version are errors before any work (exit 2).
  writeFileSync(join(dir, 'stack.json'), exported.slice(0, 300));
  const truncated = run(['drift', '--live', 'stack.json', 'infra'], dir, withKey);
  assert.deepEqual([truncated.code, truncated.stderr], [2, 'fixity: stack.json:10:22: the live export is not valid JSON (invalid JSON: EOF while parsing a string)\n']);
  writeFileSync(join(dir, 'stack.json'), exported.replace('"version": 3', '"version": 4'));
  const unknown = run(['drift', '--live', 'stack.json', 'infra'], dir, withKey);
  assert.deepEqual([unknown.code, unknown.stderr], [2, 'fixity: stack.json: Pulumi stack export version 4 is not supported (fixity reads version 3)\n']);
  // A preview declaring a URN twice: a parse error, and the lock is not rewritten.
  writeFileSync(join(dir, 'infra/out.json'), preview.replace('urn:pulumi:prod::shop::pulumi:providers:kubernetes::cluster"', 'urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod"'));
  const twice = run(['lock', 'infra'], dir, withKey);
  assert.equal(twice.code, 2);
  assert.match(twice.stdout, /infra\/out\.json:42:20: error\[parse-error\] duplicate URN `urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod`: steps 1 and 3 both declare it/);
  assert.equal(readFileSync(join(dir, 'fixity.lock.json'), 'utf8'), lockText);
});

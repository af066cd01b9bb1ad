// `fixity policy`: the configuration's image policy as an admission policy, run as a process. The CEL itself
// is evaluated over sample objects by the cargo test tests/admission_policy.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fixity, tree } from './helpers.mjs';

const CONFIG = 'rules:\n  unpinned-image:\n    policies:\n      "registry.internal/*": tag\n';

test('policy --format vap and kyverno: from --config or the .fixity.yml found, to stdout or --output', () => {
  const dir = tree({ '.fixity.yml': CONFIG, 'other.yml': 'rules:\n  unpinned-image:\n    policies:\n      "ghcr.io/acme/*": any\n' });
  const vap = fixity(['policy', '--format', 'vap'], { cwd: dir });
  assert.equal(vap.code, 0, vap.stderr);
  assert.match(vap.stdout, /^kind: ValidatingAdmissionPolicy$/m);
  assert.match(vap.stdout, /^kind: ValidatingAdmissionPolicyBinding$/m);
  assert.match(vap.stdout, /registry\\\\\\\\\.internal\/\.\*/);
  const kyverno = fixity(['policy', '--format', 'kyverno', '--config', 'other.yml', '--output', 'policy.yaml'], { cwd: dir });
  assert.equal(kyverno.code, 0, kyverno.stderr);
  assert.equal(kyverno.stdout, '');
  const written = readFileSync(join(dir, 'policy.yaml'), 'utf8');
  assert.match(written, /^kind: ClusterPolicy$/m);
  assert.match(written, /ghcr\\\\\\\\\.io\/acme\/\.\*/);
  assert.doesNotMatch(written, /registry/);
});

test('policy: usage and configuration errors are one line, exit 2', () => {
  const dir = tree({ 'bad.yml': 'rules:\n  unpinned-image:\n    policies:\n      "x/*": sometimes\n' });
  for (const [args, message] of [
    [['policy'], /policy needs --format kyverno or --format vap/],
    [['policy', '--format', 'opa'], /unknown policy format `opa` \(expected kyverno or vap\)/],
    [['policy', '--format', 'vap', 'deploy/'], /usage: fixity policy/],
    [['policy', '--format', 'vap', '--fail-on', 'note'], /--fail-on is not for policy/],
    [['policy', '--format', 'vap', '--config', 'bad.yml'], /bad\.yml:4:\d+: /],
  ]) {
    const r = fixity(args, { cwd: dir });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

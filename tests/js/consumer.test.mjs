// The CLI as a process reads what the consumers read: a committed .env decides a Compose image, a repeated
// key's every value is judged, a Kubernetes object is one whatever its name, and a suppression counts only
// in a real comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIGEST, fixity, pod, tree } from './helpers.mjs';

/** The findings of a JSON report as `path:line:col rule subject`. */
function brief(stdout) {
  return JSON.parse(stdout).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule} ${f.subject}`);
}

test('a committed .env beside a compose file decides its images, as docker compose does', () => {
  const dir = tree({
    'app/compose.yaml': `services:\n  web:\n    image: \${IMG:-nginx@${DIGEST}}\n`,
    'app/.env': 'IMG=evil:latest\n',
    'other/compose.yaml': `services:\n  web:\n    image: \${IMG:-nginx@${DIGEST}}\n`,
  });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(brief(r.stdout), [`app/compose.yaml:3:12 unpinned-image \${IMG:-nginx@${DIGEST}}`]);
  assert.match(JSON.parse(r.stdout).findings[0].message, /^image `evil:latest` \(written/);
});

test('a pinned value followed by a tag under the same key: both judged, the repeat reported', () => {
  const dir = tree({ '.gitlab-ci.yml': `build:\n  image: alpine@${DIGEST}\n  script: make\n  image: alpine:3\n` });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(brief(r.stdout), ['.gitlab-ci.yml:4:3 duplicate-key image', '.gitlab-ci.yml:4:10 unpinned-image alpine:3']);
});

test('Kubernetes objects named like other kinds are checked as Kubernetes', () => {
  const dir = tree({ 'compose.yaml': pod('nginx:1'), 'action.yml': pod('nginx:2'), 'x.gitlab-ci.yml': pod('nginx:3'), 'deploy.lock.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:4' }] } }) });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(brief(r.stdout), ['action.yml:8:14 unpinned-image nginx:2', 'compose.yaml:8:14 unpinned-image nginx:1', 'deploy.lock.json:1:99 unpinned-image nginx:4', 'x.gitlab-ci.yml:8:14 unpinned-image nginx:3']);
});

test('a suppression in a string is data: the finding stays and the run fails', () => {
  const manifest = pod('nginx:1').replace('    - name: c\n', '    - name: c\n      args: ["# fixity: ignore[unpinned-image]"]\n');
  const dir = tree({ 'a.yaml': manifest, 'Dockerfile': 'RUN echo "# fixity: ignore[unpinned-image]"\nFROM alpine:3\n' });
  const r = fixity(['check', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(brief(r.stdout), ['Dockerfile:2:6 unpinned-image alpine:3', 'a.yaml:9:14 unpinned-image nginx:1']);
});

// fixity as a pre-commit hook (`.pre-commit-hooks.yaml`, `language: node`), run by pre-commit itself
// (from PyPI: `pip install pre-commit`) in a repository that uses it. pre-commit installs the hook from
// this working tree (`try-repo`), with the built dist/. Skipped, saying why, where pre-commit is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIGEST, pod, root, tree } from './helpers.mjs';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const skip = preCommit.status === 0 ? false : 'pre-commit is not installed (pip install pre-commit)';

test('pre-commit runs the fixity hook on the repository: a finding fails the commit, a pin passes', { skip, timeout: 600_000 }, () => {
  const dir = tree({ 'deploy/web.yaml': pod('nginx:1.25') });
  const run = (...args) => spawnSync(args[0], args.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: join(dir, '.pre-commit-home') } });
  assert.equal(run('git', 'init', '-q').status, 0);
  assert.equal(run('git', 'add', 'deploy').status, 0);

  const failed = run('pre-commit', 'try-repo', root, 'fixity', '--all-files');
  assert.equal(failed.status, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, /fixity\.+Failed/);
  assert.match(failed.stdout, /deploy\/web\.yaml:8:14: error\[unpinned-image\] image `nginx:1\.25` is not pinned by digest/);

  writeFileSync(join(dir, 'deploy/web.yaml'), pod(`nginx:1.25@${DIGEST}`));
  assert.equal(run('git', 'add', 'deploy').status, 0);
  const passed = run('pre-commit', 'try-repo', root, 'fixity', '--all-files');
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);
  assert.match(passed.stdout, /fixity\.+Passed/);
});

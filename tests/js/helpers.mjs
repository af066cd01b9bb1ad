// What the process tests share: running the built CLI, making throwaway trees, and snapshot files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

export function fixity(args, { cwd = root, input } = {}) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.mjs'), ...args], { cwd, input, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export const pod = (image) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

/** Asserts `actual` equals the snapshot file, or writes it when FIXITY_BLESS is set (review the diff). */
export function matchesSnapshot(actual, name) {
  const path = join(root, 'tests/js/snapshots', name);
  if (process.env.FIXITY_BLESS || !existsSync(path)) {
    if (!process.env.FIXITY_BLESS) throw new Error(`missing snapshot ${name} (run with FIXITY_BLESS=1)`);
    writeFileSync(path, actual);
    return true;
  }
  return actual === readFileSync(path, 'utf8');
}

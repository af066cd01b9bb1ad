// docs/ shows real output. Every ```console block there runs in bash, in a fresh copy of examples/, with
// `npx fixity` the built CLI; what its last command prints (standard output and error) must be the
// block's own lines after that command or, when it has none, the fenced block right after it
// (FIXITY_BLESS=1 rewrites those; review the diff). Each YAML example of the configuration reference is
// accepted as a configuration, and every JSON report, documented or real, meets docs/report.schema.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fixity, root, tree } from './helpers.mjs';

const docs = join(root, 'docs');
const pages = readdirSync(docs).filter((name) => name.endsWith('.md'));

/** The fenced blocks of a Markdown text: language, body, and where the body starts and ends. */
function blocks(text) {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => {
    const start = m.index + 4 + m[1].length;
    return { language: m[1], body: m[2], start, end: start + m[2].length, after: m.index + m[0].length };
  });
}

/** What the last of `commands` prints, run in a fresh copy of examples/. */
function run(commands) {
  const dir = tree({});
  cpSync(join(root, 'examples'), dir, { recursive: true });
  const script = commands.map((c) => c.replace(/\bnpx fixity\b/g, 'fixity'));
  const last = script.pop();
  const body = [`fixity() { node ${JSON.stringify(join(root, 'dist/cli.mjs'))} "$@"; }`, ...script.map((c) => `{ ${c}; } > /dev/null 2>&1`), `{ ${last}; } 2>&1`].join('\n');
  const r = spawnSync('bash', ['-c', body], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  return r.stdout;
}

for (const page of pages) {
  test(`docs/${page}: every command shows its real output`, () => {
    const path = join(docs, page);
    let text = readFileSync(path, 'utf8');
    const found = blocks(text);
    const edits = [];
    found.forEach((block, i) => {
      if (block.language !== 'console') return;
      const lines = block.body.split('\n').slice(0, -1);
      const lastCommand = lines.findLastIndex((l) => l.startsWith('$ '));
      const commands = lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
      const shown = lines.slice(lastCommand + 1);
      const actual = run(commands);
      if (shown.length) {
        if (process.env.FIXITY_BLESS) edits.push({ start: block.start + lines.slice(0, lastCommand + 1).join('\n').length + 1, end: block.end, text: actual });
        else assert.equal(actual, shown.join('\n') + '\n', `${page}: ${commands.join('; ')}`);
        return;
      }
      const next = found[i + 1];
      assert.ok(next && text.slice(block.after, next.start - 4 - next.language.length).trim() === '', `${page}: \`${commands.at(-1)}\` shows no output`);
      if (process.env.FIXITY_BLESS) edits.push({ start: next.start, end: next.end, text: actual });
      else assert.equal(actual, next.body, `${page}: ${commands.join('; ')}`);
    });
    for (const { start, end, text: replacement } of edits.reverse()) text = text.slice(0, start) + replacement + text.slice(end);
    if (edits.length) writeFileSync(path, text);
  });
}

test('docs/configuration.md: each YAML example is a configuration fixity accepts', () => {
  const examples = blocks(readFileSync(join(docs, 'configuration.md'), 'utf8')).filter((b) => b.language === 'yaml');
  assert.ok(examples.length > 0);
  for (const { body } of examples) {
    const dir = tree({ '.fixity.yml': body, 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n' });
    const r = fixity(['check', '--fail-on', 'never'], { cwd: dir });
    assert.deepEqual([r.code, r.stderr], [0, ''], body);
  }
});

test('docs/report.schema.json: the documented report and real ones meet it; a broken one does not', () => {
  const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js');
  const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(docs, 'report.schema.json'), 'utf8')));
  const documented = blocks(readFileSync(join(docs, 'report.md'), 'utf8')).filter((b) => b.language === 'json').map((b) => JSON.parse(b.body));
  const dir = tree({});
  cpSync(join(root, 'examples'), dir, { recursive: true });
  fixity(['check', 'deploy', '--write-baseline', 'baseline.json'], { cwd: dir });
  const real = [
    fixity(['check', '--format', 'json'], { cwd: dir }),
    fixity(['check', '--format', 'json', '--baseline', 'baseline.json'], { cwd: dir }),
    fixity(['check', 'tests/fixtures', '--format', 'json'], { cwd: root }),
  ].map((r) => JSON.parse(r.stdout));
  assert.ok(real[1].summary.baselined > 0 && real[2].findings.length > 50);
  for (const report of [...documented, ...real]) assert.ok(validate(report), JSON.stringify(validate.errors));
  const broken = structuredClone(real[0]);
  broken.findings[0].line = 0;
  assert.equal(validate(broken), false);
});

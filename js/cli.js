#!/usr/bin/env node
// The `fixity` command. It parses arguments, reads files and writes output; every decision about what a
// file is and what is wrong with it is made by the core (wasm).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as core from './wasm.js';
import { displayPath, walk } from './walk.js';

const HELP = `fixity ${core.version()}: prove your deployments are immutable

Usage:
  fixity check [PATH...] [OPTIONS]   check files and folders (default: .); - reads standard input
  fixity rules                       list the rules
  fixity explain RULE                show a rule's documentation

Options:
  --format FORMAT        ${core.formats().join(', ')} (default: text)
  --output FILE          write the report to FILE instead of standard output
  --config FILE          configuration file (default: .fixity.yml, searched up to the repository root)
  --fail-on LEVEL        error, warning, note or never: exit 1 at or above it (default: error)
  --select RULE,...      only these rules
  --ignore RULE,...      not these rules
  --exclude GLOB         skip matching paths (repeatable)
  --stdin-filename NAME  the name to give standard input (it decides the kind of file)
  -h, --help             this help
  -V, --version          the version

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error.`;

class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--format', '--output', '--config', '--fail-on', '--select', '--ignore', '--exclude', '--stdin-filename']);

function parseArgs(argv) {
  const args = { command: null, paths: [], flags: {}, exclude: [] };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith('--') && arg.includes('=')) [arg, value] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    if (arg === '-h' || arg === '--help') args.flags.help = true;
    else if (arg === '-V' || arg === '--version') args.flags.version = true;
    else if (VALUE_FLAGS.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
        value = argv[++i];
      }
      if (arg === '--exclude') args.exclude.push(value);
      else args.flags[arg.slice(2)] = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option \`${arg}\` (see fixity --help)`);
    else if (args.command === null) args.command = arg;
    else args.paths.push(arg);
  }
  return args;
}

const list = (value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** `.fixity.yml` (or `.fixity.yaml`) in the working directory or a parent, up to the repository root. */
function findConfig() {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    for (const name of ['.fixity.yml', '.fixity.yaml']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return null;
  }
}

function readConfig(explicit) {
  const path = explicit ?? findConfig();
  if (path === null) return { text: undefined, name: '' };
  try {
    return { text: readFileSync(path, 'utf8'), name: displayPath(resolve(path)) };
  } catch (e) {
    throw new UsageError(`cannot read configuration ${path}: ${e.code ?? e.message}`);
  }
}

/** Writes a file so that readers see either the old or the whole new content, never a partial one. */
export function writeAtomically(path, content) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function addPath(checker, path, stdinName) {
  if (path === '-') {
    checker.addFile(stdinName ?? '-', readFileSync(0), undefined);
    return;
  }
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`${path}: no such file or folder`);
  const files = info.isDirectory()
    ? walk(path, { wants: (p) => checker.wants(p), excludes: (p) => checker.excludes(p) })
    : [{ path, shown: displayPath(resolve(path)), size: info.size }];
  const limit = core.maxFileBytes();
  for (const file of files) {
    if (file.size > limit) checker.addOversized(file.shown, file.size);
    else checker.addFile(file.shown, readFileSync(file.path), undefined);
  }
}

function check(args) {
  const config = readConfig(args.flags.config);
  const options = {
    select: list(args.flags.select),
    ignore: list(args.flags.ignore),
    exclude: args.exclude,
    failOn: args.flags['fail-on'],
  };
  const checker = new core.Checker(config.text, config.name, JSON.stringify(options));
  const format = args.flags.format ?? 'text';
  if (!core.formats().includes(format)) throw new UsageError(`unknown format \`${format}\` (expected one of: ${core.formats().join(', ')})`);
  for (const path of args.paths.length ? args.paths : ['.']) addPath(checker, path, args.flags['stdin-filename']);
  const report = checker.render(format);
  if (args.flags.output) writeAtomically(args.flags.output, report);
  else process.stdout.write(report);
  return checker.exitCode();
}

function main(argv) {
  const args = parseArgs(argv);
  if (args.flags.version) return console.log(`fixity ${core.version()}`), 0;
  if (args.flags.help || args.command === null) return console.log(HELP), args.flags.help ? 0 : 2;
  switch (args.command) {
    case 'check':
      return check(args);
    case 'rules':
      process.stdout.write(core.rulesTable());
      return 0;
    case 'explain': {
      if (args.paths.length !== 1) throw new UsageError('usage: fixity explain RULE');
      const docs = core.explain(args.paths[0]);
      if (docs === undefined) throw new UsageError(`unknown rule \`${args.paths[0]}\` (see fixity rules)`);
      process.stdout.write(docs);
      return 0;
    }
    default:
      throw new UsageError(`unknown command \`${args.command}\` (see fixity --help)`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // Errors from the core arrive as plain Errors with a one-line message; anything else is a bug or I/O.
  process.stderr.write(`fixity: ${e instanceof UsageError || e?.name === 'Error' ? e.message : String(e)}\n`);
  process.exitCode = 2;
}

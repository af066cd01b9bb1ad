#!/usr/bin/env node
// The `fixity` command. It parses arguments, reads files and writes output; every decision about what a
// file is and what is wrong with it is made by the core (wasm).
import * as core from './wasm.js';
import { UsageError, check, drift, errorMessage, lock, readConfig, reportFormat, reportTargets, writeAtomically, writeReport, writeReports } from './check.js';
import { pin, verifyOnline } from './pin.js';
import { readText } from './read.js';

const HELP = `fixity ${core.version()}: prove your deployments are immutable

Usage:
  fixity check [PATH...] [OPTIONS]   check files and folders (default: .); - reads standard input;
                                     verifies the lock file when there is one
  fixity lock [PATH...] [--check]    write the lock file (--check: exit 1 if it would change)
  fixity drift --live FILE [PATH...] compare a live export with the lock
  fixity pin [PATH...]               pin what check reports unpinned, resolved online: images to
                                     digests; actions, includes, components, git modules and
                                     pre-commit revs to commit SHAs; remote includes gain their
                                     integrity (--dry-run: print a diff; --branches: branches too)
  fixity update [PATH...]            refresh pins that carry their tag to what it points to now
  fixity merge REPORT...             merge the JSON reports of every shard (check --shard) into
                                     one report, as one run over every file would give
  fixity policy --format kyverno|vap the image policy of the configuration as an admission policy
                                     for the cluster (a Kyverno ClusterPolicy, or a Kubernetes
                                     ValidatingAdmissionPolicy and its binding)
  fixity rules                       list the rules
  fixity explain RULE                show a rule's documentation

Options:
  --format FORMAT        ${core.formats().join(', ')} (default: text)
  --output FILE          write the report to FILE instead of standard output
  --report FORMAT=FILE   also write the report in FORMAT to FILE (repeatable; check and drift)
  --config FILE          configuration file (default: .fixity.yml, searched up to the repository root)
  --fail-on LEVEL        error, warning, note or never: exit 1 at or above it (default: error)
  --select RULE,...      only these rules
  --ignore RULE,...      not these rules
  --exclude GLOB         skip matching paths (repeatable)
  --baseline FILE        report only findings that FILE does not record
  --write-baseline FILE  record the current findings in FILE (then report only new ones)
  --stdin-filename NAME  the name to give standard input (it decides the kind of file)
  --shard K/N            check: only shard K of N of the files (whole folders, balanced by size); merge
                         the N JSON reports with fixity merge
  --jobs N               check, lock: files are checked by N worker threads (default: one per core;
                         runs over less than 4 MB, and lock verification, stay on one); the report is
                         the same for any N
  --lock FILE            the lock file (default: the configuration's lock:, else fixity.lock.json)
  --live FILE            drift: the live state (kubectl get -o json, terraform show -json, pulumi stack export)
  --env NAME             one environment of the configuration (its paths, lock and namespace); without it,
                         lock and check do every environment the configuration defines
  --namespace NS         the namespace of objects that name none (default: the environment's)
  --require-all          drift: a locked object whose kind the export holds none of is exit 3, not a note
  --check                lock: write nothing; exit 1 if the lock would change
  --dry-run              pin, update: print a unified diff; write nothing
  --branches             pin: pin branch refs (@main) to their commit too
  --online               check: also verify pins against their registries and repositories (rules
                         pin-mismatch, unknown-pin, stale-pin; off without it)
  -h, --help             this help
  -V, --version          the version

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error,
3 something could not be verified (lock, drift and check --online only). pin and update: 0 everything asked for is pinned,
1 some reference could not be (each is listed with the reason), 2 usage, configuration or I/O error.

Secret values in the lock are keyed-hashed with FIXITY_HMAC_KEY from the environment when it is set.`;

const VALUE_FLAGS = new Set([
  '--format', '--output', '--config', '--fail-on', '--select', '--ignore', '--exclude', '--stdin-filename', '--baseline', '--write-baseline',
  '--lock', '--live', '--env', '--namespace', '--report', '--shard', '--jobs',
]);

function parseArgs(argv) {
  const args = { command: null, paths: [], flags: {}, exclude: [], reports: [] };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith('--') && arg.includes('=')) [arg, value] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    if (arg === '-h' || arg === '--help') args.flags.help = true;
    else if (arg === '-V' || arg === '--version') args.flags.version = true;
    else if (arg === '--check') args.flags.check = true;
    else if (arg === '--require-all') args.flags['require-all'] = true;
    else if (arg === '--dry-run') args.flags['dry-run'] = true;
    else if (arg === '--branches') args.flags.branches = true;
    else if (arg === '--online') args.flags.online = true;
    else if (VALUE_FLAGS.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
        value = argv[++i];
      }
      if (arg === '--exclude') args.exclude.push(value);
      else if (arg === '--report') args.reports.push(value);
      else args.flags[arg.slice(2)] = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option \`${arg}\` (see fixity --help)`);
    else if (args.command === null) args.command = arg;
    else args.paths.push(arg);
  }
  return args;
}

const list = (value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** The options every command shares, from the command line. */
function runOptions(args) {
  return {
    paths: args.paths,
    config: args.flags.config,
    select: list(args.flags.select),
    ignore: list(args.flags.ignore),
    exclude: args.exclude,
    failOn: args.flags['fail-on'],
    baseline: args.flags.baseline,
    stdinName: args.flags['stdin-filename'],
    lock: args.flags.lock,
    env: args.flags.env,
    namespace: args.flags.namespace,
    requireAll: Boolean(args.flags['require-all']),
    shard: args.flags.shard,
    jobs: args.flags.jobs,
  };
}

const format = (args) => reportFormat(args.flags.format ?? 'text');

/** What a check or drift run reports, checked before the run: the main report's format and the others. */
function reports(args) {
  return { format: format(args), targets: reportTargets(args.reports, args.flags.output) };
}

/**
 * Writes a run's reports where asked (the extra ones first, so the printed report comes last) and returns
 * its exit status, decided once for all of them.
 */
function report(args, wanted, checker) {
  writeReports(checker, wanted.targets);
  writeReport(checker, wanted.format, args.flags.output);
  return checker.exitCode();
}

/** What merge may be told: the shards decided the rest. */
const MERGE_FLAGS = new Set(['format', 'output', 'fail-on']);

/** `merge`: one report of every shard's JSON report, rendered and judged as `check` would. */
function mergeCommand(args) {
  const other = Object.keys(args.flags).find((flag) => !MERGE_FLAGS.has(flag));
  if (other || args.exclude.length) throw new UsageError(`--${other ?? 'exclude'} is not for merge (the shards were checked with it)`);
  if (!args.paths.length) throw new UsageError('usage: fixity merge REPORT... (the JSON reports of fixity check --shard K/N)');
  const wanted = reports(args);
  const shards = args.paths.map((path) => [path, readText(path, 'report')]);
  const merged = new core.Merged(JSON.stringify(shards), args.flags['fail-on']);
  if (merged.files() === 0) throw new UsageError('no file was checked (by any shard)');
  return report(args, wanted, merged);
}

/** `policy`: the configuration's image policy for admission control, on standard output or `--output`. */
function policyCommand(args) {
  const other = Object.keys(args.flags).find((flag) => !['format', 'config', 'output'].includes(flag));
  if (other || args.paths.length || args.exclude.length || args.reports.length) throw new UsageError(`usage: fixity policy --format kyverno|vap [--config FILE] [--output FILE]${other ? ` (--${other} is not for policy)` : ''}`);
  if (!args.flags.format) throw new UsageError('policy needs --format kyverno or --format vap');
  const config = readConfig(args.flags.config);
  const text = core.admissionPolicy(config.text, config.name, args.flags.format);
  if (args.flags.output) writeAtomically(args.flags.output, text);
  else process.stdout.write(text);
  return 0;
}

async function lockCommand(args) {
  if (args.reports.length) throw new UsageError('--report is for check and drift');
  const wanted = reports(args);
  let stale = 0;
  for (const result of await lock(runOptions(args))) {
    if (result.refusal !== undefined) {
      // A file that cannot be read, or two resources with one identity: no partial lock, ever.
      report(args, wanted, result.checker);
      throw new UsageError(`${result.path} was not written: ${result.refusal}`);
    }
    if (args.flags.check) {
      if (!result.differs()) continue;
      process.stderr.write(`fixity: ${core.visible(result.path)} is out of date; run \`fixity lock\`\n`);
      stale = 1;
      continue;
    }
    writeAtomically(result.path, result.write);
    process.stderr.write(`Wrote ${core.visible(result.path)}\n`);
  }
  return stale;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.flags.version) return console.log(`fixity ${core.version()}`), 0;
  if (args.flags.help || args.command === null) return console.log(HELP), args.flags.help ? 0 : 2;
  // A flag a command would ignore is an error: `lock --online` must not look as if it verified anything.
  const only = { shard: ['check'], online: ['check'], jobs: ['check', 'lock'], 'dry-run': ['pin', 'update'], branches: ['pin', 'update'] };
  for (const [flag, commands] of Object.entries(only)) {
    if (args.flags[flag] && !commands.includes(args.command)) throw new UsageError(`--${flag} is for ${commands.join(' and ')}`);
  }
  switch (args.command) {
    case 'check': {
      const wanted = reports(args);
      const online = args.flags.online ? verifyOnline : undefined;
      return report(args, wanted, await check({ ...runOptions(args), writeBaseline: args.flags['write-baseline'], online }));
    }
    case 'merge':
      return mergeCommand(args);
    case 'lock':
      return lockCommand(args);
    case 'drift': {
      const wanted = reports(args);
      return report(args, wanted, await drift({ ...runOptions(args), live: args.flags.live }));
    }

    case 'pin':
    case 'update': {
      const name = args.flags.format ?? 'text';
      if (name !== 'text' && name !== 'json') throw new UsageError(`${args.command} reports as text or json, not \`${name}\``);
      return pin({ ...runOptions(args), update: args.command === 'update', branches: args.flags.branches, dryRun: args.flags['dry-run'], format: name });
    }
    case 'policy':
      return policyCommand(args);
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

// A reader that stops early (`fixity check | head`) closes the pipe: the rest is not wanted, and the run
// still ends with the exit status it decides.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`fixity: ${errorMessage(e)}\n`);
  process.exitCode = 2;
}

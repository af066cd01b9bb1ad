// The GitHub Action: checks the workspace once, then from that one run annotates the most severe findings,
// writes the job summary, the SARIF file and any other reports, sets the outputs, and fails the step only by
// `fail-on`. All of it through @actions/core; the reports themselves come from the core.
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import * as core from '@actions/core';
import { UsageError, check, drift, errorMessage, reportTargets, writeReport, writeReports } from '../check.js';
import { verifyOnline } from '../pin.js';

/** A boolean input as action.yml documents it; anything else is a usage error, in one line. */
function booleanInput(name) {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`invalid ${name} \`${core.getInput(name)}\` (expected true or false)`);
}

function readInputs() {
  return {
    // Separated by whitespace, so both `paths: deploy charts` and one path per line work.
    paths: core.getInput('paths').split(/\s+/).filter(Boolean),
    config: core.getInput('config'),
    failOn: core.getInput('fail-on') || 'error',
    sarifFile: core.getInput('sarif-file'),
    baseline: core.getInput('baseline'),
    lock: core.getInput('lock-file'),
    env: core.getInput('environment') || undefined,
    live: core.getInput('live-state'),
    annotations: booleanInput('annotations'),
    summary: booleanInput('summary'),
    // `FORMAT=FILE` each, separated by whitespace like `paths`.
    reports: core.getInput('reports').split(/\s+/).filter(Boolean),
    shard: shardInput(),
    online: booleanInput('online'),
    token: core.getInput('token'),
  };
}

/** `shard` and `total-shards` as `--shard` takes them (`K/N`), or undefined when neither is set. */
function shardInput() {
  const [shard, total] = [core.getInput('shard').trim(), core.getInput('total-shards').trim()];
  if (!shard && !total) return undefined;
  if (!shard || !total) throw new UsageError('shard and total-shards go together');
  return `${shard}/${total}`;
}

export async function run() {
  try {
    // Report paths are relative to the repository root, as annotations and code scanning expect.
    if (process.env.GITHUB_WORKSPACE) process.chdir(process.env.GITHUB_WORKSPACE);
    const inputs = readInputs();
    // An environment brings its own paths unless some other than the default are given.
    const paths = inputs.env && inputs.paths.join(' ') === '.' ? [] : inputs.paths;
    const options = { paths, config: inputs.config, failOn: inputs.failOn, baseline: inputs.baseline, lock: inputs.lock, env: inputs.env, shard: inputs.shard };
    const targets = reportTargets([...(inputs.sarifFile ? [`sarif=${inputs.sarifFile}`] : []), ...inputs.reports]);
    // With live state the step is a deploy gate: does what runs still match the lock?
    if (inputs.token) core.setSecret(inputs.token);
    const online = inputs.online ? (checker) => verifyOnline(checker, { githubToken: inputs.token || undefined }) : undefined;
    const checker = await (inputs.live ? drift({ ...options, live: inputs.live }) : check({ ...options, online }));

    // The log gets the text report; a checked file named like `::error::x` must not turn into a command.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    // As `core.info` writes it (the text and a line break), without the whole report as one string.
    writeReport(checker, 'text');
    process.stdout.write(EOL);
    core.info(`::${token}::`);
    if (inputs.annotations) {
      for (const { level, message, properties } of JSON.parse(checker.annotations())) core[level](message, properties);
    }
    writeReports(checker, targets);
    if (inputs.summary) await core.summary.addRaw(checker.render('markdown')).write();

    const summary = JSON.parse(checker.counts());
    core.setOutput('findings', summary.findings);
    core.setOutput('errors', summary.error);
    core.setOutput('sarif-file', inputs.sarifFile);
    const counts = `${summary.error} errors, ${summary.warning} warnings, ${summary.note} notes`;
    const status = checker.exitCode();
    if (status === 1) core.setFailed(`fixity: findings at or above fail-on level \`${inputs.failOn}\` (${counts})`);
    if (status === 3) core.setFailed(`fixity: something could not be verified (${counts})`);
  } catch (e) {
    core.setFailed(`fixity: ${errorMessage(e)}`);
  }
}

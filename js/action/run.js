// The GitHub Action: checks the workspace, annotates the most severe findings, writes the job summary and
// the SARIF file, sets the outputs, and fails the step only by `fail-on`. All of it through @actions/core;
// the reports themselves come from the core.
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { UsageError, check, errorMessage, writeAtomically } from '../check.js';

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
    annotations: booleanInput('annotations'),
    summary: booleanInput('summary'),
  };
}

export async function run() {
  try {
    // Report paths are relative to the repository root, as annotations and code scanning expect.
    if (process.env.GITHUB_WORKSPACE) process.chdir(process.env.GITHUB_WORKSPACE);
    const inputs = readInputs();
    // Accepted now so that workflows can name them; a silent no-op would read as verified.
    for (const name of ['lock-file', 'live-state']) {
      if (core.getInput(name)) core.warning(`${name} is not used yet: it takes effect once \`fixity lock\` and \`fixity drift\` are released`);
    }
    const checker = check({ paths: inputs.paths, config: inputs.config, failOn: inputs.failOn, baseline: inputs.baseline });

    // The log gets the text report; a checked file named like `::error::x` must not turn into a command.
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    core.info(checker.render('text'));
    core.info(`::${token}::`);
    if (inputs.annotations) {
      for (const { level, message, properties } of JSON.parse(checker.annotations())) core[level](message, properties);
    }
    if (inputs.sarifFile) writeAtomically(inputs.sarifFile, checker.render('sarif'));
    if (inputs.summary) await core.summary.addRaw(checker.render('markdown')).write();

    const { summary } = JSON.parse(checker.render('json'));
    core.setOutput('findings', summary.findings);
    core.setOutput('errors', summary.error);
    core.setOutput('sarif-file', inputs.sarifFile);
    if (checker.exitCode() !== 0) {
      const counts = `${summary.error} errors, ${summary.warning} warnings, ${summary.note} notes`;
      core.setFailed(`fixity: findings at or above fail-on level \`${inputs.failOn}\` (${counts})`);
    }
  } catch (e) {
    core.setFailed(`fixity: ${errorMessage(e)}`);
  }
}

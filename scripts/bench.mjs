// `npm run bench`: throughput of the wasm CLI and of the same core natively, on a generated corpus.
// The corpus is deterministic (a seeded generator), so figures compare across commits.
//
//   node scripts/bench.mjs [--files N] [--keep]
//
// Reports MB/s, files/s, wall time and peak RSS for: the wasm CLI end to end (Node start included) on
// every core and with --jobs 1, the native binary, `fixity lock` and lock verification, and a 10-file
// repository (median of 10 runs) with what its time is made of: Node's start, loading the CLI and its
// core (`--version`), the rest. Needs /usr/bin/time (Debian: `time`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const fileCount = Number(args[args.indexOf('--files') + 1]) || 5200;
const corpus = join(root, '.bench/corpus');
const small = join(root, '.bench/small');

// Mulberry32: a tiny deterministic PRNG.
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const image = () =>
  pick([
    () => `nginx:1.${Math.floor(random() * 30)}`,
    () => `ghcr.io/acme/svc-${Math.floor(random() * 500)}@sha256:${hex(64)}`,
    () => `registry.acme.internal/team/app:${Math.floor(random() * 9)}.${Math.floor(random() * 9)}`,
    () => `redis:7.2-alpine@sha256:${hex(64)}`,
    () => 'busybox',
  ])();

function deployment(i) {
  const containers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, c) => `        - name: c${c}
          image: ${image()}
          args: ["--port", "${8000 + c}", "--log-level", "info"]
          env:
            - name: SERVICE_NAME
              value: svc-${i}
            - name: REGION
              value: eu-west-${c}
          ports:
            - containerPort: ${8000 + c}
          resources:
            requests: {cpu: ${100 + c * 50}m, memory: 128Mi}
            limits: {cpu: "1", memory: 512Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: ${8000 + c}}
            periodSeconds: 10`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: team-${i % 40}
  labels: {app: svc-${i}, tier: backend}
  annotations:
    description: "${'generated service '.repeat(4).trim()}"
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: svc-${i}}
  template:
    metadata:
      labels: {app: svc-${i}}
    spec:
      serviceAccountName: svc-${i}
      containers:
${containers}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 40}
spec:
  selector: {app: svc-${i}}
  ports:
    - port: 80
      targetPort: 8000
`;
}

function kubernetesFile(i) {
  let text = '';
  // Names are unique across the corpus, as identities in a real repository are, so it can be locked.
  for (let n = 0; text.length < 12000; n++) text += (text ? '---\n' : '') + deployment(`${i}-${n}`);
  return text;
}

function workflow(i) {
  const jobs = Array.from({ length: 12 }, (_, j) => `  job${j}:
    runs-on: ubuntu-24.04
    container: ${image()}
    steps:
      - uses: actions/checkout@${hex(40)} # v4.2.2
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci && npm test -- --shard=${j}
      - uses: acme/deploy-action/${j}@${pick(['main', hex(40)])}`).join('\n');
  return `name: ci-${i}\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n${jobs}\n`;
}

function gitlabFile(i) {
  const jobs = Array.from({ length: 20 }, (_, j) => `job-${j}:
  extends: .base
  stage: test
  image: ${image()}
  script:
    - make test SHARD=${j}`).join('\n');
  return `include:
  - project: acme/ci-templates
    ref: ${pick(['v3.2.1', hex(40)])}
    file: /templates/base.yml
variables:
  BUILD: "${i}"
.base:
  services: [${image()}]
${jobs}
`;
}

function composeFile(i) {
  const services = Array.from({ length: 25 }, (_, s) => `  svc${s}:
    image: ${image()}
    environment:
      - LOG_LEVEL=info
      - INSTANCE=${i}-${s}
    ports: ["${9000 + s}:80"]
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost/healthz"]
      interval: 30s`).join('\n');
  return `x-defaults: &defaults\n  restart: always\nservices:\n${services}\n`;
}

function dockerfile(i) {
  const steps = Array.from({ length: 60 }, (_, s) => `RUN echo "step ${s} of build ${i}" && \\\n    mkdir -p /opt/app/${s}`).join('\n');
  return `# syntax=docker/dockerfile:1.7
ARG BASE=debian:12-slim
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
${steps}
FROM \${BASE}
COPY --from=build /out /app
`;
}

// Six in ten files are Kubernetes streams; then Compose, Dockerfiles, GitHub workflows, GitLab CI.
const KINDS = [
  ...Array(6).fill(['deploy.yaml', kubernetesFile]),
  ['compose.yaml', composeFile],
  ['Dockerfile', dockerfile],
  ['.github/workflows/ci.yml', workflow],
  ['.gitlab-ci.yml', gitlabFile],
];

function generate(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const [name, make] = KINDS[i % KINDS.length];
    const file = join(dir, `team-${i % 40}`, `svc-${i}`, name);
    mkdirSync(join(file, '..'), { recursive: true });
    const text = make(i);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Wall seconds and peak RSS (MB) of a command, via GNU time. */
function measure(command, commandArgs) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} failed: ${r.stderr}`);
  const rssKb = Number(r.stderr.trim().split('\n').pop());
  return { seconds, rssMb: rssKb / 1024 };
}

const bytes = generate(corpus, fileCount);
const smallBytes = generate(small, 10);
execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'fixity-native'], { cwd: root, stdio: 'inherit' });
const native = join(root, 'target/release/fixity-native');
const cli = join(root, 'dist/cli.mjs');

const mb = bytes / 1e6;
const row = (label, m) =>
  `| ${label} | ${(mb / m.seconds).toFixed(1)} MB/s | ${Math.round(fileCount / m.seconds)} files/s | ${m.seconds.toFixed(2)} s | ${m.rssMb.toFixed(0)} MB |`;
const wasm = measure(process.execPath, [cli, 'check', corpus, '--format', 'json', '--fail-on', 'never', '--output', '/dev/null']);
const single = measure(process.execPath, [cli, 'check', corpus, '--jobs', '1', '--format', 'json', '--fail-on', 'never', '--output', '/dev/null']);
const nat = measure(native, ['--format', 'json', corpus]);
const lockFile = join(root, '.bench/fixity.lock.json');
const lock = measure(process.execPath, [cli, 'lock', corpus, '--lock', lockFile]);
const verify = measure(process.execPath, [cli, 'check', corpus, '--lock', lockFile, '--format', 'json', '--fail-on', 'never', '--output', '/dev/null']);
const median = (command, commandArgs) => Array.from({ length: 10 }, () => measure(command, commandArgs).seconds).sort((a, b) => a - b)[5];
const smallRun = median(process.execPath, [cli, 'check', small, '--fail-on', 'never']);
const nodeStart = median(process.execPath, ['-e', '0']);
const loaded = median(process.execPath, [cli, '--version']);

console.log(`corpus: ${fileCount} files, ${mb.toFixed(1)} MB (Kubernetes 60%, Compose, Dockerfiles, GitHub workflows, GitLab CI 10% each)\n`);
console.log('| run | throughput | files | wall | peak RSS |\n| --- | --- | --- | --- | --- |');
console.log(row(`wasm CLI (node dist/cli.mjs), ${availableParallelism()} workers`, wasm));
console.log(row('wasm CLI, --jobs 1', single));
console.log(row('native (fixity-native)', nat));
console.log(row('wasm CLI: fixity lock', lock));
console.log(row('wasm CLI: fixity check, verifying the lock', verify));
console.log(`\nwasm (every core, --jobs 1) / native wall time: ${(wasm.seconds / nat.seconds).toFixed(2)}x, ${(single.seconds / nat.seconds).toFixed(2)}x; lock and verify at ${((wasm.seconds / lock.seconds) * 100).toFixed(0)}% and ${((wasm.seconds / verify.seconds) * 100).toFixed(0)}% of check's speed`);
const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
console.log(`10-file repository (${(smallBytes / 1e3).toFixed(0)} kB), wasm CLI, median of 10: ${ms(smallRun)} (Node's start ${ms(nodeStart)}, loading the CLI and its core ${ms(loaded - nodeStart)}, the check ${ms(smallRun - loaded)})`);
if (!args.includes('--keep')) rmSync(join(root, '.bench'), { recursive: true, force: true });

#!/bin/sh
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/) with the test fixtures and examples of its
# format, copied rather than committed. Run from anywhere; existing corpus files are kept.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
corpus=fuzz/corpus

# seed TARGET FILE...: copies each file under a name made from its path, so same-named files do not clash.
seed() {
    target=$1
    shift
    mkdir -p "$corpus/$target"
    for file in "$@"; do
        cp "$file" "$corpus/$target/$(echo "$file" | tr '/' '_')"
    done
}

# found FIND-ARGUMENTS...: fixture and example files (not snapshots) that match.
found() {
    find tests/fixtures tests/folders tests/lock examples -type f ! -name '*.expected' "$@" | sort
}

seed yaml $(found \( -name '*.yaml' -o -name '*.yml' \))
seed kubernetes $(found \( -path '*kubernetes*' -o -path '*deploy*' -o -path 'tests/lock/*' \) \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \))
seed resource_hash $(found \( -path '*kubernetes*' -o -path '*deploy*' -o -path 'tests/lock/*' \) \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \))
seed dockerfile $(found \( -name '*Dockerfile*' -o -name '*.dockerfile' -o -name 'Containerfile*' \))
seed compose $(found -name '*compose*.y*ml')
seed compose_env $(found -name '.env')
seed kustomization $(found -name 'kustomization.yaml')
seed github_workflow $(found -path '*/workflows/*')
seed github_action $(found -name 'action.y*ml')
seed gitlab_ci $(found -path '*gitlab*' -name '*.yml')
seed terraform $(found -name '*.tf')
seed terraform_vars $(found -name '*.tfvars')
seed terraform_lock $(found -name '.terraform.lock.hcl')
seed helm_chart $(found \( -name 'Chart.yaml' -o -name 'requirements.yaml' \))
seed azure_pipelines $(found -path '*azure-pipelines*' -name '*.y*ml')
seed helm_values $(found -name 'values*.yaml')
seed helm_lock $(found \( -name 'Chart.lock' -o -name 'requirements.lock' \))
seed circleci $(found -path '*circleci*' -name '*.y*ml')
seed bitbucket_pipelines $(found -name 'bitbucket-pipelines*.y*ml')
seed cloud_build $(found -name 'cloudbuild*')
seed pre_commit $(found -name '.pre-commit-config.y*ml')
seed pulumi_yaml $(found -name 'Pulumi*.yaml')
seed terraform_plan tests/lock/infra/plan.json tests/lock/infra/state.json
seed pulumi_preview tests/lock/stack/preview.json
seed config examples/fixity-policies.yml $(found -name '.fixity.yml')
seed lockfile $(found -name '*lock.json')

# The live export target's first byte picks its lock: even the Kubernetes shop's, odd the Terraform one.
mkdir -p "$corpus/live_export"
{ printf '\0'; cat tests/lock/shop/live.json; } > "$corpus/live_export/shop_live.json"
for file in tests/lock/infra/plan.json tests/lock/infra/state.json; do
    { printf '\1'; cat "$file"; } > "$corpus/live_export/infra_$(basename "$file")"
done

mkdir -p "$corpus/baseline"
printf '{"version": 1, "findings": [{"fingerprint": "5f0c1e2d"}]}\n' > "$corpus/baseline/one"

# References as written in manifests: one a file.
write_each() {
    target=$1
    shift
    mkdir -p "$corpus/$target"
    n=0
    for value in "$@"; do
        n=$((n + 1))
        printf '%s' "$value" > "$corpus/$target/$n"
    done
}
digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
write_each image_reference nginx "nginx:1.27" "nginx@$digest" "ghcr.io/acme/api:v2@$digest" \
    "localhost:5000/app:dev" "[::1]:5000/app@$digest" "index.docker.io/library/redis:latest"
write_each other_references actions/checkout@v4 "acme/ci/.github/workflows/build.yml@main" \
    "https://code.forgejo.org/actions/setup-go@v5" "gitlab.com/acme/ci/build@1.2.3" "acme/ci@~latest" \
    "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" "git::https://example.com/vpc.git?ref=v1.2.0" \
    "hashicorp/consul/aws" "github.com/acme/modules//vpc?ref=0123456789abcdef0123456789abcdef01234567"

# Server answers (resolve_answers): a first byte for what is resolved (3: a repository at the URL on the first
# line), then answers separated by `\n%%\n`.
index='{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'
challenge='www-authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'
commit=11bd71901bbe5b1630ceea73d27597364c9af683
tag=0123456789abcdef0123456789abcdef01234567
mkdir -p "$corpus/resolve_answers"
printf '\000200\ncontent-type: application/vnd.oci.image.index.v1+json\n\n%s' "$index" > "$corpus/resolve_answers/manifest"
printf '\000401\n%s\n\n\n%%%%\n200\n\n{"token":"eyJhbGciOi.J9-x_y"}\n%%%%\n200\n\n%s' "$challenge" "$index" > "$corpus/resolve_answers/token"
printf '\000404\n\n{"errors":[{"code":"MANIFEST_UNKNOWN"}]}' > "$corpus/resolve_answers/missing"
pkt() { printf '%04x%s\n' $((${#1} + 5)) "$1"; }
{ printf '\001200\ncontent-type: application/x-git-upload-pack-result\n\n'; pkt "$commit refs/heads/main"; pkt "$commit refs/tags/v4"
  pkt "$tag refs/tags/v4.2.2 peeled:$commit"; printf '0000'; } > "$corpus/resolve_answers/refs"
{ printf '\003https://github.com/acme/modules\n200\n\n'; pkt "$commit refs/tags/v1.2.0"; printf '0000'; } > "$corpus/resolve_answers/refs_at"
printf '\002200\ncontent-length: 22\n\nbuild:\n  script: make\n' > "$corpus/resolve_answers/file"

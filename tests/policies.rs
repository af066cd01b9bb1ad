//! Pinning policies from `.fixity.yml`, end to end: the README's configuration run over the fixtures.

use fixity::{Config, Engine, Options};
use std::path::Path;

/// The configuration the README shows.
const CONFIG: &str = r#"rules:
  unpinned-action:
    policies:
      "actions/*": ref-pin
      # The SLSA generator verifies its own tag, so it must be referenced by one.
      "slsa-framework/slsa-github-generator/*": ref-pin
  unpinned-include:
    policies:
      "acme/*": ref-pin
  missing-version-comment:
    severity: off
"#;

/// `line rule subject` for every finding in the given files, checked with `config`.
fn findings(config: &str, files: &[(&str, &[u8])]) -> Vec<String> {
    let mut engine = Engine::new(Config::parse(config, &fixity::rules::knobs).unwrap(), Options::default()).unwrap();
    for (path, bytes) in files {
        engine.add_file(path, bytes, None);
    }
    engine.report().findings.iter().map(|f| format!("{} {} {} {}", f.path, f.line, f.rule, f.subject)).collect()
}

fn fixture(path: &str) -> (&str, Vec<u8>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    (path, std::fs::read(root.join(path)).unwrap())
}

#[test]
fn the_readme_policies_turn_allowed_references_off() {
    let files = ["github/.github/workflows/release.yml", "github/.github/workflows/ci.yml", "gitlab/.gitlab-ci.yml"].map(fixture);
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    assert_eq!(
        findings(CONFIG, &files),
        [
            "github/.github/workflows/ci.yml 29 unpinned-image docker://hadolint/hadolint:v2.12.0-alpine",
            "github/.github/workflows/ci.yml 39 unpinned-image node:${{ matrix.node }}-bookworm",
            "github/.github/workflows/ci.yml 39 unpinned-image node:${{ matrix.node }}-bookworm",
            "github/.github/workflows/ci.yml 41 unpinned-image node:${{ matrix.node }}-bookworm",
            "github/.github/workflows/ci.yml 46 unpinned-image postgres:16.4",
            "github/.github/workflows/ci.yml 71 unpinned-action github/codeql-action/init@v3",
            "github/.github/workflows/ci.yml 74 unpinned-action github/codeql-action/analyze@v3",
            "github/.github/workflows/ci.yml 79 unpinned-action github/codeql-action/upload-sarif@main",
            "github/.github/workflows/release.yml 18 unpinned-action acme/shared-workflows/.github/workflows/publish-npm.yml@v2",
            "gitlab/.gitlab-ci.yml 5 unpinned-include acme/ci-templates",
            "gitlab/.gitlab-ci.yml 19 unanalyzable-reference acme/ops/pipelines@$CI_COMMIT_REF_NAME",
            "gitlab/.gitlab-ci.yml 21 unpinned-include https://gitlab.com/acme/shared/-/raw/main/ci/renovate.yml",
            "gitlab/.gitlab-ci.yml 24 unpinned-include https://example.com/ci/audit.yml",
            "gitlab/.gitlab-ci.yml 26 unpinned-include https://example.com/ci/legacy.yml",
            "gitlab/.gitlab-ci.yml 27 unpinnable-include Jobs/SAST.gitlab-ci.yml",
            "gitlab/.gitlab-ci.yml 28 unpinned-include $CI_SERVER_FQDN/components/secret-detection/secret-detection@~latest",
            "gitlab/.gitlab-ci.yml 29 unpinned-include gitlab.com/components/opentofu/full-pipeline@1.0",
            "gitlab/.gitlab-ci.yml 37 unanalyzable-reference $CI_SERVER_FQDN/$CI_PROJECT_PATH/deploy@$CI_DEFAULT_BRANCH",
            "gitlab/.gitlab-ci.yml 41 unpinned-include $CI_SERVER_FQDN/acme/components/notify",
            "gitlab/.gitlab-ci.yml 51 unpinned-image ruby:${RUBY_VERSION}-slim",
        ]
    );
}

#[test]
fn ref_pin_still_needs_a_ref_and_any_allows_everything() {
    let workflow = b"on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: actions/labeler\n      - uses: actions/checkout@main\n      - uses: my-org/deploy\n";
    let gitlab = b"include:\n  - component: $CI_SERVER_FQDN/acme/ci/build@~latest\n  - component: $CI_SERVER_FQDN/acme/ci/test@1\n  - project: acme/templates\n  - project: other/templates\n    ref: v1\n";
    let files: [(&str, &[u8]); 2] = [(".github/workflows/ci.yml", workflow), (".gitlab-ci.yml", gitlab)];
    let config = "rules:\n  unpinned-action:\n    policies:\n      \"actions/*\": ref-pin\n      \"my-org/*\": any\n  unpinned-include:\n    policies:\n      \"acme/*\": ref-pin\n      \"other/templates\": any\n";
    assert_eq!(
        findings(config, &files),
        [
            ".github/workflows/ci.yml 6 unpinned-action actions/labeler",
            ".gitlab-ci.yml 2 unpinned-include $CI_SERVER_FQDN/acme/ci/build@~latest",
            ".gitlab-ci.yml 4 unpinned-include acme/templates",
        ]
    );
}

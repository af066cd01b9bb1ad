//! Hostile and broken CI files: every truncation of the CI fixtures, read as each CI kind, and alias
//! fan-outs must give findings, never a panic or an unbounded run.

use fixity::sources::{self, SourceKind};
use std::path::{Path, PathBuf};

const CI_KINDS: [SourceKind; 3] = [&sources::github_workflow::KIND, &sources::github_action::KIND, &sources::gitlab_ci::KIND];

fn extract(kind: SourceKind, text: &str) -> sources::Extraction {
    sources::extract(kind, text, &mut |_| {})
}

fn ci_fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ci_fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_truncation_of_every_ci_fixture_is_survived() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    ci_fixtures(&root.join("github"), &mut files);
    ci_fixtures(&root.join("gitlab"), &mut files);
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)).step_by(11) {
            for kind in CI_KINDS {
                extract(kind, &text[..end]);
            }
        }
    }
}

#[test]
fn alias_fan_out_is_bounded() {
    // Two thousand jobs sharing one list of two thousand steps: four million visits if walked blindly.
    let mut workflow = String::from("on: push\nsteps: &steps\n");
    for i in 0..2000 {
        workflow.push_str(&format!("  - uses: acme/action-{i}@v1\n"));
    }
    workflow.push_str("jobs:\n");
    for i in 0..2000 {
        workflow.push_str(&format!("  job-{i}: {{runs-on: x, steps: *steps}}\n"));
    }
    let out = extract(&sources::github_workflow::KIND, &workflow);
    assert_eq!(out.references.len(), 2000);
    assert!(out.errors.iter().all(|e| e.message.contains("alias")), "{:?}", out.errors);

    // Variables that multiply each other's length: resolved to a bound, then unresolved.
    let mut gitlab = String::from("variables:\n  V0: abcdefgh\n");
    for i in 1..40 {
        gitlab.push_str(&format!("  V{i}: ${{V{}}}${{V{}}}\n", i - 1, i - 1));
    }
    gitlab.push_str("job:\n  image: app:$V39\n  script: x\n");
    let out = extract(&sources::gitlab_ci::KIND, &gitlab);
    assert_eq!(out.references.len(), 1);

    // `extends:` cycles and self-referencing `!reference` end.
    let cycle = "a:\n  extends: b\n  script: x\nb:\n  extends: a\n  image: !reference [b, image]\n";
    let out = extract(&sources::gitlab_ci::KIND, cycle);
    assert_eq!(out.references.len(), 1);
}

/// Aliases that chain twenty thousand levels deep, though the text nests only two: every walker that
/// follows them (images, and the lock's values) must stop at the depth limit, not overflow the stack.
#[test]
fn alias_chains_deeper_than_the_limit_are_findings() {
    let mut text = String::from("apiVersion: v1\nkind: List\nchain:\n  a0: &a0 [x]\n");
    for i in 1..20_000 {
        text.push_str(&format!("  a{i}: &a{i} [*a{}]\n", i - 1));
    }
    text.push_str("items:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: *a19999\n");
    let errors = extract(&sources::kubernetes::KIND, &text).errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("alias"), "{}", errors[0].message);
    let mut engine = fixity::Engine::new(fixity::Config::default(), fixity::Options::default()).unwrap();
    engine.start_lock(None, Default::default()).unwrap();
    engine.add_file("chain.yaml", text.as_bytes(), None);
    engine.finish();
    assert!(engine.lock_text().is_err(), "a lock was made from a file that could not be read");
}

/// `<<: [*a, *a]` chains double the work at every level when merges are not remembered.
#[test]
fn merge_key_chains_take_linear_time() {
    let mut text = String::from("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nm0: &m0 {image: nginx}\n");
    for i in 1..64 {
        text.push_str(&format!("m{i}: &m{i} {{<<: [*m{}, *m{}]}}\n", i - 1, i - 1));
    }
    text.push_str("spec: {containers: [{name: c, <<: *m63}]}\n");
    let references = extract(&sources::kubernetes::KIND, &text).references;
    assert!(references.iter().any(|r| r.written == "nginx"));
}

/// Defaults nested thousands deep in a Dockerfile `FROM` and a Compose image stay unresolved.
#[test]
fn nested_variable_defaults_are_unresolved_not_a_crash() {
    let deep = format!("{}nginx{}", "${a:-".repeat(20_000), "}".repeat(20_000));
    let dockerfile = extract(&sources::dockerfile::KIND, &format!("FROM {deep}\n"));
    assert_eq!(dockerfile.references.len(), 1);
    assert!(matches!(dockerfile.references[0].resolved, fixity::reference::Resolved::Unresolved(_)));
    // A Compose image with variables is resolved by the run, with the `.env` beside it.
    let mut engine = fixity::Engine::new(fixity::Config::default(), fixity::Options::default()).unwrap();
    engine.add_file("compose.yaml", format!("services:\n  web:\n    image: \"{deep}\"\n").as_bytes(), None);
    engine.finish();
    let rules: Vec<&str> = engine.report().findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["unanalyzable-reference"]);
}

/// A GitLab `extends:` chain of 50,000 jobs: GitLab follows 11 levels, and looking each parent up by
/// scanning the file's keys made this take minutes. Only the jobs within 11 levels of the one with the
/// image run it.
#[test]
fn a_gitlab_extends_chain_of_50000_jobs_takes_linear_time() {
    let mut text = String::from("j0:\n  image: alpine:3\n  script: make\n");
    for i in 1..50_000 {
        text.push_str(&format!("j{i}:\n  extends: j{}\n  script: make\n", i - 1));
    }
    let references = extract(&sources::gitlab_ci::KIND, &text).references;
    let found: Vec<(&str, &str)> = references.iter().map(|r| (r.location.as_str(), r.written.as_str())).collect();
    assert_eq!(found, [("j0/image", "alpine:3")]);
}

/// The readers of issue 17's kinds: every truncation of their fixtures, and an alias chain deeper than
/// the walkers' limit, give findings, never a panic.
#[test]
fn azure_tekton_and_helm_values_survive_truncation_and_alias_chains() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: [(&str, SourceKind); 4] = [
        ("tests/fixtures/azure-pipelines/azure-pipelines.yml", &sources::azure_pipelines::KIND),
        ("tests/fixtures/tekton/pipeline.yaml", &sources::kubernetes::KIND),
        ("tests/folders/helm-values/values.yaml", &sources::helm_values::KIND),
        ("tests/folders/helm-values-bitnami/values.yaml", &sources::helm_values::KIND),
    ];
    for (file, kind) in files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            extract(kind, &text[..end]);
        }
    }
    let mut chain = String::from("chain:\n  a0: &a0 [x]\n");
    for i in 1..20_000 {
        chain.push_str(&format!("  a{i}: &a{i} [*a{}]\n", i - 1));
    }
    let cases: [(String, SourceKind); 3] = [
        (format!("{chain}jobs: *a19999\n"), &sources::azure_pipelines::KIND),
        (format!("{chain}controller: *a19999\n"), &sources::helm_values::KIND),
        (format!("apiVersion: tekton.dev/v1\nkind: Pipeline\n{chain}spec: *a19999\n"), &sources::kubernetes::KIND),
    ];
    for (text, kind) in cases {
        let errors = extract(kind, &text).errors;
        assert!(!errors.is_empty() && errors.iter().all(|e| e.message.contains("alias")), "{kind:?}: {errors:?}");
    }
}

use super::*;
use crate::resolve::{Answer, Credentials, Servers};
use crate::{Config, Engine, Options as RunOptions};

fn files(inputs: &[(&str, &str)]) -> Vec<File> {
    let mut engine = Engine::new(Config::default(), RunOptions::default()).unwrap();
    engine.start_pin();
    for (path, text) in inputs {
        engine.add_file(path, text.as_bytes(), None);
    }
    engine.take_pinning()
}

const COMMIT: &str = "11bd71901bbe5b1630ceea73d27597364c9af683";
/// The commit of release `1.3.0`, the newest.
const NEWEST: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";

/// Answers every request: manifests (and remote files) with one image index (whose digest is
/// [`digest`]), and git with a ref list where `v4`, `v4.2.2` and `1.2.3` share [`COMMIT`], `1.3.0` is
/// at [`NEWEST`] and `main` is a branch.
fn serve(pinner: &mut Pinner) {
    let manifest = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.to_vec();
    let refs = [
        format!("{COMMIT} refs/heads/main\n"),
        format!("{COMMIT} refs/tags/v4\n"),
        format!("{} refs/tags/v4.2.2 peeled:{COMMIT}\n", "c".repeat(40)),
        format!("{COMMIT} refs/tags/1.2.3\n"),
        format!("{NEWEST} refs/tags/1.3.0\n"),
    ];
    let git: String = refs.iter().map(|l| format!("{:04x}{l}", l.len() + 4)).chain(["0000".into()]).collect();
    loop {
        let requests = pinner.resolver.requests();
        if requests.is_empty() {
            break;
        }
        for request in requests {
            let body = if request.method == "POST" { git.as_bytes().to_vec() } else { manifest.clone() };
            let mut next = pinner.resolver.answer(request.id, &Answer { status: 200, headers: Vec::new(), body });
            while let Some(r) = next {
                next = pinner.resolver.answer(r.id, &Answer { status: 200, headers: Vec::new(), body: manifest.clone() });
            }
        }
    }
}

fn digest() -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{:x}", Sha256::digest(br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#))
}

fn pin(inputs: &[(&str, &str)], options: Options) -> Result {
    let mut pinner = Pinner::new(files(inputs), Resolver::new(Servers::default(), Credentials::default()), options);
    serve(&mut pinner);
    pinner.finish()
}

#[test]
fn pins_images_in_place_keeping_every_other_byte() {
    let d = digest();
    let compose = "services:\r\n  web:\r\n    image: \"nginx:1.25\"  # front\r\n  db:\r\n    image: postgres\r\n";
    let result = pin(&[("compose.yaml", compose)], Options::default());
    assert_eq!(result.files, [("compose.yaml".to_string(), format!("services:\r\n  web:\r\n    image: \"nginx:1.25@{d}\"  # front\r\n  db:\r\n    image: postgres:latest@{d}\r\n"))]);
    assert_eq!(result.changes.iter().map(|c| (c.line, c.column, c.from.as_str())).collect::<Vec<_>>(), [(3, 12, "nginx:1.25"), (5, 12, "postgres")]);
    assert!(result.unresolved.is_empty());
}

#[test]
fn pins_dockerfile_arg_defaults_and_kustomize_entries() {
    let d = digest();
    let dockerfile = "ARG BASE=\"alpine:3.20\"\nFROM ${BASE} AS one\nFROM ${BASE}\nFROM $OTHER\n";
    let kustomization = "resources: [a.yaml]\nimages:\n  - name: nginx\n    newTag: \"1.25\"\n";
    let result = pin(&[("Dockerfile", dockerfile), ("kustomization.yaml", kustomization)], Options::default());
    let texts: Vec<&str> = result.files.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, [format!("ARG BASE=\"alpine:3.20@{d}\"\nFROM ${{BASE}} AS one\nFROM ${{BASE}}\nFROM $OTHER\n"), format!("resources: [a.yaml]\nimages:\n  - name: nginx\n    newTag: \"1.25\"\n    digest: {d}\n")]);
    assert_eq!(result.unresolved.iter().map(|u| (u.subject.as_str(), u.reason.as_str())).collect::<Vec<_>>(), [("$OTHER", "built from `OTHER` this file does not define")]);
}

#[test]
fn pins_actions_to_the_commit_with_the_most_specific_tag() {
    let workflow = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@main # tracking\n      - uses: acme/x@v9\n";
    let result = pin(&[(".github/workflows/ci.yml", workflow)], Options::default());
    assert_eq!(result.files[0].1, format!("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@{COMMIT} # v4.2.2\n      - uses: actions/setup-node@main # tracking\n      - uses: acme/x@v9\n"));
    let reasons: Vec<&str> = result.unresolved.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons, ["`main` is a branch; `--branches` pins branches too", "`v9` is no tag or branch of the repository"]);
    assert_eq!(result.exit_code(), 1);
    let branches = pin(&[(".github/workflows/ci.yml", workflow)], Options { branches: true, ..Options::default() });
    assert!(branches.files[0].1.contains(&format!("actions/setup-node@{COMMIT} # main # tracking\n")));
    // Pinning twice changes nothing.
    let again = pin(&[(".github/workflows/ci.yml", &branches.files[0].1)], Options { branches: true, ..Options::default() });
    assert!(again.files.is_empty() && again.changes.is_empty());
}

#[test]
fn leaves_suppressed_references_and_unparsed_files_alone() {
    let text = "services:\n  web:\n    # fixity: ignore[unpinned-image] built locally\n    image: web:dev\n";
    assert!(pin(&[("compose.yaml", text)], Options::default()).changes.is_empty());
    let broken = pin(&[("compose.yaml", "services:\n  web:\n    image: nginx:1\n  bad: [\n")], Options::default());
    assert!(broken.files.is_empty());
}

#[test]
fn update_refreshes_pins_that_carry_their_tag() {
    let d = digest();
    let old = format!("sha256:{}", "0".repeat(64));
    let workflow = format!("on: push\njobs:\n  a:\n    runs-on: x\n    container: app:1@{old}\n    steps:\n      - uses: actions/checkout@{} # v4.2.2\n      - uses: actions/cache@{COMMIT}\n", "e".repeat(40));
    let update = Options { update: true, ..Options::default() };
    let result = pin(&[(".github/workflows/ci.yml", &workflow)], update);
    assert_eq!(result.files[0].1, format!("on: push\njobs:\n  a:\n    runs-on: x\n    container: app:1@{d}\n    steps:\n      - uses: actions/checkout@{COMMIT} # v4.2.2\n      - uses: actions/cache@{COMMIT}\n"));
    assert_eq!(result.changes.len(), 2);
    let again = pin(&[(".github/workflows/ci.yml", &result.files[0].1)], update);
    assert!(again.changes.is_empty() && again.files.is_empty());
}

#[test]
fn pins_gitlab_includes_components_and_remote_files() {
    let ci = "include:\n  - project: acme/templates\n    ref: v4\n    file: /build.yml\n  - component: $CI_SERVER_FQDN/acme/components/sast@1.2.3\n  - component: gitlab.com/acme/components/lint@~latest # newest\n  - component: gitlab.example.com/acme/c/x@1\n  - remote: https://example.com/ci/lint.yml\n  - remote: \"https://example.com/ci/a b.yml\"\n  - 'https://example.com/ci/other.yml'\n  - project: acme/other\nbuild:\n  script: [make]\n";
    let result = pin(&[(".gitlab-ci.yml", ci)], Options::default());
    use sha2::{Digest, Sha256};
    let integrity = format!("sha256-{}", crate::resolve::base64(&Sha256::digest(br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#)));
    assert_eq!(
        result.files[0].1,
        format!("include:\n  - project: acme/templates\n    ref: {COMMIT} # v4.2.2\n    file: /build.yml\n  - component: $CI_SERVER_FQDN/acme/components/sast@{COMMIT} # 1.2.3\n  - component: gitlab.com/acme/components/lint@{NEWEST} # 1.3.0 # newest\n  - component: gitlab.example.com/acme/c/x@{NEWEST} # 1.3.0\n  - remote: https://example.com/ci/lint.yml\n    integrity: {integrity}\n  - remote: \"https://example.com/ci/a b.yml\"\n  - 'https://example.com/ci/other.yml'\n  - project: acme/other\nbuild:\n  script: [make]\n")
    );
    assert_eq!(result.changes.iter().map(|c| c.to.as_str()).collect::<Vec<_>>()[..2], [format!("acme/templates@{COMMIT} # v4.2.2"), format!("$CI_SERVER_FQDN/acme/components/sast@{COMMIT} # 1.2.3")]);
    let reasons: Vec<&str> = result.unresolved.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons, ["`https://example.com/ci/a b.yml` is not sent: a URL with spaces, controls, `\\` or non-ASCII characters (percent-encode them)", "its `remote` is not written as a key on a line of its own; add `integrity:` by hand", "it has no `ref:`; add the tag you mean, then pin"]);
    let again = pin(&[(".gitlab-ci.yml", &result.files[0].1)], Options::default());
    assert!(again.changes.is_empty() && again.files.is_empty());
}

#[test]
fn requests_go_to_the_gitlab_server_the_component_names() {
    // `CI_SERVER_URL`: where the components are, and whose token the job has.
    let servers = Servers { gitlab: "http://127.0.0.1:8929".into(), ..Servers::default() };
    let credentials = Credentials { gitlab: Some(("gitlab-ci-token".into(), "job".into())), gitlab_server: servers.gitlab.clone(), ..Credentials::default() };
    let ci = "include:\n  - component: $CI_SERVER_FQDN/acme/components/sast@1.2.3\n  - component: gitlab.com/acme/c/x@1.2.3\n  - project: acme/t\n    ref: v4\n";
    let mut pinner = Pinner::new(files(&[(".gitlab-ci.yml", ci)]), Resolver::new(servers, credentials), Options::default());
    let requests = pinner.resolver.requests();
    let seen: Vec<(&str, bool)> = requests.iter().map(|r| (r.url.as_str(), r.headers.iter().any(|(n, _)| n == "Authorization"))).collect();
    assert_eq!(seen, [("http://127.0.0.1:8929/acme/components.git/git-upload-pack", true), ("https://gitlab.com/acme/c.git/git-upload-pack", false), ("http://127.0.0.1:8929/acme/t.git/git-upload-pack", true)]);
}

#[test]
fn pins_terraform_module_sources_and_images() {
    let tf = "module \"vpc\" {\n  source = \"git::https://example.com/network.git//modules/vpc?ref=v4\"\n}\n\nmodule \"gh\" {\n  source = \"github.com/acme/mods?ref=1.2.3\" # pinned soon\n}\n\nmodule \"ssh\" {\n  source = \"git::ssh://git@example.com/x.git?ref=v4\"\n}\n\nresource \"docker_container\" \"web\" {\n  name  = \"web\"\n  image = \"nginx:1.25\"\n}\n";
    let result = pin(&[("main.tf", tf)], Options::default());
    let d = digest();
    assert_eq!(
        result.files[0].1,
        format!("module \"vpc\" {{\n  source = \"git::https://example.com/network.git//modules/vpc?ref={COMMIT}\" # v4.2.2\n}}\n\nmodule \"gh\" {{\n  source = \"github.com/acme/mods?ref={COMMIT}\" # 1.2.3 # pinned soon\n}}\n\nmodule \"ssh\" {{\n  source = \"git::ssh://git@example.com/x.git?ref=v4\"\n}}\n\nresource \"docker_container\" \"web\" {{\n  name  = \"web\"\n  image = \"nginx:1.25@{d}\"\n}}\n")
    );
    assert_eq!(result.unresolved.iter().map(|u| u.reason.as_str()).collect::<Vec<_>>(), ["only `https://` (and `github.com/…`) git sources are resolved, not SSH or plain HTTP"]);
    let update = pin(&[("main.tf", &result.files[0].1.replace(COMMIT, NEWEST))], Options { update: true, ..Options::default() });
    assert_eq!(update.changes.len(), 2);
    assert!(update.files[0].1.contains(&format!("?ref={COMMIT}\" # v4.2.2\n")));
}

#[test]
fn pins_pre_commit_revs_as_autoupdate_freeze_does() {
    let config = "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4\n    hooks:\n      - id: trailing-whitespace\n  - repo: local\n    hooks: []\n";
    let result = pin(&[(".pre-commit-config.yaml", config)], Options::default());
    let pinned = format!("repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: {COMMIT}  # frozen: v4.2.2\n    hooks:\n      - id: trailing-whitespace\n  - repo: local\n    hooks: []\n");
    assert_eq!(result.files[0].1, pinned);
    let update = pin(&[(".pre-commit-config.yaml", &pinned.replace(COMMIT, NEWEST))], Options { update: true, ..Options::default() });
    assert_eq!(update.files[0].1, pinned);
}

/// What a server answers is shown as `check` shows a file's text: a hostile registry's media type cannot
/// clear the terminal or start a workflow command on a line of its own.
#[test]
fn reasons_from_servers_are_shown_escaped() {
    let mut pinner = Pinner::new(files(&[("compose.yaml", "services:\n  web:\n    image: nginx:1.25\n")]), Resolver::new(Servers::default(), Credentials::default()), Options::default());
    let body = br#"{"schemaVersion":2,"mediaType":"\u001b[2J\n::error::forged ##[error]"}"#.to_vec();
    for request in pinner.resolver.requests() {
        assert_eq!(pinner.resolver.answer(request.id, &Answer { status: 200, headers: Vec::new(), body: body.clone() }), None);
    }
    let result = pinner.finish();
    let reason = "manifest media type `\\u{1b}[2J\\n::error::forged ##\\u{5b}error]` is not an image index or manifest";
    assert_eq!(result.text(false), format!("compose.yaml:3:12: `nginx:1.25` not pinned: {reason}\nWould pin 0 references in 0 files; 1 could not be pinned.\n"));
    let json = result.json();
    assert!(json.contains(r#"media type `\u001b[2J\n::error::forged ##\u005berror]`"#), "{json}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap()["unresolved"][0]["reason"], result.unresolved[0].reason);
}

/// Paths are the repository's: a folder named like a workflow command starts no line of the report or of
/// the diff's headers.
#[test]
fn paths_start_no_workflow_command() {
    let compose = "services:\n  web:\n    image: nginx:1.25\n";
    let result = pin(&[("::error::x/compose.yaml", compose), ("a\n::add-mask::b/compose.yaml", compose)], Options::default());
    let text = result.text(false);
    assert!(text.lines().all(|l| !l.trim_start().starts_with("::")), "{text}");
    assert!(text.starts_with("./::error::x/compose.yaml:3:12: nginx:1.25 -> ") && text.contains("\na\\n::add-mask::b/compose.yaml:3:12: "), "{text}");
    assert!(result.diff.lines().all(|l| !l.trim_start().starts_with("::")), "{}", result.diff);
    assert!(result.diff.contains("--- a/a\\n::add-mask::b/compose.yaml\n+++ b/a\\n::add-mask::b/compose.yaml\n"), "{}", result.diff);
}

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

/// Answers every request: manifests with one image index (whose digest is [`digest`]), and git with a ref list where `v4` and `v4.2.2` share [`COMMIT`] and `main` is a branch.
fn serve(pinner: &mut Pinner) {
    let manifest = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.to_vec();
    let refs = [format!("{COMMIT} refs/heads/main\n"), format!("{COMMIT} refs/tags/v4\n"), format!("{} refs/tags/v4.2.2 peeled:{COMMIT}\n", "c".repeat(40))];
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

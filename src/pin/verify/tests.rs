use super::*;
use crate::resolve::{Answer, Credentials, Servers};
use crate::{Config, Engine, Options as RunOptions};
use sha2::{Digest, Sha256};

const COMMIT: &str = "11bd71901bbe5b1630ceea73d27597364c9af683";
const MANIFEST: &[u8] = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#;

fn digest() -> String {
    format!("sha256:{:x}", Sha256::digest(MANIFEST))
}

/// Verifies `inputs` against servers where `v4.2.2` is at [`COMMIT`], `main` at another commit, tags
/// serve [`MANIFEST`], digest `sha256:111…` is served too and other digests are not found; `unreachable` hosts do not answer.
fn verify(inputs: &[(&str, &str)], unreachable: &str) -> Vec<String> {
    let mut engine = Engine::new(Config::default(), RunOptions::default()).unwrap();
    engine.start_pin();
    for (path, text) in inputs {
        engine.add_file(path, text.as_bytes(), None);
    }
    let mut verifier = Verifier::new(engine.take_pinning(), Resolver::new(Servers::default(), Credentials::default()));
    let refs = [format!("{} refs/heads/main\n", "d".repeat(40)), format!("{} refs/tags/v4.2.2 peeled:{COMMIT}\n", "c".repeat(40))];
    let git: String = refs.iter().map(|l| format!("{:04x}{l}", l.len() + 4)).chain(["0000".into()]).collect();
    for request in verifier.resolver.requests() {
        if request.url.contains(unreachable) {
            verifier.resolver.failed(request.id, &format!("{} did not answer within 30 s", request.host));
            continue;
        }
        let (status, body) = match (request.method, request.url.rsplit_once("sha256:")) {
            ("POST", _) => (200, git.as_bytes().to_vec()),
            // An older build of a tag, still served by its digest.
            (_, Some((_, hex))) if hex == "1".repeat(64) => (200, MANIFEST.iter().map(|&b| if b == b'2' { b'3' } else { b }).collect()),
            (_, Some((_, hex))) if format!("sha256:{hex}") != digest() => (404, Vec::new()),
            _ => (200, MANIFEST.to_vec()),
        };
        assert!(verifier.resolver.answer(request.id, &Answer { status, headers: Vec::new(), body }).is_none());
    }
    verifier.findings().into_iter().map(|(d, located)| format!("{}:{} {}{} {}", located.place.line, located.place.column, d.rule, if d.unverifiable { " (unverifiable)" } else { "" }, d.message)).collect()
}

#[test]
fn reports_mismatched_unknown_and_stale_pins() {
    let d = digest();
    let zero = format!("sha256:{}", "0".repeat(64));
    let other = "e".repeat(40);
    let workflow = format!(
        "on: push\njobs:\n  a:\n    runs-on: x\n    container: app:1@{zero}\n    services:\n      db: {{image: 'db:2@{zero}'}}\n      cache: {{image: 'cache@{d}'}}\n      web: {{image: 'web:3@{d}'}}\n      old: {{image: 'old:3@sha256:{}'}}\n    steps:\n      - uses: actions/checkout@{COMMIT} # v4.2.2\n      - uses: actions/cache@{other} # v4.2.2\n      - uses: acme/fork@{other} # v9\n      - uses: acme/tip@{} # v9\n      - uses: acme/branch@{other} # main\n      - uses: gone/away@{COMMIT} # v4.2.2\n",
        "1".repeat(64),
        "d".repeat(40)
    );
    let ci = format!("include:\n  - project: acme/t\n    ref: {other} # v4.2.2\n");
    let found = verify(&[(".github/workflows/ci.yml", &workflow), (".gitlab-ci.yml", &ci)], "gone/away");
    assert_eq!(
        found,
        [
            format!("5:16 unknown-pin the registry does not serve `app:1@{zero}`'s digest {zero}: registry answered 404 (not found): `library/app` has no manifest `{zero}`"),
            format!("7:19 unknown-pin the registry does not serve `db:2@{zero}`'s digest {zero}: registry answered 404 (not found): `library/db` has no manifest `{zero}`"),
            format!("10:20 stale-pin tag `3` has moved on to {d}; `fixity update` refreshes the pin"),
            format!("13:15 pin-mismatch `actions/cache@{other}` is pinned to {other}, but its comment's tag `v4.2.2` points to {COMMIT}; `fixity update` pins the tag's commit, or correct the comment"),
            format!("14:15 unknown-pin {other} is on no branch or tag of the repository, and its comment's tag `v9` does not exist there: it may be a commit from a fork"),
            format!("17:15 unknown-pin (unverifiable) `gone/away@{COMMIT}` could not be verified online: github.com did not answer within 30 s"),
            format!("3:10 pin-mismatch `acme/t@{other}` is pinned to {other}, but its comment's tag `v4.2.2` points to {COMMIT}; `fixity update` pins the tag's commit, or correct the comment"),
        ]
    );
}

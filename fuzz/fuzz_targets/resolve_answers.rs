#![no_main]
//! What servers answer during online resolution: a registry's manifests, auth challenges and tokens, a git
//! server's `ls-refs` list, a remote file. The first byte picks what is resolved (an image from Docker Hub
//! with a credential for it, a GitHub action's refs with a token, a GitLab remote include, or the refs of
//! a GitHub repository at the URL the input's first line writes); the rest is the answers to its requests
//! in turn, each written as HTTP is (`status`, `name: value` lines, an empty line, the body), separated by
//! `\n%%\n`. Besides not crashing: every request is one HTTP can carry (no line break or control in a URL
//! or header), a credential goes nowhere but where it belongs as Node's URL parser (the WHATWG one, here
//! the `url` crate) reads the URL it is sent to, an outcome is what the answer's bytes say (a digest and an
//! integrity of the body, commits of 40 lowercase hex), and the same answers give the same requests and
//! outcomes twice.
use fixity::reference::git::{self, Pin};
use fixity::resolve::git::{Forge, Found, Repository};
use fixity::resolve::registry::Manifest;
use fixity::resolve::{base64, Answer, Credentials, Outcome, Request, Resolver, Servers, Target};
use fixity::url::is_loopback;
use sha2::{Digest, Sha256};

const DOCKER_AUTH: &str = "dXNlcjpwYXNz";
const GITHUB_TOKEN: &str = "t0k";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let (target, rest) = match pick % 4 {
        0 => (Target::Manifest(Manifest::new("docker.io", "nginx", "1.27", &Servers::default())), rest),
        1 => (Target::Refs(Repository { url: "https://github.com/actions/checkout".into(), forge: Forge::GitHub }), rest),
        2 => (Target::File("https://gitlab.example.com/acme/ci/-/raw/main/build.yml".into()), rest),
        _ => {
            let (url, rest) = match rest.iter().position(|&b| b == b'\n') {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &[][..]),
            };
            (Target::Refs(Repository { url: String::from_utf8_lossy(url).into_owned(), forge: Forge::GitHub }), rest)
        }
    };
    let answers: Vec<Answer> = split(rest, b"\n%%\n").map(answer).collect();
    let run = resolve(&target, &answers);
    assert_eq!(run, resolve(&target, &answers), "the same answers give the same requests and outcomes");
    let (requests, outcome) = run;
    requests.iter().for_each(check_request);
    let last = requests.len().checked_sub(1).and_then(|i| answers.get(i));
    match (outcome, last) {
        (Some(Ok(Outcome::Digest(digest))), Some(answer)) => assert_eq!(digest, format!("sha256:{:x}", Sha256::digest(&answer.body))),
        (Some(Ok(Outcome::Integrity(integrity))), Some(answer)) => assert_eq!(integrity, format!("sha256-{}", base64(&Sha256::digest(&answer.body)))),
        (Some(Ok(Outcome::Refs(refs))), _) => {
            for (name, commit) in refs.tags.iter().chain(&refs.branches) {
                assert_eq!(git::pin(commit), Pin::Commit, "{name} at {commit:?}");
                // What `pin` writes beside the commit: the tag asked for, or a refinement of it in digits.
                let found = match refs.find(name) {
                    Found::Tag(c) | Found::Branch(c) => c,
                    Found::Missing => panic!("{name} listed but not found"),
                };
                let specific = refs.most_specific(name, found);
                let refinement = specific.strip_prefix(name.as_str()).unwrap_or_else(|| panic!("{name} refined as {specific}"));
                assert!(refinement.split('.').skip(1).all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())), "{name} refined as {specific}");
            }
            if let Some((release, commit)) = refs.newest_release(None) {
                assert!(release.split('.').count() == 3 && release.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())), "release {release}");
                assert_eq!(git::pin(commit), Pin::Commit);
            }
        }
        (Some(Ok(Outcome::Missing(reason))), _) => assert!(reason.starts_with("registry answered 404"), "{reason}"),
        (Some(Ok(outcome)), None) => panic!("{outcome:?} with no answer"),
        (Some(Err(_)) | None, _) => {}
    }
});

/// The requests made, in order, and the outcome once every answer was given (`failed` past the last).
fn resolve(target: &Target, answers: &[Answer]) -> (Vec<Request>, Option<Result<Outcome, String>>) {
    let credentials = Credentials {
        registries: [("docker.io".to_string(), DOCKER_AUTH.to_string())].into(),
        github: Some(GITHUB_TOKEN.to_string()),
        ..Credentials::default()
    };
    let mut resolver = Resolver::new(Servers::default(), credentials);
    let target = resolver.want(target.clone());
    let mut requests = resolver.requests();
    assert!(requests.len() <= 1);
    let mut answers = answers.iter();
    while let Some(request) = requests.last() {
        let id = request.id;
        match answers.next() {
            Some(answer) => match resolver.answer(id, answer) {
                Some(next) => requests.push(next),
                None => break,
            },
            None => {
                resolver.failed(id, "no answer");
                break;
            }
        }
    }
    (requests, resolver.outcome(target).cloned())
}

/// A request HTTP can carry, with a credential only where it may go, read as Node reads the URL: the
/// Docker credential to the registry or the token server it names (over HTTPS, or HTTP on this machine),
/// the GitHub token to GitHub, a registry token back to the registry, nothing with a remote file. (A URL
/// Node cannot parse is never sent: its `fetch` refuses it.)
fn check_request(request: &Request) {
    assert!(request.url.bytes().all(|b| b.is_ascii_graphic()), "URL {:?}", request.url);
    for (name, value) in &request.headers {
        assert!(value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()), "{name}: {value:?}");
    }
    let Ok(url) = url::Url::parse(&request.url) else { return };
    let reaches = |host: &str| url.scheme() == "https" && url.host_str() == Some(host) && url.port_or_known_default() == Some(443);
    let secure = url.scheme() == "https" || (url.scheme() == "http" && url.host_str().is_some_and(is_loopback));
    for (name, value) in request.headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("authorization")) {
        let allowed = match value.split_once(' ') {
            Some(("Basic", DOCKER_AUTH)) => secure,
            Some(("Basic", github)) => github == base64(format!("x-access-token:{GITHUB_TOKEN}").as_bytes()) && reaches("github.com"),
            Some(("Bearer", _)) => reaches("registry-1.docker.io"),
            _ => false,
        };
        assert!(allowed, "{name}: {value} sent to {}", request.url);
    }
}

/// `status`, then `name: value` lines, an empty line and the body; a missing or bad status reads 200.
fn answer(bytes: &[u8]) -> Answer {
    let (head, body) = match bytes.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&bytes[..at], &bytes[at + 2..]),
        None => (bytes, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().and_then(|s| s.trim().parse().ok()).unwrap_or(200);
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    Answer { status, headers, body: body.to_vec() }
}

fn split<'a>(mut bytes: &'a [u8], separator: &'static [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match bytes.windows(separator.len()).position(|w| w == separator) {
            Some(at) => {
                let part = &bytes[..at];
                bytes = &bytes[at + separator.len()..];
                Some(part)
            }
            None => {
                done = true;
                Some(bytes)
            }
        }
    })
}

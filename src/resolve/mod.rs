//! Online resolution, decided here and performed by the shim: which requests to make (method, URL,
//! headers, body), how to read each answer (a manifest's digest, an auth challenge, a repository's refs),
//! and which follow-up request an answer calls for. The shim only carries requests and answers, with its
//! timeouts, retries, concurrency limit and proxies; it never sees a decision.
//!
//! A [`Resolver`] holds one entry per unique [`Target`]: each is resolved once per run however many
//! references need it.

pub mod git;
pub mod registry;

use crate::url::{host_of, is_whole, may_carry_credentials};
use serde::Serialize;
use std::collections::HashMap;

/// A request for the shim to perform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub id: u32,
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The host waited on, for progress (never a credential).
    pub host: String,
}

/// What the server answered. Header names are lowercase.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Something a reference needs to know from a server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The digest of the manifest a registry serves for a tag.
    Manifest(registry::Manifest),
    /// A git repository's tags and branches.
    Refs(git::Repository),
    /// A file's Subresource Integrity hash (a GitLab `include: remote:`), fetched without credentials.
    File(String),
}

/// What a target turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Digest(String),
    Refs(git::Refs),
    /// `sha256-<base64>` of a file's bytes.
    Integrity(String),
    /// The server says it has no such manifest (404): for `check --online`, a pin that does not exist.
    Missing(String),
}

/// The credentials the shim read, and where each may go: the core alone decides which request carries
/// which, and never over plain HTTP except to a loopback address. A credential is bound to the server
/// that issued it, as the environment names it: `.fixity.yml` (the repository's file, which a pull request
/// may change) can point resolution at other servers, but never draws a credential to them.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Registry host → base64 `user:password` (the Docker client config's `auths`): each for requests to
    /// that host only, a mirror included.
    pub registries: HashMap<String, String>,
    /// `GITHUB_TOKEN`/`GH_TOKEN`: only for `github_server`.
    pub github: Option<String>,
    /// `GITHUB_SERVER_URL`, else `https://github.com`.
    pub github_server: String,
    /// `CI_JOB_TOKEN` (user `gitlab-ci-token`) or `GITLAB_TOKEN` (user `oauth2`): only for `gitlab_server`.
    pub gitlab: Option<(String, String)>,
    /// `CI_SERVER_URL`, else `https://gitlab.com`.
    pub gitlab_server: String,
}

impl Default for Credentials {
    fn default() -> Credentials {
        let servers = Servers::default();
        Credentials { registries: HashMap::new(), github: None, github_server: servers.github, gitlab: None, gitlab_server: servers.gitlab }
    }
}

/// Where the forges and registries are.
#[derive(Debug, Clone)]
pub struct Servers {
    /// The GitHub server, `https://github.com` unless told otherwise.
    pub github: String,
    /// The GitLab server, `https://gitlab.com` unless told otherwise.
    pub gitlab: String,
    /// Registry host → base URL (a mirror), from `.fixity.yml` `resolve.registries`.
    pub registries: HashMap<String, String>,
}

impl Default for Servers {
    fn default() -> Servers {
        Servers { github: "https://github.com".into(), gitlab: "https://gitlab.com".into(), registries: HashMap::new() }
    }
}

/// How far a target is.
#[derive(Debug)]
enum State {
    New,
    Waiting,
    Done(Result<Outcome, String>),
}

/// What an outstanding request was for.
#[derive(Debug)]
enum Stage {
    Manifest { bearer: Option<String> },
    Token,
    Refs,
    File,
}

/// One run's resolution: targets in, requests out, answers in, outcomes out.
#[derive(Debug, Default)]
pub struct Resolver {
    targets: Vec<(Target, State)>,
    index: HashMap<Target, usize>,
    waiting: HashMap<u32, (usize, Stage)>,
    next_id: u32,
    credentials: Credentials,
    servers: Servers,
}

impl Resolver {
    pub fn new(servers: Servers, credentials: Credentials) -> Resolver {
        Resolver { servers, credentials, ..Resolver::default() }
    }

    pub fn servers(&self) -> &Servers {
        &self.servers
    }

    /// The index of `target`, added once however often it is wanted.
    pub fn want(&mut self, target: Target) -> usize {
        if let Some(&i) = self.index.get(&target) {
            return i;
        }
        self.targets.push((target.clone(), State::New));
        self.index.insert(target, self.targets.len() - 1);
        self.targets.len() - 1
    }

    /// The targets resolved so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.targets.iter().filter(|(_, s)| matches!(s, State::Done(_))).count(), self.targets.len())
    }

    pub fn outcome(&self, target: usize) -> Option<&Result<Outcome, String>> {
        match &self.targets.get(target)?.1 {
            State::Done(outcome) => Some(outcome),
            _ => None,
        }
    }

    /// The first request of every target not yet asked for.
    pub fn requests(&mut self) -> Vec<Request> {
        let new: Vec<usize> = (0..self.targets.len()).filter(|&i| matches!(self.targets[i].1, State::New)).collect();
        let mut out = Vec::new();
        for i in new {
            self.targets[i].1 = State::Waiting;
            let request = match self.targets[i].0.clone() {
                Target::Manifest(manifest) => self.manifest_request(i, &manifest, None),
                Target::Refs(repository) => {
                    let authorization = self.git_authorization(&repository);
                    let (url, headers, body) = git::ls_refs_request(&repository, authorization);
                    self.request(i, Stage::Refs, "POST", url, headers, Some(body))
                }
                Target::File(url) => self.request(i, Stage::File, "GET", url, Vec::new(), None),
            };
            match request {
                Ok(request) => out.push(request),
                Err(reason) => self.targets[i].1 = State::Done(Err(reason)),
            }
        }
        out
    }

    /// Every request is made here: none goes to a URL that is not [`is_whole`] or has no host, where the host
    /// its credential was chosen for might not be the host it reaches.
    fn request(&mut self, target: usize, stage: Stage, method: &'static str, url: String, headers: Vec<(String, String)>, body: Option<String>) -> Result<Request, String> {
        if !is_whole(&url) {
            return Err(format!("`{url}` is not sent: a URL with spaces, controls, `\\` or non-ASCII characters (percent-encode them)"));
        }
        if host_of(&url).is_empty() {
            return Err(format!("`{url}` is not sent: a URL with no host"));
        }
        self.next_id += 1;
        self.waiting.insert(self.next_id, (target, stage));
        Ok(Request { id: self.next_id, method, host: host_of(&url).to_string(), url, headers, body })
    }

    fn manifest_request(&mut self, target: usize, manifest: &registry::Manifest, bearer: Option<String>) -> Result<Request, String> {
        let authorization = match &bearer {
            Some(token) => Some(format!("Bearer {token}")),
            None => self.basic_for(&manifest.base),
        };
        let (url, headers) = registry::manifest_request(manifest, authorization);
        self.request(target, Stage::Manifest { bearer }, "GET", url, headers, None)
    }

    /// The Docker client config's credential for the registry at `base` (Docker Hub's under `docker.io`),
    /// if `base` may carry it: a mirror gets its own host's credential, never the one of the registry it
    /// stands in for.
    fn basic_for(&self, base: &str) -> Option<String> {
        let host = match host_of(base) {
            "registry-1.docker.io" => "docker.io",
            host => host,
        };
        let auth = self.credentials.registries.get(host)?;
        may_carry_credentials(base).then(|| format!("Basic {auth}"))
    }

    fn git_authorization(&self, repository: &git::Repository) -> Option<String> {
        let (server, user, token) = match repository.forge {
            git::Forge::GitHub => (&self.credentials.github_server, "x-access-token", self.credentials.github.as_deref()?),
            git::Forge::GitLab => {
                let (user, token) = self.credentials.gitlab.as_ref()?;
                (&self.credentials.gitlab_server, user.as_str(), token.as_str())
            }
            git::Forge::Other => return None,
        };
        let url = repository.upload_pack_url();
        let same_host = host_of(server).eq_ignore_ascii_case(host_of(&url));
        (same_host && may_carry_credentials(&url)).then(|| format!("Basic {}", base64(format!("{user}:{token}").as_bytes())))
    }

    /// Takes the answer to request `id`; returns the follow-up request, if the answer calls for one.
    pub fn answer(&mut self, id: u32, answer: &Answer) -> Option<Request> {
        let (target, stage) = self.waiting.remove(&id)?;
        let next = match (stage, self.targets[target].0.clone()) {
            (Stage::Manifest { bearer }, Target::Manifest(manifest)) => match registry::read_manifest(&manifest, answer) {
                registry::Read::Digest(digest) => Err(Ok(Outcome::Digest(digest))),
                registry::Read::Missing(reason) => Err(Ok(Outcome::Missing(reason))),
                registry::Read::Challenge(challenge) if bearer.is_none() => {
                    // The token server the registry names gets the credential of the registry asked.
                    let basic = self.basic_for(&manifest.base).filter(|_| may_carry_credentials(&challenge.realm));
                    registry::token_request(&challenge, &manifest, basic).and_then(|(url, headers)| self.request(target, Stage::Token, "GET", url, headers, None)).map_err(Err)
                }
                registry::Read::Challenge(_) => Err(Err(registry::refused(answer.status, "its token was not accepted"))),
                registry::Read::Failed(reason) => Err(Err(reason)),
            },
            (Stage::Token, Target::Manifest(manifest)) => match registry::read_token(answer) {
                Ok(token) => self.manifest_request(target, &manifest, Some(token)).map_err(Err),
                Err(e) => Err(Err(e)),
            },
            (Stage::Refs, Target::Refs(_)) => Err(git::read_ls_refs(answer).map(Outcome::Refs)),
            (Stage::File, Target::File(_)) => Err(read_integrity(answer).map(Outcome::Integrity)),
            _ => Err(Err("internal error: an answer to another kind of request".into())),
        };
        match next {
            Ok(request) => Some(request),
            Err(outcome) => {
                self.targets[target].1 = State::Done(outcome);
                None
            }
        }
    }

    /// Request `id` could not be performed (a timeout, a refused connection, retries spent): `reason`
    /// becomes its target's outcome.
    pub fn failed(&mut self, id: u32, reason: &str) {
        if let Some((target, _)) = self.waiting.remove(&id) {
            self.targets[target].1 = State::Done(Err(reason.to_string()));
        }
    }
}

/// A fetched file's `sha256-<base64>` Subresource Integrity hash, as GitLab checks `integrity:`.
fn read_integrity(answer: &Answer) -> Result<String, String> {
    use sha2::{Digest, Sha256};
    if answer.status != 200 {
        return Err(format!("server answered {} for the file", answer.status));
    }
    if answer.body.len() > registry::MAX_MANIFEST_BYTES {
        return Err(format!("the file is over {} MiB; refused", registry::MAX_MANIFEST_BYTES >> 20));
    }
    if let Some(declared) = answer.header("content-length").and_then(|l| l.trim().parse::<usize>().ok()) {
        if declared != answer.body.len() {
            return Err(format!("the file is truncated ({} of {declared} bytes)", answer.body.len()));
        }
    }
    Ok(format!("sha256-{}", base64(&Sha256::digest(&answer.body))))
}

/// Standard base64 with padding (HTTP basic credentials, Subresource Integrity hashes).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!([base64(b""), base64(b"f"), base64(b"fo"), base64(b"foo"), base64(b"foob")], ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg=="]);
    }

    #[test]
    fn github_token_goes_to_the_github_server_only() {
        let credentials = Credentials { github: Some("t0k".into()), ..Credentials::default() };
        let mut resolver = Resolver::new(Servers::default(), credentials);
        resolver.want(Target::Refs(git::Repository { url: "https://github.com/actions/checkout".into(), forge: git::Forge::GitHub }));
        resolver.want(Target::Refs(git::Repository { url: "https://gitlab.com/a/b".into(), forge: git::Forge::GitLab }));
        let requests = resolver.requests();
        let authorization = |r: &Request| r.headers.iter().find(|(n, _)| n == "Authorization").map(|(_, v)| v.clone());
        assert_eq!(authorization(&requests[0]).as_deref(), Some("Basic eC1hY2Nlc3MtdG9rZW46dDBr"));
        assert_eq!(authorization(&requests[1]), None);
        // A repository written as the server alone is asked for at another host: `github.com.git`.
        resolver.want(Target::Refs(git::Repository { url: "https://github.com".into(), forge: git::Forge::GitHub }));
        let requests = resolver.requests();
        assert_eq!((requests[0].url.as_str(), authorization(&requests[0])), ("https://github.com.git/git-upload-pack", None));
    }

    /// Node reads `\` as `/`: `https://evil.example\@github.com/…` would carry the GitHub token to
    /// `evil.example`. Such a URL, a token server's that would break the request, and one with no host (which
    /// Node reads otherwise too: `https:///a` is on `a`) are never sent.
    #[test]
    fn urls_node_would_read_otherwise_are_not_sent() {
        let credentials = Credentials { github: Some("t0k".into()), registries: HashMap::from([("docker.io".to_string(), "dXNlcjpwYXNz".to_string())]), ..Credentials::default() };
        let mut resolver = Resolver::new(Servers::default(), credentials);
        let refs = resolver.want(Target::Refs(git::Repository { url: "https://evil.example\\@github.com/o/r".into(), forge: git::Forge::GitHub }));
        let image = resolver.want(Target::Manifest(registry::Manifest::new("docker.io", "nginx", "1", &Servers::default())));
        let requests = resolver.requests();
        assert_eq!(requests.iter().map(|r| r.url.as_str()).collect::<Vec<_>>(), ["https://registry-1.docker.io/v2/library/nginx/manifests/1"]);
        assert_eq!(resolver.outcome(refs), Some(&Err("`https://evil.example\\@github.com/o/r.git/git-upload-pack` is not sent: a URL with spaces, controls, `\\` or non-ASCII characters (percent-encode them)".into())));
        let challenge = Answer { status: 401, headers: vec![("www-authenticate".into(), "Bearer realm=\"https://auth.example/token\r\nX-Injected: 1\"".into())], body: Vec::new() };
        assert_eq!(resolver.answer(requests[0].id, &challenge), None);
        assert!(matches!(resolver.outcome(image), Some(Err(e)) if e.starts_with("`https://auth.example/token\r\nX-Injected: 1?scope=") && e.ends_with("is not sent: a URL with spaces, controls, `\\` or non-ASCII characters (percent-encode them)")), "{:?}", resolver.outcome(image));
        let mut resolver = Resolver::new(Servers::default(), Credentials::default());
        let image = resolver.want(Target::Manifest(registry::Manifest::new("docker.io", "nginx", "1", &Servers::default())));
        let requests = resolver.requests();
        let no_host = Answer { status: 401, headers: vec![("www-authenticate".into(), "Bearer realm=\"https://\"".into())], body: Vec::new() };
        assert_eq!(resolver.answer(requests[0].id, &no_host), None);
        assert_eq!(resolver.outcome(image), Some(&Err("`https://?scope=repository%3Alibrary%2Fnginx%3Apull` is not sent: a URL with no host".into())));
    }

    /// `.fixity.yml` is the repository's: a pull request pointing `resolve:` at its own servers gets no
    /// credential, neither a forge token nor the Docker config's for the registry it mirrors.
    #[test]
    fn servers_from_the_configuration_draw_no_credential() {
        let credentials = Credentials {
            github: Some("t0k".into()),
            gitlab: Some(("gitlab-ci-token".into(), "job".into())),
            registries: HashMap::from([("docker.io".to_string(), "dXNlcjpwYXNz".to_string()), ("mirror.example.com".to_string(), "bWlycm9y".to_string())]),
            ..Credentials::default()
        };
        let servers = Servers {
            github: "https://evil.example".into(),
            gitlab: "https://evil.example".into(),
            registries: HashMap::from([("docker.io".to_string(), "https://evil.example".to_string()), ("ghcr.io".to_string(), "https://mirror.example.com".to_string())]),
        };
        let mut resolver = Resolver::new(servers.clone(), credentials);
        resolver.want(Target::Refs(git::Repository { url: "https://evil.example/actions/checkout".into(), forge: git::Forge::GitHub }));
        resolver.want(Target::Refs(git::Repository { url: "https://evil.example/a/b".into(), forge: git::Forge::GitLab }));
        resolver.want(Target::Manifest(registry::Manifest::new("docker.io", "nginx", "1.27", &servers)));
        resolver.want(Target::Manifest(registry::Manifest::new("ghcr.io", "acme/api", "2", &servers)));
        let requests = resolver.requests();
        let authorization = |r: &Request| r.headers.iter().find(|(n, _)| n == "Authorization").map(|(_, v)| v.clone());
        assert_eq!(requests.iter().map(authorization).collect::<Vec<_>>(), [None, None, None, Some("Basic bWlycm9y".to_string())]);
    }
}

//! The OCI distribution API: a tag's manifest, read through `oci-spec`'s types; its digest is the sha256
//! of the bytes received (for a multi-platform image, the index's, never one platform's). Registries that
//! want a token say so in a `WWW-Authenticate: Bearer` challenge, answered by the token server it names.

use super::{Answer, Servers};
use crate::url::{host_of, is_loopback};
use oci_spec::image::{ImageIndex, ImageManifest, MediaType};
use sha2::{Digest, Sha256};

/// Manifests larger than this are refused: no real one comes close, and a registry sending more is
/// broken or hostile.
pub const MAX_MANIFEST_BYTES: usize = 4 << 20;

/// What is asked of a registry: the manifest of `repository` at `reference` (a tag).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Manifest {
    /// The registry as written in the image (`docker.io`, `ghcr.io`, `127.0.0.1:5000`): whose credentials.
    pub host: String,
    /// Where it is reached: `https://registry-1.docker.io`, a mirror, `http://` for loopback.
    pub base: String,
    pub repository: String,
    pub reference: String,
}

impl Manifest {
    /// The manifest of `path:tag` at registry `domain` (`docker.io` normalized), reached through
    /// `servers`' mirror for it if any.
    pub fn new(domain: &str, path: &str, tag: &str, servers: &Servers) -> Manifest {
        let docker_hub = domain == "docker.io";
        let base = match servers.registries.get(domain) {
            Some(url) => url.trim_end_matches('/').to_string(),
            None if docker_hub => "https://registry-1.docker.io".to_string(),
            // Registries on this machine (a test one, a local cache) speak plain HTTP, as Docker allows.
            None if is_loopback(domain) => format!("http://{domain}"),
            None => format!("https://{domain}"),
        };
        let repository = if docker_hub && !path.contains('/') { format!("library/{path}") } else { path.to_string() };
        Manifest { host: domain.to_string(), base, repository, reference: tag.to_string() }
    }

    fn url(&self) -> String {
        format!("{}/v2/{}/manifests/{}", self.base, self.repository, self.reference)
    }
}

/// Every manifest type fixity reads, the multi-platform ones first.
const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

pub fn manifest_request(manifest: &Manifest, authorization: Option<String>) -> (String, Vec<(String, String)>) {
    let mut headers = vec![("Accept".to_string(), ACCEPT.to_string())];
    headers.extend(authorization.map(|a| ("Authorization".to_string(), a)));
    (manifest.url(), headers)
}

/// A `WWW-Authenticate: Bearer` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub service: Option<String>,
    pub scope: Option<String>,
}

/// What a manifest answer says.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    Digest(String),
    /// Ask the token server first.
    Challenge(Challenge),
    /// 404: the registry has no such tag or digest.
    Missing(String),
    Failed(String),
}

/// Why an answer with `status` is refused, in words.
pub fn refused(status: u16, what: &str) -> String {
    let meaning = match status {
        401 => "authentication required",
        403 => "access denied",
        404 => "not found",
        429 => "rate limited",
        500..=599 => "server error",
        _ => "unexpected answer",
    };
    format!("registry answered {status} ({meaning}): {what}")
}

pub fn read_manifest(manifest: &Manifest, answer: &Answer) -> Read {
    match answer.status {
        200 => {}
        401 => {
            return match answer.header("www-authenticate").and_then(bearer_challenge) {
                Some(challenge) => Read::Challenge(challenge),
                None => Read::Failed(refused(401, "no usable credentials (add them with `docker login`)")),
            }
        }
        404 => {
            let what = if manifest.reference.contains(':') { "manifest" } else { "tag" };
            return Read::Missing(refused(404, &format!("`{}` has no {what} `{}`", manifest.repository, manifest.reference)));
        }
        status => return Read::Failed(refused(status, &format!("manifest of `{}:{}`", manifest.repository, manifest.reference))),
    }
    let body = &answer.body;
    if body.len() > MAX_MANIFEST_BYTES {
        return Read::Failed(format!("manifest is {} bytes, over the {} MiB limit", body.len(), MAX_MANIFEST_BYTES >> 20));
    }
    if let Some(declared) = answer.header("content-length").and_then(|l| l.trim().parse::<usize>().ok()) {
        if declared != body.len() {
            return Read::Failed(format!("manifest is truncated ({} of {declared} bytes)", body.len()));
        }
    }
    let digest = format!("sha256:{:x}", Sha256::digest(body));
    if let Some(header) = answer.header("docker-content-digest") {
        // Another algorithm cannot be compared with what was computed; sha256 is what registries send.
        if header.starts_with("sha256:") && header != digest {
            return Read::Failed(format!("manifest digest {digest} differs from the registry's Docker-Content-Digest {header}; refused"));
        }
    }
    match media_type(answer, body) {
        Ok(()) => Read::Digest(digest),
        Err(e) => Read::Failed(e),
    }
}

/// Checks that the body is an image index or manifest of a type fixity reads, by `oci-spec`'s types.
fn media_type(answer: &Answer, body: &[u8]) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Header {
        #[serde(rename = "mediaType")]
        media_type: Option<String>,
    }
    let header: Header = serde_json::from_slice(body).map_err(|e| format!("manifest is not valid JSON: {e}"))?;
    let content_type = answer.header("content-type").map(|c| c.split(';').next().unwrap_or("").trim().to_string());
    let declared = header.media_type.or(content_type).unwrap_or_default();
    let index = match MediaType::from(declared.as_str()) {
        MediaType::ImageIndex => true,
        MediaType::ImageManifest => false,
        MediaType::Other(t) if t == DOCKER_LIST => true,
        MediaType::Other(t) if t == DOCKER_MANIFEST => false,
        _ => return Err(format!("manifest media type `{declared}` is not an image index or manifest")),
    };
    let parsed = if index {
        serde_json::from_slice::<ImageIndex>(body).map(drop)
    } else {
        serde_json::from_slice::<ImageManifest>(body).map(drop)
    };
    parsed.map_err(|e| format!("manifest is not a valid {}: {e}", if index { "image index" } else { "image manifest" }))
}

/// Parses `Bearer realm="…",service="…",scope="…"`; `None` for other schemes or no realm.
pub fn bearer_challenge(header: &str) -> Option<Challenge> {
    let (scheme, params) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let mut realm = None;
    let mut service = None;
    let mut scope = None;
    let mut rest = params.trim();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let (value, after) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => after.split_once(',').map_or((after, ""), |(v, a)| (v, a)),
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "realm" => realm = Some(value.to_string()),
            "service" => service = Some(value.to_string()),
            "scope" => scope = Some(value.to_string()),
            _ => {}
        }
        rest = after.trim_start_matches([',', ' ']);
    }
    Some(Challenge { realm: realm?, service, scope })
}

/// The token request a challenge calls for, with the registry's basic credentials when the shim has them
/// and the realm may carry them.
pub fn token_request(challenge: &Challenge, manifest: &Manifest, basic: Option<String>) -> Result<(String, Vec<(String, String)>), String> {
    let realm = &challenge.realm;
    if !(realm.starts_with("https://") || realm.starts_with("http://")) {
        return Err(format!("the registry's token server `{realm}` is not an HTTP URL"));
    }
    if realm.starts_with("http://") && !is_loopback(host_of(realm)) {
        return Err(format!("the registry's token server `{realm}` is plain HTTP; refused"));
    }
    let scope = challenge.scope.clone().unwrap_or_else(|| format!("repository:{}:pull", manifest.repository));
    let mut query = vec![("scope", scope)];
    query.extend(challenge.service.clone().map(|s| ("service", s)));
    let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
    let separator = if realm.contains('?') { '&' } else { '?' };
    let headers = basic.map(|b| ("Authorization".to_string(), b)).into_iter().collect();
    Ok((format!("{realm}{separator}{}", query.join("&")), headers))
}

pub fn read_token(answer: &Answer) -> Result<String, String> {
    if answer.status != 200 {
        return Err(format!("token server answered {}", answer.status));
    }
    #[derive(serde::Deserialize)]
    struct Token {
        token: Option<String>,
        access_token: Option<String>,
    }
    let token: Token = serde_json::from_slice(&answer.body).map_err(|e| format!("token server's answer is not valid JSON: {e}"))?;
    // As Docker reads it: `access_token` when given, else `token`.
    let given = |t: Option<String>| t.filter(|t| !t.is_empty());
    let token = given(token.access_token).or(given(token.token)).ok_or_else(|| "token server's answer holds no token".to_string())?;
    // It goes into an `Authorization` header: RFC 6750's characters only, so a hostile server cannot add a
    // header or break the request (and an error quoting it is never a token).
    let body = token.trim_end_matches('=');
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)) {
        return Err("token server's answer holds a token that is not a bearer token (RFC 6750)".into());
    }
    Ok(token)
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
        Answer { status, headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(), body: body.as_bytes().to_vec() }
    }

    #[test]
    fn docker_hub_names_and_mirrors() {
        let servers = Servers::default();
        let m = Manifest::new("docker.io", "nginx", "1.25", &servers);
        assert_eq!(m.url(), "https://registry-1.docker.io/v2/library/nginx/manifests/1.25");
        assert_eq!(Manifest::new("127.0.0.1:5000", "a/b", "v1", &servers).url(), "http://127.0.0.1:5000/v2/a/b/manifests/v1");
        let mirrored = Servers { registries: [("docker.io".to_string(), "https://mirror.example/".to_string())].into(), ..Servers::default() };
        assert_eq!(Manifest::new("docker.io", "bitnami/redis", "7", &mirrored).url(), "https://mirror.example/v2/bitnami/redis/manifests/7");
    }

    #[test]
    fn challenges() {
        let c = bearer_challenge(r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull""#).unwrap();
        assert_eq!((c.realm.as_str(), c.service.as_deref(), c.scope.as_deref()), ("https://auth.docker.io/token", Some("registry.docker.io"), Some("repository:library/nginx:pull")));
        assert_eq!(bearer_challenge(r#"Basic realm="Registry""#), None);
        let m = Manifest::new("ghcr.io", "o/i", "1", &Servers::default());
        let (url, headers) = token_request(&c, &m, None).unwrap();
        assert_eq!(url, "https://auth.docker.io/token?scope=repository%3Alibrary%2Fnginx%3Apull&service=registry.docker.io");
        assert!(headers.is_empty());
        let plain = Challenge { realm: "http://auth.example/token".into(), service: None, scope: None };
        assert!(token_request(&plain, &m, None).unwrap_err().contains("plain HTTP"));
    }

    #[test]
    fn tokens_are_bearer_tokens() {
        let token = |body: &str| read_token(&answer(200, &[], body));
        assert_eq!(token(r#"{"token":"eyJh.bG-c_i~O+/=="}"#), Ok("eyJh.bG-c_i~O+/==".to_string()));
        assert_eq!(token(r#"{"access_token":"abc","token":""}"#), Ok("abc".to_string()));
        assert_eq!(token(r#"{"access_token":"","token":""}"#), Err("token server's answer holds no token".into()));
        for hostile in [r#"{"token":"abc\r\nX-Injected: 1"}"#, r#"{"token":"a b"}"#, r#"{"token":"=="}"#, r#"{"token":"a=b"}"#] {
            assert!(token(hostile).unwrap_err().contains("not a bearer token"), "{hostile}");
        }
    }

    #[test]
    fn digests_are_of_the_bytes_received_and_checked() {
        let m = Manifest::new("127.0.0.1:5000", "x", "1", &Servers::default());
        let body = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#;
        let digest = format!("sha256:{:x}", Sha256::digest(body));
        assert_eq!(read_manifest(&m, &answer(200, &[("docker-content-digest", &digest)], body)), Read::Digest(digest.clone()));
        let wrong = format!("sha256:{}", "0".repeat(64));
        assert!(matches!(read_manifest(&m, &answer(200, &[("docker-content-digest", &wrong)], body)), Read::Failed(e) if e.contains("differs")));
        assert!(matches!(read_manifest(&m, &answer(200, &[], "{not json")), Read::Failed(e) if e.contains("not valid JSON")));
        assert!(matches!(read_manifest(&m, &answer(200, &[], r#"{"schemaVersion":1,"name":"x"}"#)), Read::Failed(e) if e.contains("media type")));
        assert!(matches!(read_manifest(&m, &answer(404, &[], "")), Read::Missing(e) if e == "registry answered 404 (not found): `x` has no tag `1`"));
    }
}

//! Container image references, parsed by the OCI / Docker distribution grammar:
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ domain "/" ] path-component ( "/" path-component )*
//! domain     := host [ ":" port ]   host: DNS name, IPv4, or "[" IPv6 "]"
//! tag        := [\w][\w.-]{0,127}
//! digest     := algorithm ":" hex   (sha256: 64 lowercase hex, sha512: 128)
//! ```
//!
//! Unlike most parsers this keeps "no tag" apart from `latest`, since the message to the user differs.

/// A syntactically valid image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Registry host (and port), normalized: `docker.io` when none is written.
    pub domain: &'a str,
    /// Repository path as written after the domain.
    pub path: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl ImageRef<'_> {
    /// `domain/path` with Docker Hub's `library/` prefix restored: the form policies match against.
    pub fn normalized_name(&self) -> String {
        if self.domain == "docker.io" && !self.path.contains('/') {
            format!("docker.io/library/{}", self.path)
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    pub fn pinning(&self) -> Pinning<'_> {
        match (self.digest, self.tag) {
            (Some(_), _) => Pinning::Digest,
            (None, Some("latest")) => Pinning::Latest,
            (None, Some(tag)) => Pinning::Tag(tag),
            (None, None) => Pinning::None,
        }
    }
}

/// How firmly a valid reference names its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pinning<'a> {
    Digest,
    Tag(&'a str),
    Latest,
    None,
}

const MAX_NAME: usize = 255;

/// Parses `text` as an image reference; the error says what is wrong in words meant for the user.
pub fn parse(text: &str) -> Result<ImageRef<'_>, String> {
    if text.is_empty() {
        return Err("the reference is empty".into());
    }
    // Printable ASCII, what references are written in, holds neither: only other text is decoded.
    let printable = text.bytes().all(|b| (b'!'..=b'~').contains(&b));
    if let Some(c) = text.chars().find(|c| !printable && (c.is_whitespace() || c.is_control())) {
        return Err(format!("it contains the character {c:?}"));
    }
    let (name_and_tag, digest) = match text.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (text, None),
    };
    if let Some(d) = digest {
        check_digest(d)?;
    }
    // The tag is after the last ':' that follows the last '/', so a registry port is not taken for a tag.
    let last_slash = name_and_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_and_tag[last_slash..].rfind(':') {
        Some(i) => (&name_and_tag[..last_slash + i], Some(&name_and_tag[last_slash + i + 1..])),
        None => (name_and_tag, None),
    };
    if let Some(t) = tag {
        check_tag(t)?;
    }
    if name.is_empty() {
        return Err("the repository name is empty".into());
    }
    let (domain, path) = split_domain(name);
    // The limit is on the name as Docker normalizes it: `nginx` is `docker.io/library/nginx`.
    let length = match domain {
        None | Some("docker.io" | "index.docker.io") => "docker.io/".len() + if path.contains('/') { 0 } else { "library/".len() } + path.len(),
        Some(_) => name.len(),
    };
    if length > MAX_NAME {
        return Err(format!("the repository name is {length} characters long as Docker reads it, over the limit of {MAX_NAME}"));
    }
    if let Some(d) = domain {
        check_domain(d)?;
    }
    check_path(path)?;
    let domain = match domain {
        None | Some("index.docker.io") => "docker.io",
        Some(d) => d,
    };
    Ok(ImageRef { domain, path, tag, digest })
}

/// Docker's rule: the first component is a registry when it has a `.` or `:`, is `localhost`, or has
/// uppercase letters (which a repository path may not).
fn split_domain(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':']) || first == "localhost" || first.chars().any(|c| c.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

fn check_domain(domain: &str) -> Result<(), String> {
    let bad = || Err(format!("`{domain}` is not a valid registry host"));
    let (host, port) = if let Some(rest) = domain.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else { return bad() };
        if v6.is_empty() || !v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') || !v6.contains(':') {
            return bad();
        }
        match after {
            "" => return Ok(()),
            _ => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return bad(),
            },
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(domain), None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{domain}` has an invalid port"));
        }
    }
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return bad();
        }
    }
    Ok(())
}

fn check_path(path: &str) -> Result<(), String> {
    for component in path.split('/') {
        if component.is_empty() {
            return Err("the repository path has an empty component".into());
        }
        if component.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(format!("the repository path `{path}` has uppercase letters; it must be lowercase"));
        }
        if !path_component_ok(component) {
            return Err(format!("`{component}` is not a valid repository path component"));
        }
    }
    Ok(())
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn path_component_ok(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

fn check_tag(tag: &str) -> Result<(), String> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut chars = tag.chars();
    let first_ok = chars.next().is_some_and(word);
    if !first_ok || tag.len() > 128 || !chars.all(|c| word(c) || c == '.' || c == '-') {
        return Err(format!("`{tag}` is not a valid tag (at most 128 of letters, digits, `_`, `.`, `-`, not starting with `.` or `-`)"));
    }
    Ok(())
}

pub fn check_digest(digest: &str) -> Result<(), String> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(format!("digest `{digest}` has no algorithm (expected `sha256:<64 hex>`)"));
    };
    let expected = match algorithm {
        "sha256" => 64,
        "sha512" => 128,
        _ => return Err(format!("digest algorithm `{algorithm}` is not supported (expected sha256 or sha512)")),
    };
    let length = hex.chars().count();
    if length != expected {
        return Err(format!("{algorithm} digest has {length} hex characters; it needs exactly {expected}"));
    }
    if !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(format!("{algorithm} digest must be lowercase hexadecimal"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn splits_registry_port_tag_and_digest() {
        let r = parse("localhost:5000/team/app:1.2").unwrap();
        assert_eq!((r.domain, r.path, r.tag, r.digest), ("localhost:5000", "team/app", Some("1.2"), None));
        let r = parse("nginx").unwrap();
        assert_eq!((r.domain, r.normalized_name(), r.pinning()), ("docker.io", "docker.io/library/nginx".into(), Pinning::None));
        assert_eq!(parse("nginx:latest").unwrap().pinning(), Pinning::Latest);
        assert_eq!(parse("index.docker.io/nginx:1").unwrap().normalized_name(), "docker.io/library/nginx");
        let with_both = format!("ghcr.io/o/a:v1@{D}");
        let r = parse(&with_both).unwrap();
        assert_eq!((r.tag, r.pinning()), (Some("v1"), Pinning::Digest));
        let r = parse("[::1]:5000/app").unwrap();
        assert_eq!((r.domain, r.path), ("[::1]:5000", "app"));
        let r = parse("localhost/app").unwrap();
        assert_eq!(r.domain, "localhost");
    }

    #[test]
    fn rejects_what_registries_reject() {
        assert!(parse("Nginx:1").unwrap_err().contains("uppercase"));
        assert!(parse("docker.io/Library/nginx").unwrap_err().contains("uppercase"));
        assert!(parse("nginx@sha256:abc").unwrap_err().contains("exactly 64"));
        assert_eq!(parse(&format!("nginx@{D}\u{200b}")).unwrap_err(), "sha256 digest has 65 hex characters; it needs exactly 64");
        assert!(parse(&D.replace('a', "A").replace("sha256:", "nginx@sha256:")).unwrap_err().contains("lowercase"));
        assert!(parse("nginx@md5:0123").unwrap_err().contains("not supported"));
        assert!(parse("nginx:-bad").unwrap_err().contains("not a valid tag"));
        assert!(parse(&format!("a/{}", "b".repeat(260))).unwrap_err().contains("over the limit"));
        // Docker Hub names count as `docker.io/library/…`, the length Docker checks.
        assert!(parse(&"b".repeat(237)).is_ok());
        assert_eq!(parse(&"b".repeat(238)).unwrap_err(), "the repository name is 256 characters long as Docker reads it, over the limit of 255");
        assert!(parse(&format!("ghcr.io/{}", "b".repeat(247))).is_ok());
        assert!(parse("a//b").is_err());
        assert!(parse("my-.app").is_err());
        assert!(parse("reg.io:x/app").is_err());
        assert!(parse("").is_err());
        assert!(parse("a b").is_err());
    }

    /// One case per rule of the grammar, at its edges: the parts read, or the exact error.
    #[test]
    fn grammar_edges() {
        let host = |h: &str| Err(format!("`{h}` is not a valid registry host"));
        let component = |c: &str| Err(format!("`{c}` is not a valid repository path component"));
        let bad_tag = |t: &str| {
            Err(format!("`{t}` is not a valid tag (at most 128 of letters, digits, `_`, `.`, `-`, not starting with `.` or `-`)"))
        };
        let longest_tag = format!("app:{}", "a".repeat(128));
        let too_long_tag = format!("app:{}", "a".repeat(129));
        let sha512 = format!("app@sha512:{}", "0".repeat(128));
        /// Domain, path and tag, or the error.
        type Parts<'a> = Result<(&'a str, &'a str, Option<&'a str>), String>;
        let cases: Vec<(&str, Parts)> = vec![
            // Any whitespace or control character, in the words of the user.
            ("a b", Err("it contains the character ' '".into())),
            ("a\0b", Err("it contains the character '\\0'".into())),
            // The tag is looked for after the last `/` only: a colon before it is a port.
            ("reg.io:/app", Err("`reg.io:` has an invalid port".into())),
            ("/app", Err("the repository path has an empty component".into())),
            ("reg.io:5000/app:1", Ok(("reg.io:5000", "app", Some("1")))),
            // A first component without `.`, `:`, uppercase and not `localhost` is a path, not a registry.
            ("library/nginx", Ok(("docker.io", "library/nginx", None))),
            ("team/app:1", Ok(("docker.io", "team/app", Some("1")))),
            // IPv6 hosts: hex digits, `:` (at least one) and `.` (an embedded IPv4), with or without a port.
            ("[::1]/app", Ok(("[::1]", "app", None))),
            ("[::ffff:10.0.0.1]:5000/app", Ok(("[::ffff:10.0.0.1]:5000", "app", None))),
            ("[::g]/app", host("[::g]")),
            ("[1.2]/app", host("[1.2]")),
            ("[]:5000/app", host("[]:5000")),
            ("[::1]x/app", host("[::1]x")),
            // DNS labels: letters, digits and inner `-`, never empty.
            ("my-reg.io/app", Ok(("my-reg.io", "app", None))),
            ("my_reg.io/app", host("my_reg.io")),
            ("-reg.io/app", host("-reg.io")),
            ("reg-.io/app", host("reg-.io")),
            ("reg..io/app", host("reg..io")),
            // Path components: lowercase alphanumerics joined by `.`, `_`, `__` or dashes.
            ("c_d/a.b/e__f/g---h", Ok(("docker.io", "c_d/a.b/e__f/g---h", None))),
            ("-app", component("-app")),
            ("app-", component("app-")),
            ("a___b", component("a___b")),
            ("a._b", component("a._b")),
            // Tags: a word character, then at most 127 of word characters, `.` and `-`.
            ("app:_v1.2-rc", Ok(("docker.io", "app", Some("_v1.2-rc")))),
            (&longest_tag, Ok(("docker.io", "app", Some(&longest_tag[4..])))),
            (&too_long_tag, bad_tag(&too_long_tag[4..])),
            ("app:v1$x", bad_tag("v1$x")),
            (&sha512, Ok(("docker.io", "app", None))),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).map(|r| (r.domain, r.path, r.tag)), expected, "{text:?}");
        }
    }

    #[test]
    fn normalized_name_adds_library_only_on_docker_hub() {
        for (text, name) in [
            ("nginx", "docker.io/library/nginx"),
            ("docker.io/team/app", "docker.io/team/app"),
            ("ghcr.io/app", "ghcr.io/app"),
            ("ghcr.io/o/app", "ghcr.io/o/app"),
        ] {
            assert_eq!(parse(text).unwrap().normalized_name(), name);
        }
    }
}

//! URLs as the online layer and the configuration judge them: which host a URL reaches, whether that host
//! is this machine, and whether a credential may travel to it.

/// The host (and port) of a URL.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    // `\` ends it too, as browsers and Node read `http(s)` URLs.
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or(rest);
    authority.rsplit_once('@').map_or(authority, |(_, host)| host)
}

/// Whether a host (with or without a port) is this machine.
pub fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(name, _)| name),
    };
    name == "localhost" || name == "::1" || name.strip_prefix("127.").is_some_and(|rest| rest.split('.').count() == 3)
}

/// Whether a credential may travel to `url`: encrypted, or to this machine.
pub fn may_carry_credentials(url: &str) -> bool {
    is_secure(url)
}

/// Whether `url` is HTTPS, or plain HTTP to this machine: what fixity fetches unless `.fixity.yml` lists
/// a server explicitly.
pub fn is_secure(url: &str) -> bool {
    url.starts_with("https://") || (url.starts_with("http://") && is_loopback(host_of(url)))
}

/// Whether `url` can be sent as it is written: visible ASCII but `\`, so nothing a request line or a
/// progress display would have to escape (percent-encoding writes it), and nothing Node's URL parser reads
/// otherwise than [`host_of`] (it takes `\` for `/`: `https://evil.example\@github.com` goes to
/// `evil.example`).
pub fn is_whole(url: &str) -> bool {
    url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_loopback() {
        assert_eq!(host_of("https://user@ghcr.io:443/v2/x"), "ghcr.io:443");
        assert!(is_loopback("127.0.0.1:5000") && is_loopback("localhost") && is_loopback("[::1]:80"));
        assert!(!is_loopback("127.example.com") && !is_loopback("registry.local:5000"));
        assert!(may_carry_credentials("https://ghcr.io/token") && may_carry_credentials("http://127.0.0.1:9/x"));
        assert!(!may_carry_credentials("http://registry.example.com/v2/"));
        assert!(is_whole("https://a.example/b%20c?d=e#f") && !is_whole("https://a.example/b c") && !is_whole("https://a.example/\u{1b}") && !is_whole("https://bücher.example"));
        assert!(!is_whole("https://evil.example\\@github.com/o/r") && host_of("https://evil.example\\@github.com/o/r") == "evil.example");
    }
}

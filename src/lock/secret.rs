//! Values that may be secrets never reach the lock in clear, nor as a plain hash (a low-entropy password
//! falls to a dictionary over its hash). With a key from the caller (`FIXITY_HMAC_KEY`) they are recorded
//! as HMAC-SHA256 over their canonical JSON; without one, as `redacted`, which is reported unverifiable.

use sha2::{Digest, Sha256};

/// HMAC-SHA256 (RFC 2104) over `message`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

/// A short public name for a key, so a lock made with one key is not "verified" with another: the first
/// 16 hex digits of HMAC(key, "fixity key id"), which says nothing about the key itself.
pub fn key_id(key: &[u8]) -> String {
    crate::model::hex(&hmac_sha256(key, b"fixity key id")[..8])
}

/// The shortest `FIXITY_HMAC_KEY` accepted: the lock's `hmacKeyId` lets anyone test guesses of the key
/// offline, so it must be out of reach of guessing.
pub const MIN_KEY_BYTES: usize = 32;

/// The caller's HMAC key, refused when it is short enough to guess.
pub fn check_key(key: &[u8]) -> Result<(), String> {
    if key.len() >= MIN_KEY_BYTES {
        return Ok(());
    }
    Err(format!("FIXITY_HMAC_KEY has {} bytes; it needs at least {MIN_KEY_BYTES} (the lock's hmacKeyId lets anyone test guesses offline): use `openssl rand -hex 32`", key.len()))
}

/// Whether a name (an environment variable's, a data key's) says its value is a credential. Generous: a
/// value taken for a secret is only hashed with the key, a secret taken for a plain value is exposed.
pub fn is_secret_name(name: &str) -> bool {
    const FRAGMENTS: &[&str] = &["PASS", "SECRET", "TOKEN", "APIKEY", "PRIVATE", "CREDENTIAL", "DSN", "COOKIE"];
    const WORDS: &[&str] = &["PW", "PWD", "PAT", "KEY", "AUTH", "CREDS"];
    // Upper case, with camelCase humps split into words (`sessionKey` is `SESSION KEY`).
    let mut upper = String::with_capacity(name.len() + 4);
    let mut after_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && after_lower {
            upper.push(' ');
        }
        after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        upper.push(c.to_ascii_uppercase());
    }
    FRAGMENTS.iter().any(|f| upper.contains(f)) || upper.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| WORDS.contains(&word))
}

/// Whether a value carries a credential in a URL (`postgres://user:pass@host/db`, `https://token@host`).
pub fn has_credentials(value: &str) -> bool {
    value.match_indices("://").any(|(at, _)| {
        let authority = value[at + 3..].split(['/', '?', '#', ' ']).next().unwrap_or("");
        authority.rsplit_once('@').is_some_and(|(userinfo, _)| !userinfo.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hex;

    #[test]
    fn rfc4231_vectors() {
        // Test cases 1, 2 and 6 (a key longer than the block) of RFC 4231.
        assert_eq!(hex(&hmac_sha256(&[0x0b; 20], b"Hi There")), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assert_eq!(hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert_eq!(hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        // A key of exactly one block is used as it is, one byte more is hashed first (Python's hmac).
        assert_eq!(hex(&hmac_sha256(&[0x0b; 64], b"Hi There")), "21cd586aeca0579d99a1c938127c92525a371f807bc5ba6eb78bc825bd4f2be3");
        assert_eq!(hex(&hmac_sha256(&[0x0b; 65], b"Hi There")), "727b82fba264393c5d67fd6d6ad783e9019a1fa6a857fccb70f5852f04be5d5d");
    }

    #[test]
    fn secret_names() {
        assert!(is_secret_name("DB_PASSWORD"));
        assert!(is_secret_name("github-token"));
        assert!(is_secret_name("STRIPE_API_KEY"));
        assert!(!is_secret_name("LOG_LEVEL"));
        for name in ["GITHUB_PAT", "PGPASS", "PW", "SESSION_KEY", "mysql-pwd", "ssl.key", "CLIENT_CREDS", "sessionKey"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["KEYCLOAK_REALM", "PATH", "MONKEY", "AUTHOR", "PORT"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn credentials_in_urls() {
        assert!(has_credentials("postgres://u:p@h/db"));
        assert!(has_credentials("--db=redis://:hunter2@cache:6379 --x"));
        assert!(has_credentials("https://ghp_abc@github.com/o/r.git"));
        assert!(!has_credentials("https://example.com/a@b"));
        assert!(!has_credentials("postgres://h/db"));
        assert!(!has_credentials("user@example.com"));
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(check_key(&[7; 32]).is_ok());
        assert_eq!(
            check_key(b"test-key-not-secret"),
            Err("FIXITY_HMAC_KEY has 19 bytes; it needs at least 32 (the lock's hmacKeyId lets anyone test guesses offline): use `openssl rand -hex 32`".into())
        );
    }
}

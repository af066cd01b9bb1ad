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

/// Whether an environment variable's name says its value is a credential.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace(['-', '.'], "_");
    const WORDS: &[&str] = &["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY", "DSN"];
    WORDS.iter().any(|w| upper.contains(w))
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
    }

    #[test]
    fn secret_names() {
        assert!(is_secret_name("DB_PASSWORD"));
        assert!(is_secret_name("github-token"));
        assert!(is_secret_name("STRIPE_API_KEY"));
        assert!(!is_secret_name("LOG_LEVEL"));
    }
}

//! The RFC 8785 test vectors (cyberphone/json-canonicalization's testdata), read from the shared folder
//! beside the repository (`../shared/testdata/rfc8785`, or `$FIXITY_SHARED_DIR/testdata/rfc8785`); never
//! copied into the project. Without that folder the test says so and passes.

use fixity::jcs;
use std::path::PathBuf;

fn vectors() -> Option<PathBuf> {
    let shared = std::env::var_os("FIXITY_SHARED_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("testdata/rfc8785");
    dir.join("input").is_dir().then_some(dir)
}

#[test]
fn canonicalizes_the_rfc8785_vectors() {
    let Some(dir) = vectors() else {
        println!("SKIPPED: RFC 8785 vectors not found (set FIXITY_SHARED_DIR or put them at ../shared/testdata/rfc8785)");
        return;
    };
    let mut names: Vec<_> = std::fs::read_dir(dir.join("input")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert!(names.len() >= 6, "expected the six RFC 8785 vectors, found {names:?}");
    for name in names {
        let input = std::fs::read_to_string(dir.join("input").join(&name)).unwrap();
        let expected = std::fs::read(dir.join("output").join(&name)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&input).unwrap();
        let actual = jcs::canonical(&value);
        assert_eq!(actual.as_bytes(), expected.as_slice(), "{name:?}");
        let hex_name = PathBuf::from(&name).with_extension("txt");
        let hex = std::fs::read_to_string(dir.join("outhex").join(hex_name)).unwrap();
        let bytes: Vec<u8> = hex.split_whitespace().map(|h| u8::from_str_radix(h, 16).unwrap()).collect();
        assert_eq!(actual.as_bytes(), bytes.as_slice(), "{name:?} (outhex)");
    }
}

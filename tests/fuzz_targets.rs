//! Every manifest kind fixity reads has a fuzz target (`fuzz/`, run by `scripts/fuzz-smoke`), named after
//! the kind: a new reader cannot land without one.

use std::path::Path;

#[test]
fn every_kind_has_a_fuzz_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).unwrap();
    let targets: Vec<&str> = manifest.lines().filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"')).filter(|n| *n != "fixity-fuzz").collect();
    let missing: Vec<String> = fixity::sources::ALL
        .iter()
        .map(|kind| kind.name.replace('-', "_"))
        .filter(|target| !targets.contains(&target.as_str()))
        .collect();
    assert!(missing.is_empty(), "kinds without a fuzz target in fuzz/Cargo.toml: {missing:?}");
    for target in targets {
        let source = root.join(format!("fuzz/fuzz_targets/{target}.rs"));
        assert!(source.is_file(), "fuzz target `{target}` has no {}", source.display());
    }
}

#![no_main]
//! `.fixity.yml`: parses or says why, the same way twice.
use fixity::Config;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    let first = Config::parse(text, &fixity::rules::knobs).map(|c| format!("{c:?}")).map_err(|e| format!("{e:?}"));
    let again = Config::parse(text, &fixity::rules::knobs).map(|c| format!("{c:?}")).map_err(|e| format!("{e:?}"));
    assert_eq!(first, again);
});

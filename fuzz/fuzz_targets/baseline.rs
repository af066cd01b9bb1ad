#![no_main]
//! A baseline file (`--baseline`): parses or says why in one line, the same way twice.
use fixity::baseline::Baseline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    let first = Baseline::parse(text).err();
    if let Some(why) = &first {
        assert!(!why.contains('\n'), "a multi-line error: {why:?}");
    }
    assert_eq!(first, Baseline::parse(text).err());
});

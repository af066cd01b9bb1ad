#![no_main]
//! Image references: a pinned reference that parses reads back, written in full, as the same registry,
//! repository and digest.
use fixity::reference::image::{parse, Pinning};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    let Ok(image) = parse(text) else { return };
    let _ = image.pinning();
    let Some(digest) = image.digest else { return };
    assert_eq!(image.pinning(), Pinning::Digest);
    let full = format!("{}/{}@{digest}", image.domain, image.path);
    let again = parse(&full).unwrap_or_else(|e| panic!("{text:?} parses but {full:?} does not: {e}"));
    assert_eq!((again.domain, again.path, again.digest), (image.domain, image.path, image.digest), "{text:?} as {full:?}");
    assert_eq!(again.normalized_name(), image.normalized_name());
});

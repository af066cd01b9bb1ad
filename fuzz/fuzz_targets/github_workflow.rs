#![no_main]
//! The github_workflow reader through the engine, as the file `.github/workflows/ci.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file(".github/workflows/ci.yml", data));

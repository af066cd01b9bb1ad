#![no_main]
//! The pre-commit reader through the engine, as the file `.pre-commit-config.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file(".pre-commit-config.yaml", data));

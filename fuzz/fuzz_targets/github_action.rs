#![no_main]
//! The github_action reader through the engine, as the file `action.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("action.yml", data));

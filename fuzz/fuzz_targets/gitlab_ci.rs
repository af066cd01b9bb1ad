#![no_main]
//! The gitlab_ci reader through the engine, as the file `.gitlab-ci.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file(".gitlab-ci.yml", data));

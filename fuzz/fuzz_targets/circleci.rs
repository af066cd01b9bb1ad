#![no_main]
//! The CircleCI reader through the engine, as the file `.circleci/config.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file(".circleci/config.yml", data));

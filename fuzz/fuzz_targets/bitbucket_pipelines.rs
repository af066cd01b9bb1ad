#![no_main]
//! The Bitbucket Pipelines reader through the engine, as the file `bitbucket-pipelines.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("bitbucket-pipelines.yml", data));

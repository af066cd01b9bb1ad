#![no_main]
//! The Google Cloud Build reader through the engine, as the file `cloudbuild.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("cloudbuild.yaml", data));

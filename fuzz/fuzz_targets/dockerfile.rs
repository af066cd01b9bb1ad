#![no_main]
//! The dockerfile reader through the engine, as the file `Dockerfile`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("Dockerfile", data));

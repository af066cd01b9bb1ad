#![no_main]
//! The compose reader through the engine, as the file `compose.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("compose.yaml", data));

#![no_main]
//! The compose_env reader through the engine, as the file `.env`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file(".env", data));

#![no_main]
//! The terraform reader through the engine, as the file `main.tf`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("main.tf", data));

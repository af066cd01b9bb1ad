#![no_main]
//! The kubernetes reader through the engine, as the file `deploy/app.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("deploy/app.yaml", data));

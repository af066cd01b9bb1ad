#![no_main]
//! The Pulumi YAML program reader through the engine, as the file `Pulumi.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("Pulumi.yaml", data));

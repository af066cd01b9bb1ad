#![no_main]
//! The kustomization reader through the engine, as the file `kustomization.yaml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("kustomization.yaml", data));

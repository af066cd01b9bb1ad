#![no_main]
//! The Azure Pipelines reader through the engine, as the file `azure-pipelines.yml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("azure-pipelines.yml", data));

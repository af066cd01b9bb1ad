#![no_main]
//! The pulumi-preview reader through the engine: JSON told by its content, here given its kind.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_kind("pulumi-preview", "pulumi_preview.json", data));

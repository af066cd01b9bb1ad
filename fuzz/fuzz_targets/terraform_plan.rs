#![no_main]
//! The terraform-plan reader through the engine: JSON told by its content, here given its kind.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_kind("terraform-plan", "terraform_plan.json", data));

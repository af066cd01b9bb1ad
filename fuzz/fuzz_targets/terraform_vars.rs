#![no_main]
//! The terraform_vars reader through the engine, as the file `terraform.tfvars`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_file("terraform.tfvars", data));

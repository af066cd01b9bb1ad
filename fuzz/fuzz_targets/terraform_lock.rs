#![no_main]
//! `.terraform.lock.hcl` through the engine, beside the configuration whose providers it locks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let versions = include_str!("../../tests/folders/terraform-root/versions.tf");
    fixity_fuzz::check_beside(".terraform.lock.hcl", data, &[("versions.tf", versions)]);
});

#![no_main]
//! `Chart.yaml` through the engine, beside a `Chart.lock` its dependencies are compared with.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let lock = include_str!("../../tests/folders/chart-in-sync/Chart.lock");
    fixity_fuzz::check_beside("Chart.yaml", data, &[("Chart.lock", lock)]);
});

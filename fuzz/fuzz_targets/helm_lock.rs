#![no_main]
//! `Chart.lock` through the engine, beside the `Chart.yaml` it locks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let chart = include_str!("../../tests/folders/chart-in-sync/Chart.yaml");
    fixity_fuzz::check_beside("Chart.lock", data, &[("Chart.yaml", chart)]);
});

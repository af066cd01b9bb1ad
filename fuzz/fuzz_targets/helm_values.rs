#![no_main]
//! The Helm values reader through the engine, as `values.yaml` beside a `Chart.yaml` (whose
//! `appVersion` an image without a tag takes).
libfuzzer_sys::fuzz_target!(|data: &[u8]| fixity_fuzz::check_beside("values.yaml", data, &[("Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"1.27.1\"\n")]));

#![no_main]
//! `fixity drift`: a live export (kubectl JSON, Terraform plan or state) compared with a small valid lock.
//! The first byte picks the lock: the Kubernetes shop's or the Terraform infrastructure's.
use fixity::{Config, Engine, Options};

const SHOP: (&str, Option<&[u8]>, &str, &[u8]) = (include_str!("../../tests/lock/shop/fixity.lock.json"), Some(fixity_fuzz::SHOP_KEY), "shop/web.yaml", include_bytes!("../../tests/lock/shop/web.yaml"));
const INFRA: (&str, Option<&[u8]>, &str, &[u8]) = (include_str!("../../tests/lock/infra/fixity.lock.json"), None, "", b"");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, live)) = data.split_first() else { return };
    let Some(live) = fixity_fuzz::text(live) else { return };
    let (lock, key, declared, declared_text) = if pick % 2 == 0 { SHOP } else { INFRA };
    let run = || {
        let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
        let started = engine.start_drift("fixity.lock.json", Some(lock.to_string()), true, ("live.json", live), key, Default::default());
        if started.is_err() {
            return (started, Vec::new());
        }
        if !declared.is_empty() {
            engine.add_file(declared, declared_text, None);
        }
        engine.finish();
        let drift = engine.drift();
        (drift, engine.report().findings.clone())
    };
    let (result, findings) = run();
    assert_eq!((result, findings.clone()), run(), "the same export gives the same findings");
    fixity_fuzz::assert_inside(&findings, "live.json", live.as_bytes());
});

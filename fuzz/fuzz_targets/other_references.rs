#![no_main]
//! Action `uses:`, GitLab include, Terraform module, download and git ref parsing: no panic, and an action
//! that parses reads back the same from `name@ref`.
use fixity::reference::{action, download, git, include, module};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    if let Ok(a) = action::parse(text) {
        let written = match a.git_ref {
            Some(r) => format!("{}@{r}", a.name),
            None => a.name.to_string(),
        };
        assert_eq!(action::parse(&written), Ok(a.clone()), "{text:?} as {written:?}");
        let _ = a.noun();
    }
    let (path, version) = include::split_version(text);
    let _ = include::component_path(path);
    if let Some(v) = version {
        let _ = include::component_version(v);
    }
    let _ = include::integrity_problem(text);
    let _ = module::parse(text);
    let _ = download::parse(text);
    let _ = download::checksum_problem(text);
    let _ = git::pin(text);
    let _ = git::weakness(text);
});

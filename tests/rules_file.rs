#![cfg(not(target_arch = "wasm32"))]
//! In the browser the candor check's rules are a file the release build
//! writes (scripts/post-build.mjs, with scripts/strip-rules.mjs); natively
//! they are the copy build.rs writes. Both must be the same text, or the
//! app would check with other rules than the tests do.

use std::process::Command;

#[test]
fn the_browsers_rules_file_is_what_the_tests_check_with() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("node")
        .arg(format!("{root}/scripts/strip-rules.mjs"))
        .arg(format!("{root}/src/candor/rules.txt"))
        .output()
        .expect("node runs (it builds the release too)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser = String::from_utf8(out.stdout).expect("UTF-8");
    let compiled_in = include_str!(concat!(env!("OUT_DIR"), "/rules.txt"));
    assert!(compiled_in.lines().count() > 500, "the rules are all there");
    assert_eq!(browser, compiled_in);
}

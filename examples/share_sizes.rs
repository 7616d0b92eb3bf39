//! Prints Candor's share link for each reference draft in
//! tests/fixtures/share/ as JSON, `{"name": "link", ...}`, for the
//! link-size benchmark (tests/bench/link_sizes.mjs, `make bench`). Give
//! another directory of draft JSON files as the argument to measure those.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::BTreeMap;
    let dir = match std::env::args_os().nth(1) {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/share"),
    };
    let mut links = BTreeMap::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let draft: candor::model::Draft =
                serde_json::from_str(&std::fs::read_to_string(&path)?)
                    .map_err(|e| format!("{} is not a draft: {e}", path.display()))?;
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            links.insert(name.unwrap_or_default(), candor::share::encode(&draft));
        }
    }
    println!("{}", serde_json::to_string_pretty(&links)?);
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}

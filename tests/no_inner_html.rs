#![cfg(not(target_arch = "wasm32"))]
//! User text is data, never markup: no Candor source may set inner HTML.
//! (Leptos writes text nodes; the HTML notice form is escaped in
//! notice/html.rs and shown only as text.)

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_sets_inner_html() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 5, "found the sources");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["inner_html", "set_inner_html", "innerHTML", "outer_html"]
                .iter()
                .any(|name| code.contains(name))
            {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "inner HTML is set here:\n{}",
        found.join("\n")
    );
}

//! Writes the copies of data files that the app embeds, less what it never
//! shows: from `src/candor/rules.txt` the comments, blank lines, `source:`
//! lines and the ` ; source` after each pattern and zone; from the zone
//! picker's tables their `#` lines. The full files stay the ones to edit; a
//! native test parses the full rules and insists on every source.
//!
//! When `CANDOR_SPLIT_DIR` is set (the editor's release build,
//! scripts/release.sh), it also turns on the `candor_split` cfg and asks the
//! linker to keep its relocations (`--emit-relocs`): the editor's wasm is then
//! split into the start module and the parts loaded later
//! (tools/wasm-split/README.md). Every other build stays one module.

use std::{env, fs, path::PathBuf};

/// The keys of rules.txt whose value ends in ` ; source`.
const SOURCED: [&str; 9] = [
    "phrase:",
    "unless:",
    "unless-sentence:",
    "needs-sentence:",
    "unless-earlier:",
    "unless-before:",
    "zone:",
    "offset-names:",
    "generic-names:",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(candor_split)");
    println!("cargo::rerun-if-env-changed=CANDOR_SPLIT_DIR");
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && env::var_os("CANDOR_SPLIT_DIR").is_some_and(|dir| !dir.is_empty()) {
        println!("cargo::rustc-cfg=candor_split");
        // Only the editor is split; the reader's page stays one module.
        println!("cargo::rustc-link-arg-bin=candor=--emit-relocs");
    }

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut rules = String::new();
    for line in read("src/candor/rules.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with("source:") {
            continue;
        }
        let line = match line.split_once(" ; ") {
            Some((body, _)) if SOURCED.iter().any(|key| line.starts_with(key)) => body.trim_end(),
            _ => line,
        };
        rules.push_str(line);
        rules.push('\n');
    }
    write(out.join("rules.txt"), rules);

    for name in ["zones.tsv", "common-names.tsv"] {
        let rows: String = read(&format!("src/time/{name}"))
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| [l, "\n"])
            .collect();
        write(out.join(name), rows);
    }
}

fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn write(path: PathBuf, text: String) {
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

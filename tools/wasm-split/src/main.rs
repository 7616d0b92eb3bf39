//! Splits Candor's release wasm (linked with `--emit-relocs`, see build.rs)
//! at its `#[wasm_split]` points: the start module, which wasm-bindgen then
//! processes as usual, and one wasm file per part loaded later, with the
//! JavaScript that fetches them. `scripts/split/wasm-bindgen` runs it; see
//! README.md beside this file for why and how.
//!
//! Usage: candor-wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm MAIN_MODULE LINK_NAME
//!
//! - OUT_DIR: where the parts and the loader (LINK_NAME) are written
//! - MAIN_OUT.wasm: the start module, for wasm-bindgen
//! - MAIN_MODULE: the loader's import of wasm-bindgen's JavaScript, e.g. `./candor.js`
//! - LINK_NAME: the loader's file name as the start module imports it, e.g. `./split.js`

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out, main_module, link_name] = args.as_slice() else {
        eprintln!(
            "usage: candor-wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm MAIN_MODULE LINK_NAME"
        );
        return ExitCode::from(2);
    };
    let wasm = match std::fs::read(input) {
        Ok(wasm) => wasm,
        Err(e) => {
            eprintln!("candor-wasm-split: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = Path::new(out_dir);
    opts.main_out_path = Path::new(main_out);
    opts.main_module = main_module;
    opts.link_name = link_name;
    match wasm_split_cli_support::transform(opts) {
        Ok(split) => {
            let mut parts = split.prefetch_map.into_iter().collect::<Vec<_>>();
            parts.sort();
            for (split, files) in parts {
                println!("candor-wasm-split: {split} loads {}", files.join(", "));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("candor-wasm-split: {e:?}");
            ExitCode::FAILURE
        }
    }
}

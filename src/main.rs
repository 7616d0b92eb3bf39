//! The browser entry point: Trunk builds this into the page's wasm module.

#[cfg(target_arch = "wasm32")]
fn main() {
    candor::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Candor runs in the browser: run `make serve` and open http://127.0.0.1:8080");
}

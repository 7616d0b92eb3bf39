//! The reader's page's entry point: Trunk builds this into the wasm of
//! src/read.html, which shows the notice a reader's link carries.

#[cfg(target_arch = "wasm32")]
fn main() {
    candor::ui::reader::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Candor's reader's page runs in the browser: build it with `make release` and open read/ beside Candor");
}

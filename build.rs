//! The page's split build (`--features split`) links its wasm with relocations kept, which
//! the wasm-split step reads to tell which functions each split point reaches.

fn main() {
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f.split(',').any(|f| f == "wasm"));
    if split && wasm {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}

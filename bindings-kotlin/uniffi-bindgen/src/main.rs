//! `cargo run -p uniffi-bindgen -- generate …`: the generator at the exact version of the
//! scaffolding in `canceranmalan-kotlin`.
fn main() {
    uniffi::uniffi_bindgen_main()
}

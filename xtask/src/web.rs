//! `cargo xtask wasm`, `demo` and `serve`: the Wasm module and the demo page.
use crate::util::{fail, Result};

pub fn wasm(_args: &[String]) -> Result {
    Err(fail("wasm: not implemented yet"))
}

pub fn demo(_args: &[String]) -> Result {
    Err(fail("demo: not implemented yet"))
}

pub fn serve_cmd(_args: &[String]) -> Result {
    Err(fail("serve: not implemented yet"))
}

//! `cargo xtask eval clean`: junk recall, body kept, words glued.
use crate::util::{fail, Result};

pub fn run(_args: &[String]) -> Result {
    Err(fail("eval clean: not implemented yet"))
}

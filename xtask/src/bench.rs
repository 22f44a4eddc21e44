//! `cargo xtask bench`: speed and size.
use crate::util::{fail, Result};

pub fn run(_args: &[String]) -> Result {
    Err(fail("bench: not implemented yet"))
}

//! `cargo xtask eval quotes`: PolNeAR dev predictions scored by ../shared/eval/quotes.
use crate::util::{fail, Result};

pub fn run(_args: &[String]) -> Result {
    Err(fail("eval quotes: not implemented yet"))
}

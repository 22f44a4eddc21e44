//! `cargo xtask train-ner` and `cargo xtask eval ner`.
use crate::util::{fail, Result};

pub fn train(_args: &[String]) -> Result {
    Err(fail("train-ner: not implemented yet"))
}

pub fn eval(_args: &[String]) -> Result {
    Err(fail("eval ner: not implemented yet"))
}

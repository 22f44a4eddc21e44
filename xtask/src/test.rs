//! `cargo xtask test`: everything CI runs.
use crate::util::{cargo, run as sh, Result};

pub fn run(_args: &[String]) -> Result {
    sh(cargo().args(["fmt", "--all", "--check"]))?;
    sh(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    sh(cargo().args(["test", "--workspace"]))?;
    Ok(())
}

//! Helpers shared by the xtask commands.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// An xtask failure; `usage` failures exit with code 2.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub usage: bool,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<E: std::error::Error> From<E> for Failure {
    fn from(e: E) -> Failure {
        fail(e.to_string())
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

pub fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        usage: false,
    }
}

pub fn usage(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        usage: true,
    }
}

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// `../shared` next to the repository (override with NEWSMARK_SHARED).
pub fn shared() -> PathBuf {
    std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"))
}

/// Runs a command in the repository root, echoing it; fails when it fails.
/// The `.txt` files of `dir`, in name order.
pub fn txt_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| fail(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    Ok(names)
}

/// The texts of the `.txt` files of `dir`, in name order.
pub fn read_texts(dir: &Path) -> Result<Vec<String>> {
    txt_files(dir)?
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| fail(format!("{}: {e}", p.display()))))
        .collect()
}

pub fn run(cmd: &mut Command) -> Result {
    eprintln!("$ {}", show(cmd));
    let status = cmd
        .current_dir(
            cmd.get_current_dir()
                .map(Path::to_path_buf)
                .unwrap_or_else(root),
        )
        .status()
        .map_err(|e| fail(format!("{}: {e}", show(cmd))))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!("`{}` failed ({status})", show(cmd))))
    }
}

/// Runs a command and returns its standard output.
pub fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .current_dir(
            cmd.get_current_dir()
                .map(Path::to_path_buf)
                .unwrap_or_else(root),
        )
        .output()
        .map_err(|e| fail(format!("{}: {e}", show(cmd))))?;
    if !out.status.success() {
        return Err(fail(format!(
            "`{}` failed: {}",
            show(cmd),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Is `program` on PATH?
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

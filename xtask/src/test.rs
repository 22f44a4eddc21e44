//! `cargo xtask test`: everything CI runs.
//!
//! fmt, clippy, the Wikipedia texts (`cargo xtask fetch-wiki`) and the Rust tests; then the
//! Wasm module (built and optimised into `www/pkg/`, checked against its size budget), its Node
//! tests, and the demo page and the extension in headless Chromium (installed with apt when
//! missing and running as root).
use crate::util::{cargo, fail, have, output, root, run as sh, Result};
use crate::web;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `cargo xtask test` runs everything; `cargo xtask test web` only the Wasm, Node and browser
/// stages (for work on www/).
pub fn run(args: &[String]) -> Result {
    let web_only = match args {
        [] => false,
        [a] if a == "web" => true,
        _ => {
            return Err(crate::util::usage(
                "usage: cargo xtask test [web]  (web: only the Wasm, Node and browser tests)",
            ))
        }
    };
    if !web_only {
        sh(cargo().args(["fmt", "--all", "--check"]))?;
        sh(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The Wikipedia NER check set's texts; with NEWSMARK_REQUIRE_DATA, a test whose data
        // (../shared, these texts) is missing fails instead of skipping.
        crate::fetch_wiki::run(&[])?;
        sh(cargo()
            .args(["test", "--workspace"])
            .env("NEWSMARK_REQUIRE_DATA", "1"))?;
    }

    let size = web::build_wasm()?;
    check_budget(size.gzip, &size.path)?;
    println!(
        "wasm module: {} bytes raw, {} bytes gzipped",
        size.raw, size.gzip
    );

    if !have("node") {
        return Err(fail(
            "node (Node 20) is needed for the Wasm and browser tests: apt-get install -y nodejs npm",
        ));
    }
    let www = root().join("www");
    sh(&mut node_test(&www, "tests/node")?)?;

    let chromium = ensure_chromium()?;
    sh(node_test(&www, "tests/browser")?.env("NEWSMARK_CHROMIUM", chromium))?;
    println!("cargo xtask test: all passed");
    Ok(())
}

fn check_budget(gzip: u64, path: &Path) -> Result {
    if gzip > web::GZIP_BUDGET {
        return Err(fail(format!(
            "{} is {gzip} bytes gzipped, over the budget of {} bytes",
            path.display(),
            web::GZIP_BUDGET
        )));
    }
    println!(
        "size budget: {gzip} of {} bytes gzipped ({:.0}%)",
        web::GZIP_BUDGET,
        100.0 * gzip as f64 / web::GZIP_BUDGET as f64
    );
    Ok(())
}

/// `node --test` over the `*.test.mjs` files of `www/<dir>`, in name order, one file at a time
/// (the machine is small; browser tests each start a Chromium).
fn node_test(www: &Path, dir: &str) -> Result<Command> {
    let mut files: Vec<String> = std::fs::read_dir(www.join(dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    if files.is_empty() {
        return Err(fail(format!("no *.test.mjs files in www/{dir}")));
    }
    files.sort();
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-concurrency=1"])
        .current_dir(www)
        .args(files);
    Ok(cmd)
}

/// Debian's Chromium for the browser tests: `NEWSMARK_CHROMIUM` or /usr/bin/chromium, installed
/// with apt when missing and running as root.
fn ensure_chromium() -> Result<PathBuf> {
    let path = std::env::var_os("NEWSMARK_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        return Ok(path);
    }
    let root_user = output(Command::new("id").arg("-u")).is_ok_and(|u| u.trim() == "0");
    if !root_user {
        return Err(fail(format!(
            "{} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium",
            path.display()
        )));
    }
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "chromium"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    if !path.exists() {
        return Err(fail(format!(
            "apt-get installed chromium but {} is still missing",
            path.display()
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_fails_over_two_megabytes() {
        let p = Path::new("x.wasm");
        assert!(check_budget(web::GZIP_BUDGET, p).is_ok());
        let err = check_budget(web::GZIP_BUDGET + 1, p).unwrap_err();
        assert!(err.message.contains("over the budget"));
    }

    #[test]
    fn finds_the_test_files() {
        let www = root().join("www");
        let cmd = node_test(&www, "tests/node").unwrap();
        let args: Vec<String> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args[0], "--test");
        assert!(args.iter().any(|a| a == "tests/node/api.test.mjs"));
        assert!(node_test(&www, "samples").is_err());
    }
}

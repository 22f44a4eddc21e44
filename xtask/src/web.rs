//! `cargo xtask wasm`, `demo` and `serve`: the Wasm module and the demo page.
//!
//! `wasm` installs what a fresh machine lacks (the wasm32 target, `wasm-bindgen-cli` at the
//! version in Cargo.lock, the npm packages of `www/`), builds the release module, binds it
//! into `www/pkg/`, strips it with binaryen's `wasm-opt` and copies the runtime files into
//! the browser extension. `serve` is a small std-only static file server for `www/`.

use crate::util::{cargo, fail, have, output, root, run, usage, Result};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const TARGET: &str = "wasm32-unknown-unknown";
/// The size budget of the optimised module, gzipped.
pub const GZIP_BUDGET: u64 = 2 * 1024 * 1024;

/// Features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-reference-types",
];

/// The flag `.cargo/config.toml` gives every wasm32 build (`[target.wasm32-unknown-unknown]
/// rustflags`): LLVM's inliner at threshold 75 instead of 225. Measured in A/B runs of both
/// builds (`bench/compile-ab.mjs`, `bench/first.mjs`, `bench/ab.mjs`, `bench/ab-browser.mjs`):
/// the first `analyze` ~10% cheaper (V8 compiles less code lazily), throughput unchanged.
pub const WASM_INLINE_FLAG: &str = "llvm-args=-inline-threshold=75";

/// A note when RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set without [`WASM_INLINE_FLAG`]: Cargo
/// then ignores the rustflags of `.cargo/config.toml`, so the module is built without it.
fn rustflags_note(rustflags: Option<&str>, encoded: Option<&str>) -> Option<String> {
    // Cargo reads CARGO_ENCODED_RUSTFLAGS first, then RUSTFLAGS; either, even empty, wins.
    let (name, flags) = match (encoded, rustflags) {
        (Some(e), _) => ("CARGO_ENCODED_RUSTFLAGS", e),
        (None, Some(r)) => ("RUSTFLAGS", r),
        (None, None) => return None,
    };
    if flags.contains(WASM_INLINE_FLAG) {
        return None;
    }
    Some(format!(
        "note: {name} is set, so Cargo ignores the rustflags of .cargo/config.toml for {TARGET}: \
         the module is built without `-C {WASM_INLINE_FLAG}` (its first call compiles more code)"
    ))
}

pub fn wasm(args: &[String]) -> Result {
    if let Some(a) = args.first() {
        return Err(usage(format!("wasm takes no arguments (got {a})")));
    }
    build_wasm().map(|_| ())
}

pub fn demo(args: &[String]) -> Result {
    let port = parse_port(args)?;
    build_wasm()?;
    serve(port)
}

pub fn serve_cmd(args: &[String]) -> Result {
    let port = parse_port(args)?;
    if !root().join("www/pkg/newsmark_bg.wasm").exists() {
        eprintln!(
            "note: www/pkg/ is not built yet; run `cargo xtask wasm` (or `cargo xtask demo`)"
        );
    }
    serve(port)
}

fn parse_port(args: &[String]) -> Result<u16> {
    let mut port = 8080;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => {
                let v = it.next().ok_or_else(|| usage("--port needs a number"))?;
                port = v
                    .parse()
                    .map_err(|_| usage(format!("--port: not a port number: {v}")))?;
            }
            other => return Err(usage(format!("unknown argument: {other}"))),
        }
    }
    Ok(port)
}

/// Sizes of the built module.
pub struct WasmSize {
    pub path: PathBuf,
    pub raw: u64,
    pub gzip: u64,
}

/// Builds `www/pkg/` (installing the tools it needs) and returns the module's size.
pub fn build_wasm() -> Result<WasmSize> {
    let root = root();
    ensure_target()?;
    let bindgen = ensure_wasm_bindgen()?;
    ensure_npm_packages()?;

    let env = |k: &str| std::env::var(k).ok();
    if let Some(note) = rustflags_note(
        env("RUSTFLAGS").as_deref(),
        env("CARGO_ENCODED_RUSTFLAGS").as_deref(),
    ) {
        eprintln!("{note}");
    }
    run(cargo().args(["build", "--release", "--target", TARGET, "--lib"]))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let built = target_dir
        .join(TARGET)
        .join("release")
        .join("newsmark.wasm");
    let pkg = root.join("www").join("pkg");
    if pkg.exists() {
        fs::remove_dir_all(&pkg)?;
    }
    run(Command::new(&bindgen)
        .arg(&built)
        .args(["--target", "web", "--out-dir"])
        .arg(&pkg))?;
    // wasm-bindgen writes a .gitignore of `*`; keep the directory ignored by the repository's
    // own .gitignore instead, so `npm pack` does not skip the module.
    let _ = fs::remove_file(pkg.join(".gitignore"));
    add_reinstantiate_hook(&pkg)?;

    let wasm = pkg.join("newsmark_bg.wasm");
    let before = fs::metadata(&wasm)?.len();
    let opt = root.join("www/node_modules/.bin/wasm-opt");
    let tmp = pkg.join("newsmark_bg.opt.wasm");
    // Only strip (names, producers), no optimisation passes: rustc's LTO build at opt-level 3 is
    // already optimised, and measured on this module (Node and Chromium, interleaved runs, CPU
    // time) every wasm-opt level made it slower: -O3 took ~7% more on the PolNeAR dev texts,
    // ~18% more on a 1 MB article and ~2x longer for the first call (V8 compiles functions
    // lazily on first call, and wasm-opt's inlining makes them bigger), -O4/-Oz/-O1 likewise;
    // the stripped module is also the smallest gzipped (846 KB vs 865 KB with -O3).
    run(Command::new(&opt)
        .args(["--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg(&wasm)
        .arg("-o")
        .arg(&tmp))?;
    fs::rename(&tmp, &wasm)?;

    copy_into_extension(&root)?;

    let raw = fs::metadata(&wasm)?.len();
    let gzip = gzip_len(&wasm)?;
    println!(
        "www/pkg/newsmark_bg.wasm: {} bytes (before wasm-opt {}), {} bytes gzipped ({:.2} MB of the {:.0} MB budget)",
        raw,
        before,
        gzip,
        gzip as f64 / (1024.0 * 1024.0),
        GZIP_BUDGET as f64 / (1024.0 * 1024.0)
    );
    Ok(WasmSize {
        path: wasm,
        raw,
        gzip,
    })
}

/// Lets `www/newsmark.js` start a fresh instance from the compiled module: after a trap (a
/// bug) the old instance may be inconsistent, and the glue otherwise refuses to initialise twice.
fn add_reinstantiate_hook(pkg: &Path) -> Result {
    let js = pkg.join("newsmark.js");
    let mut glue = fs::read_to_string(&js)?;
    if !glue.contains("let wasmModule, wasmInstance, wasm;") || !glue.contains("function initSync(")
    {
        return Err(fail(
            "the wasm-bindgen glue changed shape; update add_reinstantiate_hook in xtask/src/web.rs",
        ));
    }
    glue.push_str(
        "\n// Added by `cargo xtask wasm`: a fresh instance of the compiled module.\n\
         export function __newsmark_reinstantiate(module) {\n    wasm = undefined;\n    \
         return initSync({ module });\n}\n",
    );
    fs::write(&js, glue)?;
    let dts = pkg.join("newsmark.d.ts");
    let mut types = fs::read_to_string(&dts)?;
    types.push_str(
        "\nexport function __newsmark_reinstantiate(module: WebAssembly.Module): InitOutput;\n",
    );
    fs::write(&dts, types)?;
    Ok(())
}

/// The extension ships everything it runs: the API module, the bound module and the shared
/// highlighter (as a classic script, since content scripts cannot be modules).
pub fn copy_into_extension(root: &Path) -> Result {
    let ext = root.join("www/extension");
    if !ext.exists() {
        return Ok(());
    }
    let lib = ext.join("lib");
    fs::create_dir_all(lib.join("pkg"))?;
    for (from, to) in [
        ("www/newsmark.js", "newsmark.js"),
        ("www/pkg/newsmark.js", "pkg/newsmark.js"),
        ("www/pkg/newsmark_bg.wasm", "pkg/newsmark_bg.wasm"),
    ] {
        fs::copy(root.join(from), lib.join(to))?;
    }
    let highlight = fs::read_to_string(root.join("www/highlight.js"))?;
    fs::write(lib.join("highlight.js"), classic_script(&highlight)?)?;
    Ok(())
}

/// Turns `www/highlight.js` (an ES module whose only export is its last `export { … };`
/// statement) into a classic script that sets `globalThis.__newsmarkHighlight`.
fn classic_script(module: &str) -> Result<String> {
    let at = module
        .rfind("\nexport {")
        .ok_or_else(|| fail("www/highlight.js must end with one `export { … };` statement"))?;
    let (body, export) = module.split_at(at + 1);
    let whole = format!("\n{body}");
    if whole.contains("\nexport ") || whole.contains("\nimport ") {
        return Err(fail(
            "www/highlight.js may only export through its last `export { … };` statement",
        ));
    }
    let names = export
        .trim()
        .strip_prefix("export {")
        .and_then(|s| s.trim_end().strip_suffix("};"))
        .ok_or_else(|| fail("cannot read the export statement of www/highlight.js"))?;
    Ok(format!(
        "// Generated by `cargo xtask wasm` from www/highlight.js: do not edit.\n(() => {{\n{body}\nglobalThis.__newsmarkHighlight = {{ {} }};\n}})();\n",
        names.trim()
    ))
}

/// Size of `path` compressed with `gzip -9`.
pub fn gzip_len(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::from(fs::File::open(path)?))
        .output()
        .map_err(|e| fail(format!("gzip: {e}")))?;
    if !out.status.success() {
        return Err(fail("gzip failed"));
    }
    Ok(out.stdout.len() as u64)
}

fn ensure_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| fail(format!("rustup is needed to add the {TARGET} target: {e}")))?;
    if !installed.lines().any(|l| l.trim() == TARGET) {
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

/// The version of `name` recorded in Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut in_package = false;
    let want = format!("name = \"{name}\"");
    for line in lock.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            in_package = false;
        } else if line == want {
            in_package = true;
        } else if in_package {
            if let Some(v) = line.strip_prefix("version = \"") {
                return v.strip_suffix('"').map(str::to_string);
            }
        }
    }
    None
}

/// `wasm-bindgen` at exactly the version of the `wasm-bindgen` crate in Cargo.lock.
fn ensure_wasm_bindgen() -> Result<PathBuf> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))?;
    let want = locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| fail("Cargo.lock has no wasm-bindgen package"))?;
    let candidates = [
        PathBuf::from("wasm-bindgen"),
        cargo_home().join("bin").join("wasm-bindgen"),
    ];
    for c in &candidates {
        if let Ok(v) = output(Command::new(c).arg("--version")) {
            // "wasm-bindgen 0.2.130"
            if v.split_whitespace().nth(1) == Some(want.as_str()) {
                return Ok(c.clone());
            }
            eprintln!("{} is {}, Cargo.lock wants {want}", c.display(), v.trim());
        }
    }
    // No --locked: the registry here lacks one locked dependency version of the CLI.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    let installed = cargo_home().join("bin").join("wasm-bindgen");
    let v = output(Command::new(&installed).arg("--version"))?;
    if v.split_whitespace().nth(1) != Some(want.as_str()) {
        return Err(fail(format!(
            "installed {} but it reports {}",
            installed.display(),
            v.trim()
        )));
    }
    Ok(installed)
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

/// `npm ci` in `www/` when its packages (binaryen's wasm-opt, playwright-core) are missing.
pub fn ensure_npm_packages() -> Result {
    let www = root().join("www");
    let ok = www.join("node_modules/.bin/wasm-opt").exists()
        && www
            .join("node_modules/playwright-core/package.json")
            .exists();
    if ok {
        return Ok(());
    }
    if !have("npm") {
        return Err(fail(
            "npm is needed (Node 20): apt-get install -y nodejs npm, or install Node 20",
        ));
    }
    let sub = if www.join("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    run(Command::new("npm")
        .args([sub, "--no-audit", "--no-fund"])
        .current_dir(&www))
}

/// Serves `www/` at 127.0.0.1:`port` until interrupted.
pub fn serve(port: u16) -> Result {
    let www = root().join("www");
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| fail(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let port = listener.local_addr()?.port();
    println!("newsmark demo: http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    serve_on(listener, &www);
    Ok(())
}

/// Answers requests on `listener` with the files under `www`, one thread per connection.
fn serve_on(listener: TcpListener, www: &Path) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let www = www.to_path_buf();
        std::thread::spawn(move || {
            let _ = handle(stream, &www);
        });
    }
}

fn handle(mut stream: TcpStream, www: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers (bounded).
    let mut line = String::new();
    for _ in 0..100 {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, 405, "text/plain", b"method not allowed", true);
    }
    let Some(path) = resolve(www, target) else {
        return respond(&mut stream, 404, "text/plain", b"not found", true);
    };
    match fs::read(&path) {
        Ok(body) => respond(
            &mut stream,
            200,
            mime(&path),
            &body,
            method == "GET" || body.is_empty(),
        ),
        Err(_) => respond(&mut stream, 404, "text/plain", b"not found", true),
    }
}

/// Maps a request target onto a file under `www`, refusing anything that escapes it.
pub fn resolve(www: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut out = www.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => {
                let s = c.to_str()?;
                if s.starts_with('.') || s.contains('\\') || s.contains('\0') {
                    return None;
                }
                out.push(c);
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "txt" | "ts" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    send_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if send_body {
        stream.write_all(body)?;
    }
    stream.flush()?;
    // Let the client read everything before the socket closes.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 512];
    let _ = stream.read(&mut sink);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "serde"), None);
    }

    #[test]
    fn notes_rustflags_that_override_the_config() {
        assert_eq!(rustflags_note(None, None), None);
        let with = format!("-C debuginfo=1 -C {WASM_INLINE_FLAG}");
        assert_eq!(rustflags_note(Some(&with), None), None);
        let note = rustflags_note(Some("-C debuginfo=1"), None).unwrap();
        assert!(note.contains("RUSTFLAGS is set"), "{note}");
        assert!(note.contains(WASM_INLINE_FLAG), "{note}");
        // CARGO_ENCODED_RUSTFLAGS wins over RUSTFLAGS, even when empty.
        let encoded = rustflags_note(Some(&with), Some("")).unwrap();
        assert!(encoded.contains("CARGO_ENCODED_RUSTFLAGS"), "{encoded}");
        let encoded_with = format!("-C\x1f{WASM_INLINE_FLAG}");
        assert_eq!(rustflags_note(None, Some(&encoded_with)), None);
    }

    #[test]
    fn the_config_gives_the_wasm_build_the_inline_flag() {
        let config = fs::read_to_string(root().join(".cargo/config.toml")).unwrap();
        let header = format!("[target.{TARGET}]");
        let at = config
            .find(&header)
            .unwrap_or_else(|| panic!("no {header} in .cargo/config.toml"));
        let section = &config[at + header.len()..];
        let section = section.split("\n[").next().unwrap();
        let rustflags = section
            .lines()
            .find(|l| l.trim_start().starts_with("rustflags"))
            .expect("no rustflags in the wasm32 section of .cargo/config.toml");
        assert!(
            rustflags.contains(&format!("\"{WASM_INLINE_FLAG}\"")),
            "{rustflags}"
        );
    }

    #[test]
    fn refuses_paths_outside_www() {
        let www = root().join("www");
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/pkg/../../Cargo.toml",
            "//etc/passwd",
            "/.git/config",
            "/%00",
        ] {
            assert_eq!(resolve(&www, bad), None, "{bad}");
        }
        assert_eq!(
            resolve(&www, "/package.json?x=1"),
            Some(www.join("package.json"))
        );
    }

    #[test]
    fn highlighter_becomes_a_classic_script() {
        let js = classic_script("const a = 1;\nfunction b() {}\nexport { a, b };\n").unwrap();
        assert!(js.contains("globalThis.__newsmarkHighlight = { a, b };"));
        assert!(!js.contains("export"));
        assert!(classic_script("export const a = 1;\nexport { a };\n").is_err());
    }

    fn get(port: u16, path: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_www_over_http() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || serve_on(listener, &root().join("www")));
        let index = get(port, "/");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8"));
        assert!(index.contains("<title>newsmark"));
        let js = get(port, "/app.js");
        assert!(js.contains("Content-Type: text/javascript"));
        assert!(get(port, "/../Cargo.toml").starts_with("HTTP/1.1 404"));
        assert!(get(port, "/%2e%2e/Cargo.toml").starts_with("HTTP/1.1 404"));
        assert!(get(port, "/no-such-file.js").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn wasm_has_its_mime_type() {
        assert_eq!(mime(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
    }
}

//! `cargo xtask bench`: speed and size, printed as Markdown for BENCHMARKS.md.
//!
//! Native (this process, release build): throughput of each stage and of `analyze` over all
//! PolNeAR dev texts, and the scaling of `analyze` over input sizes from 1 KB to 10 MB.
//! Wasm (Node and headless Chromium, side by side with compromise): `bench/wasm.mjs` and
//! `bench/browser.mjs`, run when the module has been built (`cargo xtask wasm`).
//! Size: the `.wasm` raw, gzip and brotli, and the model's share.

use crate::util::{fail, root, run as sh, shared, Result};
use newsmark::text::Doc;
use newsmark::{analyze, Options, Unit};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Texts of the PolNeAR dev split, sorted by name.
pub fn dev_texts() -> Result<Vec<String>> {
    crate::util::read_texts(&shared().join("data/polnear/dev/text"))
}

/// Runs `f` over the corpus until at least `min` has passed; returns seconds per pass.
fn time_passes(min: Duration, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut passes = 0u32;
    while start.elapsed() < min || passes < 3 {
        f();
        passes += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(passes)
}

pub fn run(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    let min = Duration::from_millis(if quick { 300 } else { 2000 });
    let texts = dev_texts()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokens: usize = texts.iter().map(|t| Doc::new(t).tokens.len()).sum();
    let mb = bytes as f64 / 1e6;
    let mut out = String::new();
    let now = Command::new("date").arg("-u").output().ok();
    out += &format!(
        "## Native, one core (`cargo xtask bench`)\n\n{} PolNeAR dev texts, {:.2} MB, {} tokens. {}\n\n",
        texts.len(),
        mb,
        tokens,
        now.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    );
    out += "| stage | MB/s | tokens/s | ms per text |\n| --- | ---: | ---: | ---: |\n";
    let cleaned: Vec<String> = texts
        .iter()
        .map(|t| newsmark::clean::clean(t).text)
        .collect();
    let docs: Vec<Doc> = cleaned.iter().map(|t| Doc::new(t)).collect();
    let mentions: Vec<_> = docs.iter().map(newsmark::ner::recognize).collect();
    let mut row = |name: &str, secs: f64| {
        out += &format!(
            "| {name} | {:.1} | {:.0} | {:.3} |\n",
            mb / secs,
            tokens as f64 / secs,
            secs * 1e3 / texts.len() as f64
        );
    };
    row(
        "clean",
        time_passes(min, || {
            for t in &texts {
                black_box(newsmark::clean::clean(t));
            }
        }),
    );
    row(
        "tokenise",
        time_passes(min, || {
            for t in &cleaned {
                black_box(Doc::new(t));
            }
        }),
    );
    row(
        "tag (NER)",
        time_passes(min, || {
            for d in &docs {
                black_box(newsmark::ner::recognize(d));
            }
        }),
    );
    row(
        "group + quotes",
        time_passes(min, || {
            for (d, m) in docs.iter().zip(&mentions) {
                let (e, me) = newsmark::entities::group(d, m);
                black_box(newsmark::quotes::extract(d, m, &e, &me));
            }
        }),
    );
    let options = Options {
        offsets: Unit::Utf16,
        ..Options::default()
    };
    let analyze_secs = time_passes(min, || {
        for t in &texts {
            black_box(analyze(t, &options).ok());
        }
    });
    row("analyze (all, utf16)", analyze_secs);
    // Beside the Wasm ratios: what 20× compromise asks against what native code takes.
    let native_ms = format!("{:.4}", analyze_secs * 1e3 / texts.len() as f64);

    // Scaling: one long text made of the dev texts, cut at sizes from 1 KB to 10 MB.
    out += "\n### Scaling of `analyze` with input size\n\n| input | ms | MB/s | time per byte vs 10 KB |\n| ---: | ---: | ---: | ---: |\n";
    let all = texts.join("\n\n");
    let mut long = String::new();
    while long.len() < 10_000_000 {
        long.push_str(&all);
        long.push_str("\n\n");
    }
    let mut per_byte_10k = None;
    for size in [1_000, 10_000, 100_000, 1_000_000, 10_000_000] {
        let mut cut = size.min(long.len());
        while !long.is_char_boundary(cut) {
            cut -= 1;
        }
        let input = &long[..cut];
        let secs = time_passes(min, || {
            black_box(analyze(input, &options).ok());
        });
        let per_byte = secs / cut as f64;
        if size == 10_000 {
            per_byte_10k = Some(per_byte);
        }
        let ratio = per_byte_10k.map_or("—".to_string(), |p| format!("{:.2}", per_byte / p));
        out += &format!(
            "| {} | {:.2} | {:.1} | {ratio} |\n",
            human(cut),
            secs * 1e3,
            cut as f64 / secs / 1e6
        );
    }

    out += &size_report()?;
    print!("{out}");

    // Wasm in Node and Chromium, beside compromise.
    let pkg = root().join("www/pkg");
    if pkg.join("newsmark_bg.wasm").exists() && root().join("bench/wasm.mjs").exists() {
        ensure_bench_packages()?;
        let dev = shared().join("data/polnear/dev/text");
        sh(Command::new("node")
            .env("NEWSMARK_NATIVE_MS", &native_ms)
            .arg("bench/wasm.mjs")
            .arg(&dev)
            .arg(if quick { "--quick" } else { "" }))?;
        sh(Command::new("node")
            .env("NEWSMARK_NATIVE_MS", &native_ms)
            .arg("bench/browser.mjs")
            .arg(&dev)
            .arg(if quick { "--quick" } else { "" }))?;
    } else {
        println!("\n(Wasm benchmarks skipped: run `cargo xtask wasm` first.)");
    }
    std::io::stdout().flush()?;
    Ok(())
}

fn ensure_bench_packages() -> Result {
    if !root().join("bench/node_modules/compromise").exists() {
        sh(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root().join("bench")))?;
    }
    Ok(())
}

fn human(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} KB", bytes / 1_000)
    }
}

fn gzip_len(data: &[u8]) -> Result<usize> {
    compressed_len("gzip", &["-9", "-c"], data)
}

fn compressed_len(program: &str, args: &[&str], data: &[u8]) -> Result<usize> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("{program}: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped");
    let data = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| fail("writer thread"))?
        .map_err(|e| fail(e.to_string()))?;
    Ok(out.stdout.len())
}

/// Brotli-compresses stdin to stdout with Node's zlib at quality 11.
const NODE_BROTLI: &str = "const z = require('zlib'); const p = z.constants; \
    process.stdout.write(z.brotliCompressSync(require('fs').readFileSync(0), \
    { params: { [p.BROTLI_PARAM_QUALITY]: 11, [p.BROTLI_PARAM_LGWIN]: 24 } }));";

fn size_report() -> Result<String> {
    let mut out = String::from(
        "\n## Size\n\n| file | raw | gzip -9 | brotli |\n| --- | ---: | ---: | ---: |\n",
    );
    let files = [
        (
            "www/pkg/newsmark_bg.wasm",
            "the module (`cargo xtask wasm`)",
        ),
        ("models/ner.bin", "NER model (inside the module)"),
    ];
    for (path, what) in files {
        let p = root().join(path);
        if !Path::new(&p).exists() {
            out += &format!("| {what} | not built | | |\n");
            continue;
        }
        let data = std::fs::read(&p)?;
        let gz = gzip_len(&data)?;
        // The `brotli` program when installed, else Node's zlib (the same library, quality 11,
        // the program's default window of 2^24 bytes).
        let br = compressed_len("brotli", &["-c", "-q", "11"], &data)
            .map(|n| format!("{:.0} KB", n as f64 / 1024.0))
            .or_else(|_| {
                compressed_len("node", &["-e", NODE_BROTLI], &data)
                    .map(|n| format!("{:.0} KB (Node zlib)", n as f64 / 1024.0))
            })
            .unwrap_or_else(|_| "(no brotli)".into());
        out += &format!(
            "| {what} | {:.0} KB | {:.0} KB | {br} |\n",
            data.len() as f64 / 1024.0,
            gz as f64 / 1024.0
        );
    }
    Ok(out)
}

//! `newsmark`: the command-line door, for batch work and evaluation.
//!
//! ```text
//! newsmark analyze [--offsets utf16|utf8|chars] [--no-clean] [--min-confidence C] [FILE|-]
//! newsmark analyze --jsonl [--offsets …] [--no-clean] [--min-confidence C]  < lines of {"id":…,"text":…}
//! newsmark clean [--offsets …] [FILE|-]
//! newsmark tag-conll [FILE|-]
//! ```
//! Exit codes: 0 success, 2 usage error, 1 other errors.

use newsmark::{analyze, Options, Unit};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: newsmark analyze [--offsets utf16|utf8|chars] [--no-clean] [--min-confidence C] [--jsonl] [FILE|-]
       newsmark clean [--offsets utf16|utf8|chars] [FILE|-]
       newsmark tag-conll [FILE|-]
       newsmark --version";

enum Failure {
    Usage(String),
    Other(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Other(e.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("newsmark: {m}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Other(m)) => {
            eprintln!("newsmark: {m}");
            ExitCode::from(1)
        }
    }
}

struct Args {
    options: Options,
    jsonl: bool,
    file: Option<String>,
}

/// The value of option `flag`: after `=` in the argument `a`, or the next argument.
fn value<'a>(
    flag: &str,
    a: &'a str,
    rest: &mut impl Iterator<Item = &'a String>,
) -> Result<String, Failure> {
    match a.split_once('=') {
        Some((_, v)) => Ok(v.to_string()),
        None => rest
            .next()
            .cloned()
            .ok_or_else(|| Failure::Usage(format!("{flag} needs a value"))),
    }
}

fn parse(args: &[String], allow: &[&str]) -> Result<Args, Failure> {
    let mut out = Args {
        options: Options::default(),
        jsonl: false,
        file: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let flag = a.split('=').next().unwrap_or(a);
        if a.starts_with("--") && !allow.contains(&flag) {
            return Err(Failure::Usage(format!("unknown option {a}")));
        }
        match flag {
            "--offsets" => {
                let v = value(flag, a, &mut it)?;
                out.options.offsets = Unit::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!("--offsets must be utf16, utf8 or chars, not {v}"))
                })?;
            }
            "--min-confidence" => {
                let v = value(flag, a, &mut it)?;
                out.options.min_confidence = v
                    .parse::<f32>()
                    .ok()
                    .filter(|c| (0.0..=1.0).contains(c))
                    .ok_or_else(|| {
                        Failure::Usage(format!(
                            "--min-confidence must be a number from 0 to 1, not {v}"
                        ))
                    })?;
            }
            "--no-clean" => out.options.clean = false,
            "--jsonl" => out.jsonl = true,
            _ => {
                if out.file.is_some() {
                    return Err(Failure::Usage(format!("unexpected argument {a}")));
                }
                out.file = Some(a.clone());
            }
        }
    }
    Ok(out)
}

fn read_input(file: Option<&str>) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    match file {
        None | Some("-") => {
            io::stdin().read_to_end(&mut bytes)?;
        }
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| Failure::Other(format!("{path}: {e}")))?;
        }
    }
    String::from_utf8(bytes).map_err(|e| Failure::Other(format!("input is not UTF-8: {e}")))
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("missing command".into()));
    };
    let rest = &args[1..];
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command.as_str() {
        "analyze" | "clean" => {
            let mut a = parse(
                rest,
                &["--offsets", "--no-clean", "--jsonl", "--min-confidence"],
            )?;
            if command == "clean" {
                a.options.entities = false;
                a.options.quotes = false;
                a.options.clean = true;
            }
            if a.jsonl {
                if a.file.as_deref().is_some_and(|f| f != "-") {
                    return Err(Failure::Usage("--jsonl reads standard input".into()));
                }
                return jsonl(&a.options, &mut out);
            }
            let text = read_input(a.file.as_deref())?;
            let result = analyze(&text, &a.options).map_err(|e| Failure::Other(e.to_string()))?;
            serde_json::to_writer(&mut out, &result).map_err(|e| Failure::Other(e.to_string()))?;
            writeln!(out)?;
        }
        "tag-conll" => {
            let a = parse(rest, &[])?;
            let text = read_input(a.file.as_deref())?;
            tag_conll(&text, &mut out)?;
        }
        "--version" | "-V" => writeln!(out, "newsmark {}", newsmark::VERSION)?,
        "--help" | "-h" | "help" => writeln!(out, "{USAGE}")?,
        other => return Err(Failure::Usage(format!("unknown command {other}"))),
    }
    out.flush()?;
    Ok(())
}

/// One result per input line, in order; a bad line gets `{"id":…,"error":…}`.
fn jsonl(options: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Result<serde_json::Value, String> =
            serde_json::from_str(&line).map_err(|e| format!("invalid JSON: {e}"));
        let id = value
            .as_ref()
            .ok()
            .and_then(|v| v.get("id").cloned())
            .unwrap_or(serde_json::Value::Null);
        let result = value.and_then(|v| {
            let text = v
                .get("text")
                .and_then(|t| t.as_str())
                .ok_or_else(|| "\"text\" must be a string".to_string())?;
            analyze(text, options).map_err(|e| e.to_string())
        });
        let record = match result {
            Ok(analysis) => {
                let mut obj = serde_json::Map::new();
                obj.insert("id".into(), id);
                if let serde_json::Value::Object(fields) =
                    serde_json::to_value(&analysis).map_err(|e| Failure::Other(e.to_string()))?
                {
                    obj.extend(fields);
                }
                serde_json::Value::Object(obj)
            }
            Err(error) => serde_json::json!({ "id": id, "error": error }),
        };
        serde_json::to_writer(&mut *out, &record).map_err(|e| Failure::Other(e.to_string()))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Appends a predicted IOB2 tag to every token line of CoNLL column data. Documents are
/// separated by `-DOCSTART-` lines; the tagger sees one document at a time.
fn tag_conll(text: &str, out: &mut impl Write) -> Result<(), Failure> {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if is_docstart(lines[i]) {
            writeln!(out, "{}", lines[i])?;
            i += 1;
            continue;
        }
        // One document: up to the next -DOCSTART- line.
        let end = (i..lines.len())
            .find(|&j| is_docstart(lines[j]))
            .unwrap_or(lines.len());
        let doc = &lines[i..end];
        let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
        for line in doc {
            match line.split_whitespace().next() {
                Some(token) => sentences.last_mut().unwrap_or(&mut Vec::new()).push(token),
                None => {
                    if !sentences.last().is_some_and(Vec::is_empty) {
                        sentences.push(Vec::new());
                    }
                }
            }
        }
        let tags = newsmark::ner::tag_sentences(&sentences);
        let mut tag_iter = tags.iter().flatten();
        for line in doc {
            if line.trim().is_empty() {
                writeln!(out, "{line}")?;
            } else {
                let tag = tag_iter.next().copied().unwrap_or("O");
                writeln!(out, "{line} {tag}")?;
            }
        }
        i = end;
    }
    Ok(())
}

fn is_docstart(line: &str) -> bool {
    line.starts_with("-DOCSTART-")
}

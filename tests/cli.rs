//! The `newsmark` command-line contract: output shapes, line order, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn newsmark(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsmark");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

const ARTICLE: &str = "[ad_1]\n\n“We will stay,” Mayor Jane Doe said in Paris. 😀\n";

#[test]
fn analyze_prints_one_result_in_the_requested_unit() {
    for unit in ["utf16", "utf8", "chars"] {
        let out = newsmark(&["analyze", "--offsets", unit, "-"], ARTICLE);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out.stdout);
        assert_eq!(v["offsets"], unit);
        let text = v["text"].as_str().unwrap();
        assert!(!text.contains("[ad_1]"));
        assert_eq!(v["removed"][0]["text"], "[ad_1]");
        assert_eq!(v["removed"][0]["reason"], "marker");
        // The last paragraph ends at the end of the text, measured in the unit.
        let end = v["paragraphs"].as_array().unwrap().last().unwrap()["end"]
            .as_u64()
            .unwrap() as usize;
        let len = match unit {
            "utf16" => text.encode_utf16().count(),
            "utf8" => text.len(),
            _ => text.chars().count(),
        };
        assert_eq!(end, len);
        assert!(text.ends_with('😀'));
    }
}

#[test]
fn min_confidence_leaves_out_the_less_certain_quotes() {
    let input = "The so-called “reform” passed on Tuesday.\n\n\
                 “We will finish the bridge by May,” Mayor Ana Ruiz said.\n";
    let confidences = |args: &[&str]| -> Vec<f64> {
        let out = newsmark(args, input);
        assert!(out.status.success(), "{args:?}");
        json(&out.stdout)["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["confidence"].as_f64().unwrap())
            .collect()
    };
    let all = confidences(&["analyze"]);
    assert!(all.iter().any(|&c| c < 0.5), "{all:?}");
    let sure = confidences(&["analyze", "--min-confidence", "0.5"]);
    let want: Vec<f64> = all.iter().copied().filter(|&c| c >= 0.5).collect();
    assert_eq!(sure, want);
    assert!(!sure.is_empty());
    assert_eq!(confidences(&["analyze", "--min-confidence=0.5"]), want);
}

#[test]
fn no_clean_keeps_the_input() {
    let out = newsmark(&["analyze", "--no-clean"], ARTICLE);
    assert!(out.status.success());
    let v = json(&out.stdout);
    assert_eq!(v["text"], ARTICLE);
    assert_eq!(v["removed"].as_array().unwrap().len(), 0);
}

#[test]
fn jsonl_keeps_ids_and_order_and_reports_bad_lines() {
    let input = "{\"id\": 7, \"text\": \"Jane Doe said it.\"}\nnot json\n{\"id\": \"b\", \"text\": 3}\n{\"id\": [1], \"text\": \"Paris\"}\n";
    let out = newsmark(&["analyze", "--jsonl", "--offsets", "chars"], input);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["text"], "Jane Doe said it.");
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["id"], "b");
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3]["id"], serde_json::json!([1]));
    assert_eq!(lines[3]["offsets"], "chars");
}

#[test]
fn tag_conll_appends_one_tag_per_token_line() {
    let input = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
    let out = newsmark(&["tag-conll"], input);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = text.lines().collect();
    let want: Vec<&str> = input.lines().collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        if w.trim().is_empty() || w.starts_with("-DOCSTART-") {
            assert_eq!(g, w);
        } else {
            let (line, tag) = g.rsplit_once(' ').unwrap();
            assert_eq!(line, *w);
            assert!(
                tag == "O" || ["B-", "I-"].iter().any(|p| tag.starts_with(p)),
                "bad tag {tag}"
            );
        }
    }
    assert!(got[7].ends_with("B-PER"), "{}", got[7]);
}

#[test]
fn usage_errors_exit_2_other_errors_exit_1() {
    for args in [
        &["frobnicate"][..],
        &["analyze", "--offsets", "utf32"],
        &["analyze", "--bogus"],
        &["analyze", "--min-confidence", "1.5"],
        &["analyze", "--min-confidence", "high"],
        &["analyze", "--min-confidence"],
        &[],
    ] {
        let out = newsmark(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("newsmark: "), "{err}");
    }
    let out = newsmark(&["analyze", "/nonexistent/file.txt"], "");
    assert_eq!(out.status.code(), Some(1));
    let out = newsmark(&["analyze"], "");
    assert!(out.status.success(), "empty input is fine");
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("analyze")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&[0xff, 0xfe, b'a'])
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
}

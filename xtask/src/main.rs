//! `cargo xtask …`: the project's tooling. Every command runs from any directory.
//!
//! ```text
//! cargo xtask wasm                 build the optimised Wasm module into www/pkg/
//! cargo xtask demo [--port N]      build, then serve www/ at http://127.0.0.1:8080
//! cargo xtask test                 everything CI runs
//! cargo xtask fetch-wiki           the Wikipedia lead texts of tests/wiki-ner (target/wiki/text)
//! cargo xtask train-ner            train the embedded NER model (../shared, tests/{wiki,news}-ner/train)
//! cargo xtask glove-clusters     word clusters from GloVe vectors (lexicons/glove_clusters.txt)
//! cargo xtask train-quotes         train the attribution labeller (models/quote_labeller.bin)
//! cargo xtask eval ner [FILE]      NER P/R/F1 (default ../shared/data/conll2003/valid.txt)
//! cargo xtask eval ner-news [--heldout|--pooled] [--errors] [--model F]  NER on the hand-annotated news sets (tests/news-ner)
//! cargo xtask eval ner-wiki [--heldout|--pooled] [--errors] [--model F]  the same on the Wikipedia sets (tests/wiki-ner)
//! cargo xtask eval quotes          quote extraction on PolNeAR dev, scored by ../shared
//! cargo xtask eval clean           cleaning junk recall / body kept / words glued
//! cargo xtask bench [--quick]      speed and size (BENCHMARKS.md)
//! cargo xtask fuzz [TARGET] [--seconds N]   cargo-fuzz over analyze, clean, tagger
//! ```

mod bench;
mod eval_clean;
mod eval_news;
mod eval_quotes;
mod fetch_wiki;
mod fuzz;
mod glove;
mod ner;
mod news_ner_core;
mod test;
mod util;
mod web;
mod wikitext;

use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask <wasm|demo|test|fetch-wiki|train-ner|glove-clusters|train-quotes|eval ner|eval ner-news|eval ner-wiki|eval quotes|eval clean|bench|fuzz> [args]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest: Vec<String> = args.iter().skip(1).cloned().collect();
    let result = match args.first().map(String::as_str) {
        Some("wasm") => web::wasm(&rest),
        Some("demo") => web::demo(&rest),
        Some("serve") => web::serve_cmd(&rest),
        Some("test") => test::run(&rest),
        Some("fetch-wiki") => fetch_wiki::run(&rest),
        Some("train-ner") => ner::train(&rest),
        Some("glove-clusters") => glove::build(&rest),
        Some("train-quotes") => eval_quotes::train(&rest),
        Some("eval") => {
            let tail: Vec<String> = rest.iter().skip(1).cloned().collect();
            match rest.first().map(String::as_str) {
                Some("ner") => ner::eval(&tail),
                Some("ner-news") => eval_news::run(&tail),
                Some("ner-wiki") => eval_news::run_wiki(&tail),
                Some("quotes") => eval_quotes::run(&tail),
                Some("clean") => eval_clean::run(&tail),
                _ => Err(util::usage(
                    "eval needs one of: ner, ner-news, ner-wiki, quotes, clean",
                )),
            }
        }
        Some("bench") => bench::run(&rest),
        Some("fuzz") => fuzz::run(&rest),
        _ => Err(util::usage(USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::from(if e.usage { 2 } else { 1 })
        }
    }
}

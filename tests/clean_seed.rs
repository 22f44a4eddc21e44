//! The seed article from `../shared/samples/seed-article.txt` (a real scrape): its ad slots,
//! "Source link", caption and credit go, the body stays.

use newsmark::clean::{clean, Reason};
use std::path::Path;

#[test]
fn clean_seed_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/seed-article.txt");
    let Ok(input) = std::fs::read_to_string(&path) else {
        println!("skipping clean_seed_article: {} is absent", path.display());
        return;
    };
    let c = clean(&input);
    let removed: Vec<(Reason, &str)> = c
        .removed
        .iter()
        .map(|r| (r.reason, &input[r.span.start..r.span.end]))
        .collect();
    assert!(removed.contains(&(Reason::Marker, "[ad_1]")), "{removed:?}");
    assert!(removed.contains(&(Reason::Marker, "[ad_2]")), "{removed:?}");
    assert!(
        removed.contains(&(Reason::Marker, "Source link")),
        "{removed:?}"
    );
    assert!(
        removed.contains(&(Reason::Credit, "(Essam al-Sudani / Reuters)")),
        "{removed:?}"
    );
    assert!(
        removed.iter().any(|&(r, t)| r == Reason::Caption
            && t.starts_with("An Iraqi protester makes a gesture")
            && t.ends_with("September 7th.")),
        "{removed:?}"
    );
    assert_eq!(removed.len(), 5, "nothing else is junk: {removed:?}");
    // Nothing of the body is lost: every other non-empty line is a paragraph, verbatim.
    let paras: Vec<&str> = c.text.split("\n\n").collect();
    for line in input.lines() {
        let l = line.trim();
        if l.is_empty() || l.contains("[ad_") || l.ends_with("Reuters)") {
            continue;
        }
        assert!(paras.contains(&l), "body paragraph lost: {l:?}");
    }
    assert!(c
        .text
        .starts_with("The United States orders the evacuation"));
    assert!(c
        .text
        .ends_with("about the unacceptability of their behavior,\" he said."));
}

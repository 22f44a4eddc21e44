//! Reading CoNLL column data and conlleval-style exact-match scoring.

use super::model::TAGS;

/// A gold sentence: tokens and tag indices into [`TAGS`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<u8>,
}

/// The index of an IOB2 tag in [`TAGS`]; IOB1 `I-` tags are accepted and repaired later.
pub fn tag_index(tag: &str) -> Option<u8> {
    TAGS.iter().position(|t| *t == tag).map(|i| i as u8)
}

/// Reads CoNLL column data: the token in the first column, the NER tag in the last, blank
/// lines between sentences, `-DOCSTART-` lines (and the documents they start) as boundaries.
/// Returns documents of sentences; a file without `-DOCSTART-` is one document.
pub fn read_conll(text: &str) -> Result<Vec<Vec<Sentence>>, String> {
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, docs: &mut Vec<Vec<Sentence>>| {
        if !cur.tokens.is_empty() {
            if let Some(d) = docs.last_mut() {
                d.push(std::mem::take(cur));
            }
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut docs);
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            flush(&mut cur, &mut docs);
            continue;
        };
        let tag = cols.last().unwrap_or("O");
        let idx = tag_index(tag).ok_or_else(|| format!("line {}: unknown tag {tag}", n + 1))?;
        cur.tokens.push(token.to_string());
        cur.tags.push(idx);
    }
    flush(&mut cur, &mut docs);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Chunks `(label, first, end)` of an IOB2 tag sequence, conlleval style (an `I-X` that does
/// not continue an `X` chunk starts one).
pub fn chunks(tags: &[u8]) -> Vec<(&'static str, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(&'static str, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let tag = TAGS[t as usize];
        let (kind, label) = if tag == "O" {
            ("O", "")
        } else {
            (&tag[..1], &tag[2..])
        };
        let continues = kind == "I" && open.is_some_and(|(l, _)| l == label);
        if !continues {
            if let Some((l, s)) = open.take() {
                out.push((l, s, i));
            }
            if kind != "O" {
                open = Some((label, i));
            }
        }
    }
    if let Some((l, s)) = open {
        out.push((l, s, tags.len()));
    }
    out
}

/// Exact-match counts per label.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// (label, correct, predicted, gold)
    pub per_label: Vec<(&'static str, usize, usize, usize)>,
    pub tokens: usize,
    pub correct_tokens: usize,
}

/// (precision, recall, F1) from correct, predicted and gold counts; 0 where undefined.
pub fn prf(c: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
    let re = if g == 0 { 0.0 } else { c as f64 / g as f64 };
    let f = if pr + re == 0.0 {
        0.0
    } else {
        2.0 * pr * re / (pr + re)
    };
    (pr, re, f)
}

impl Scores {
    pub fn new() -> Scores {
        Scores {
            per_label: ["LOC", "MISC", "ORG", "PER"]
                .iter()
                .map(|l| (*l, 0, 0, 0))
                .collect(),
            tokens: 0,
            correct_tokens: 0,
        }
    }

    /// Adds one sentence.
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        self.tokens += gold.len();
        self.correct_tokens += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for row in self.per_label.iter_mut() {
            row.2 += p.iter().filter(|c| c.0 == row.0).count();
            row.3 += g.iter().filter(|c| c.0 == row.0).count();
            row.1 += p.iter().filter(|c| c.0 == row.0 && g.contains(c)).count();
        }
    }

    /// Overall (precision, recall, F1).
    pub fn overall(&self) -> (f64, f64, f64) {
        let (c, p, g) = self
            .per_label
            .iter()
            .fold((0, 0, 0), |a, r| (a.0 + r.1, a.1 + r.2, a.2 + r.3));
        prf(c, p, g)
    }

    /// (precision, recall, F1) of one label.
    pub fn label(&self, label: &str) -> (f64, f64, f64) {
        self.per_label
            .iter()
            .find(|r| r.0 == label)
            .map_or((0.0, 0.0, 0.0), |r| prf(r.1, r.2, r.3))
    }

    /// A conlleval-like report.
    pub fn report(&self) -> String {
        let (p, r, f) = self.overall();
        let (c, np, ng) = self
            .per_label
            .iter()
            .fold((0, 0, 0), |a, r| (a.0 + r.1, a.1 + r.2, a.2 + r.3));
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n\
             accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            self.tokens,
            ng,
            np,
            c,
            100.0 * self.correct_tokens as f64 / self.tokens.max(1) as f64,
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for row in &self.per_label {
            let (p, r, f) = prf(row.1, row.2, row.3);
            s.push_str(&format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                row.0,
                100.0 * p,
                100.0 * r,
                100.0 * f,
                row.2
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking_and_scores() {
        let t = |s: &str| -> Vec<u8> { s.split(' ').map(|x| tag_index(x).unwrap()).collect() };
        let gold = t("B-PER I-PER O B-LOC O I-ORG");
        assert_eq!(
            chunks(&gold),
            vec![("PER", 0, 2), ("LOC", 3, 4), ("ORG", 5, 6)]
        );
        let pred = t("B-PER O O B-LOC O B-ORG");
        let mut s = Scores::new();
        s.add(&gold, &pred);
        let (p, r, f) = s.overall();
        assert!((p - 2.0 / 3.0).abs() < 1e-9);
        assert!((r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.label("LOC"), (1.0, 1.0, 1.0));
    }

    #[test]
    fn reads_conll() {
        let docs = read_conll(
            "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][1].tokens, vec!["Peter"]);
        assert!(read_conll("x y B-FOO\n").is_err());
    }
}

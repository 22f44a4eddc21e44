//! Properties of cleaning on any input: no panic, an exact offset map, nothing lost
//! silently, no two words glued, white space normalised.

use newsmark::clean::{char_ref, clean, is_invisible, is_space, Cleaned};

/// `s` with its character references (`&amp;`, `&#8220;`) read as the chars they stand for,
/// each with its byte offset and length in `s`.
fn decoded(s: &str) -> Vec<(usize, char, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
        let (c, len) = char_ref(&s[i..]).unwrap_or((c, c.len_utf8()));
        out.push((i, c, len));
        i += len;
    }
    out
}
use newsmark::Span;
use proptest::prelude::*;

/// Checks every property of one cleaning and returns it.
fn check(input: &str) -> Cleaned {
    let c = clean(input);
    assert_eq!(c.map.clean_len(), c.text.len());
    assert_eq!(c.map.input_len(), input.len());
    // Removals: inside the input, on char boundaries, in order, disjoint, trimmed.
    let mut prev_end = 0;
    for r in &c.removed {
        assert!(
            r.span.start < r.span.end && r.span.end <= input.len(),
            "{r:?}"
        );
        assert!(input.is_char_boundary(r.span.start) && input.is_char_boundary(r.span.end));
        assert!(
            r.span.start >= prev_end,
            "overlapping removals {:?}",
            c.removed
        );
        prev_end = r.span.end;
        let t = &input[r.span.start..r.span.end];
        assert_eq!(t.trim(), t, "removal not trimmed: {t:?}");
        assert!(r.rule.contains('.'), "rule id {:?}", r.rule);
    }
    // The text: LF only, no invisible characters, one space between words, paragraphs
    // separated by exactly one blank line, no leading or trailing white space.
    assert!(!c.text.contains('\r'));
    assert!(!c.text.chars().any(is_invisible), "{:?}", c.text);
    assert!(
        !c.text.contains("  ") && !c.text.contains("\n\n\n"),
        "{:?}",
        c.text
    );
    assert!(
        !c.text.contains(" \n") && !c.text.contains("\n "),
        "{:?}",
        c.text
    );
    assert_eq!(c.text.trim(), c.text);
    assert!(!c
        .text
        .chars()
        .any(|ch| ch != ' ' && ch != '\n' && is_space(ch)));
    // Every word of the cleaned text maps to the same word in the input (invisible
    // characters aside), holds no white space there and no removed piece.
    let mut covered = vec![false; input.len()];
    for r in &c.removed {
        covered[r.span.start..r.span.end]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    let mut start = None;
    for (i, ch) in c.text.char_indices().chain([(c.text.len(), ' ')]) {
        if ch == ' ' || ch == '\n' {
            if let Some(s) = start.take() {
                let word = &c.text[s..i];
                let span = c.map.to_input(Span::new(s, i));
                let src = &input[span.start..span.end];
                let visible: String = decoded(src)
                    .into_iter()
                    .map(|(_, x, _)| x)
                    .filter(|&x| !is_invisible(x))
                    .collect();
                assert_eq!(visible, word, "word maps to {src:?}");
                assert!(
                    !c.removed.iter().any(|r| r.span.overlaps(span)),
                    "word {word:?} overlaps a removal"
                );
                covered[span.start..span.end]
                    .iter_mut()
                    .for_each(|x| *x = true);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    // Nothing visible is lost silently: every input char that is not white space or
    // invisible is in the cleaned text or in a removal.
    for (b, ch, _) in decoded(input) {
        if !is_space(ch) && !is_invisible(ch) && ch != '\n' && ch != '\r' {
            assert!(
                covered[b],
                "{ch:?} at {b} neither kept nor removed in {input:?}"
            );
        }
    }
    c
}

#[test]
fn clean_normalises_white_space_and_invisibles() {
    let input = "\u{feff}Hello\u{a0}\u{a0}world\r\n\r\nco\u{200b}op\u{ad}er\u{2060}ate  now \t \r\nNext\tline\u{2009}here\rLast\u{0}one";
    let c = check(input);
    assert_eq!(
        c.text,
        "Hello world\n\ncooperate now\n\nNext line here\n\nLast one"
    );
    assert!(
        c.removed.is_empty(),
        "normalisation is not a removal: {:?}",
        c.removed
    );
    // The offsets of "cooperate" cover the word with its invisible characters.
    let s = c.text.find("cooperate").unwrap();
    let span = c.map.to_input(Span::new(s, s + "cooperate".len()));
    assert_eq!(
        &input[span.start..span.end],
        "co\u{200b}op\u{ad}er\u{2060}ate"
    );
}

#[test]
fn clean_reads_character_references() {
    let input = "Feed &#8220;text&#8221; &amp; more&nbsp;&nbsp;here, it&#146;s Caf&eacute;.\n\n\
                 &nbsp;\n\nAT&T &bogus; &#0; &#99999999; &amp no&shy;where";
    let c = check(input);
    assert_eq!(
        c.text,
        "Feed “text” & more here, it’s Café.\n\nAT&T &bogus; &#0; &#99999999; &amp nowhere"
    );
    assert!(c.removed.is_empty(), "{:?}", c.removed);
    // A word maps to its input with the references.
    let s = c.text.find("Café").unwrap();
    let span = c.map.to_input(Span::new(s, s + "Café".len()));
    assert_eq!(&input[span.start..span.end], "Caf&eacute;");
}

#[test]
fn clean_paragraphs_lists_and_wrapped_lines() {
    let c = check("First line that\nwraps here.\n\nItems:\n- one\n- two\n1. three\nAnother paragraph.\nAnd one more.");
    assert_eq!(
        c.text,
        "First line that wraps here.\n\nItems:\n\n- one\n- two\n1. three\n\nAnother paragraph.\n\nAnd one more."
    );
    // Without blank lines a single line break is a paragraph break.
    let c = check("One paragraph.\nanother starts lower case");
    assert_eq!(c.text, "One paragraph.\n\nanother starts lower case");
}

#[test]
fn clean_never_glues_words() {
    for (input, want) in [
        ("end.[ad_1]Start", "end. Start"),
        ("one[ad_2]two", "one two"),
        (
            "A line. pic.twitter.com/xYz12 More text",
            "A line. More text",
        ),
        (
            "He said so.<tweet id=\"1\"/>Then left.",
            "He said so. Then left.",
        ),
        ("word\u{0}word", "word word"),
        ("left\u{200b}[ad_1]\u{200b}right", "left right"),
    ] {
        let c = check(input);
        assert_eq!(c.text, want, "input {input:?}");
    }
}

#[test]
fn clean_glued_chrome_phrases() {
    let c = check("The mayor said.Continue reading the main storyThe council agreed.");
    assert_eq!(c.text, "The mayor said. The council agreed.");
    assert_eq!(c.removed[0].rule, "navigation.inline_chrome");
    let c = check("It was late. ADVERTISEMENT The vote passed.");
    assert_eq!(c.text, "It was late. The vote passed.");
    // Words that only contain the phrase stay.
    let input = "ADVERTISEMENTS are banned, said the CONTRACTADVERTISEMENT clause.";
    let c = check(input);
    assert_eq!(c.text, input);
    assert!(c.removed.is_empty());
}

#[test]
fn clean_credit_styles() {
    for (input, caption, credit) in [
        (
            "Protesters outside the court on Monday.Credit...Doug Mills/The New York Times",
            "Protesters outside the court on Monday.",
            "Credit...Doug Mills/The New York Times",
        ),
        (
            "Joe Biden in Washington on Monday. Photograph: Evan Vucci/AP",
            "Joe Biden in Washington on Monday.",
            "Photograph: Evan Vucci/AP",
        ),
        (
            "Iraqi protesters gather in Basra, Iraq September 7, 2018. REUTERS/Essam Al-Sudani",
            "Iraqi protesters gather in Basra, Iraq September 7, 2018.",
            "REUTERS/Essam Al-Sudani",
        ),
        (
            "WASHINGTON, DC - JANUARY 20: The president speaks. (Photo by Win McNamee/Getty Images)",
            "WASHINGTON, DC - JANUARY 20: The president speaks.",
            "(Photo by Win McNamee/Getty Images)",
        ),
    ] {
        let c = check(input);
        let got: Vec<&str> = c
            .removed
            .iter()
            .map(|r| &input[r.span.start..r.span.end])
            .collect();
        assert_eq!(got, [caption, credit], "input {input:?}");
        assert_eq!(c.text, "");
    }
    // Prose that mentions credit or an agency stays.
    for input in [
        "The coach gave him credit: he won the match on Sunday.",
        "The poll was conducted by Reuters/Ipsos.",
        "He joined Reuters in 2010 and later moved to AP.",
    ] {
        let c = check(input);
        assert_eq!(c.text, input);
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }
}

#[test]
fn clean_inline_tail_keeps_the_sentence() {
    let c = check("She thanked her. Read more: FBI reopens inquiry into campaign finances");
    assert_eq!(c.text, "She thanked her.");
    assert_eq!(c.removed.len(), 1);
    assert_eq!(c.removed[0].rule, "related.inline_tail");
}

#[test]
fn clean_adversarial_inputs_do_not_panic() {
    let big_a = "a".repeat(1 << 20);
    let brackets = "[".repeat(1 << 18);
    let tags = "<a ".repeat(1 << 17);
    let ads = "[ad_1]".repeat(1 << 16);
    let tweets = "<tweet ".repeat(1 << 16);
    let comments = "<!--".repeat(1 << 16);
    let handles = "(@".repeat(1 << 16);
    let nuls = "\0".repeat(1000);
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let binary = String::from_utf8_lossy(&bytes).into_owned();
    let inputs: Vec<&str> = vec![
        "",
        " ",
        "\n",
        "\r",
        "\r\n\r\n",
        "\u{200b}",
        "\u{301}\u{301}",
        "é\u{301}\u{200d}👩\u{200d}👩\u{200d}👧 日本語のテキスト。「引用」",
        "\"",
        "“",
        "[",
        "[ad_",
        "<tweet",
        "— (@",
        "— Name (@h) September",
        "— Name (@h) September 1, 20",
        "Photo:",
        "(",
        ")",
        // Empty credit-like parentheses and slashes at a line's end (a panic once: the
        // content's input range ran backwards).
        "A caption here. ()",
        "Ends with (\u{200b})",
        "Shot. (\u{200b}/\u{200b})",
        "Shot. A/\u{200b}",
        "/",
        "|",
        ". Read more:",
        &big_a,
        &brackets,
        &tags,
        &ads,
        &tweets,
        &comments,
        &handles,
        &nuls,
        &binary,
    ];
    for input in inputs {
        check(input);
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("word".to_string()),
        Just("Mayor Jane Doe said".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{ad}".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("[ad_1]".to_string()),
        Just("Advertisement".to_string()),
        Just("Source link".to_string()),
        Just("Read more:".to_string()),
        Just(". ".to_string()),
        Just("(Jo Bo / Reuters)".to_string()),
        Just("(Jo Bo / Bo Herald)".to_string()),
        Just("()".to_string()),
        Just("/".to_string()),
        Just("Photo: AP".to_string()),
        Just("<tweet id=\"1\"/>".to_string()),
        Just("pic.twitter.com/x".to_string()),
        Just("Related".to_string()),
        Just("—".to_string()),
        Just("“".to_string()),
        Just("日本".to_string()),
        Just("&amp;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#8220;".to_string()),
        Just("&rsquo;".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&#173;".to_string()),
        Just("&".to_string()),
        Just("&#".to_string()),
        Just(";".to_string()),
        Just("😀".to_string()),
        Just("\u{0}".to_string()),
        "[a-z]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn clean_properties_hold_for_random_articles(pieces in prop::collection::vec(piece(), 0..60)) {
        let input: String = pieces.concat();
        check(&input);
    }

    #[test]
    fn clean_properties_hold_for_random_strings(input in any::<String>()) {
        check(&input);
    }
}

/// The rule ids of the removals of `input`, with the removed text.
fn removals(input: &str) -> Vec<(&'static str, String)> {
    check(input)
        .removed
        .iter()
        .map(|r| (r.rule, input[r.span.start..r.span.end].to_string()))
        .collect()
}

#[test]
fn clean_kicker_glued_to_the_headline() {
    let body = "\n\nThe senator said on Monday that Vance and Osei would meet again.";
    for (head, kicker, kept) in [
        (
            "POLITICSVance says the bill will pass",
            "POLITICS",
            "Vance says the bill will pass",
        ),
        (
            "WorldOsei meets the prime minister in Accra",
            "World",
            "Osei meets the prime minister in Accra",
        ),
        (
            "US NewsVance wins the vote in the Senate",
            "US News",
            "Vance wins the vote in the Senate",
        ),
        // Invisible characters inside the glued word.
        (
            "ELECTION 2016Va\u{2060}nce leads in Ohio again",
            "ELECTION 2016",
            "Vance leads in Ohio again",
        ),
    ] {
        let input = format!("{head}{body}");
        let c = check(&input);
        assert_eq!(
            removals(&input),
            [("navigation.kicker", kicker.to_string())],
            "{head:?}"
        );
        assert!(c.text.starts_with(kept), "{:?}", c.text);
    }
    // A label set off by a separator only site chrome uses goes with the separator.
    for (head, kicker, kept) in [
        (
            "POLITICS | Vance says the bill will pass",
            "POLITICS |",
            "Vance says the bill will pass",
        ),
        (
            "World › Osei meets the prime minister in Accra",
            "World ›",
            "Osei meets the prime minister in Accra",
        ),
        (
            "US News · Vance wins the vote",
            "US News ·",
            "Vance wins the vote",
        ),
    ] {
        let input = format!("{head}{body}");
        let c = check(&input);
        assert_eq!(
            removals(&input),
            [("navigation.kicker_separated", kicker.to_string())],
            "{head:?}"
        );
        assert!(c.text.starts_with(kept), "{:?}", c.text);
    }
    // Not with a short or lower-case rest, nor without spaces around the separator.
    for head in [
        "POLITICS | Vance wins",
        "World / the view from Accra tonight",
        "POLITICS|Vance says the bill will pass",
    ] {
        let input = format!("{head}{body}");
        assert!(
            !removals(&input)
                .iter()
                .any(|(r, _)| *r == "navigation.kicker_separated"),
            "{head:?}: {:?}",
            removals(&input)
        );
    }
    // CamelCase names, words that only start like a label, datelines and labels that are
    // not glued stay.
    for head in [
        "McDonald's sales rise in Asia as new menu launches",
        "iPhone sales slow in China for a third quarter",
        "LeBron James leads the Cavaliers to a win",
        "YouTube removes thousands of channels",
        "WASHINGTON — The Senate voted on Tuesday.",
        "WorldCom files for bankruptcy protection in New York",
        "HealthCare.gov crashes again as enrollment opens",
        "WORLDWIDE PROTESTS GROW AFTER THE VOTE",
        "USAID cuts funding for clinics in the region",
        "Politics is a rough game in this town",
        "BusinessWeek names a new editor for its magazine",
    ] {
        let input = format!("{head}{body}");
        assert!(
            removals(&input).is_empty(),
            "{head:?}: {:?}",
            removals(&input)
        );
    }
    // Only near the top: a glued label deep in the story stays.
    let input = format!(
        "Headline here{body}\n\nMore text.\n\nAnd more.\n\nPOLITICSVance was late again today."
    );
    assert!(removals(&input).is_empty(), "{:?}", removals(&input));
    // The title-case form needs the glued word elsewhere when it is not the first line.
    let input = "Kicker test\n\nWorldZanuba meets the press in town\n\nNo other mention here.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
}

#[test]
fn clean_captions_without_credit() {
    let wrap = |line: &str| {
        format!(
            "Headline of the story\n\nThe first paragraph of the story ends here.\n\n{line}\n\nThe next paragraph of the story starts here."
        )
    };
    for cap in [
        "Senator Harlan Vance speaks during a news conference at the Capitol in Washington on Monday.",
        "Supporters cheer as the candidate arrives at a rally in Des Moines, Iowa, on Monday.",
        "Voters line up at a polling station in Miami.",
        "Republican presidential candidate Jane Doe waves to supporters at a rally in Greensboro, North Carolina on June 14, 2016.",
    ] {
        assert_eq!(
            removals(&wrap(cap)),
            [("caption.standalone", cap.to_string())],
            "{cap:?}"
        );
    }
    // Short body paragraphs in the present tense stay.
    for body in [
        "Protesters gather in Ferguson, where the shooting happened last year.",
        "Clinton speaks in Ohio on Tuesday before heading to Florida.",
        "Supporters cheer at every rally in the state.",
        "Sanders supporters line up outside the arena hours before the doors open.",
        "The senators speak in Washington on Tuesday and will vote on Wednesday.",
        "Most voters stand with the governor on this issue in Ohio.",
        "Although voters look to the governor in Ohio, she spoke about jobs on Monday.",
        "Nevertheless, the incident made waves in the media on Monday.",
        "The nominee currently sits at 85 percent support in Florida.",
        "\"We stand together,\" she said in Ohio on Monday.",
        "I listen to voters every day in Ohio on Monday.",
        // Schedule lines: short, no scene described.
        "Clinton speaks in Philadelphia on Monday.",
        "Obama speaks at the convention on Wednesday.",
    ] {
        assert!(
            removals(&wrap(body)).is_empty(),
            "{body:?}: {:?}",
            removals(&wrap(body))
        );
    }
    // Never the headline; right under it only with a day or a date.
    let input = "Voters line up at a polling station in Miami.\n\nThe story.";
    assert!(removals(input).is_empty());
    let input = "Senate passes the bridge bill\n\nAn exile walks away from the good life in Pennsylvania.\n\nThe story starts here.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
}

#[test]
fn clean_bios_and_footers_inside_trailing_junk() {
    let story = "Senate passes the bridge bill\n\nThe story has a first paragraph.\n\nIt has a second one.\n\nAnd a third, which ends it.";
    for (bio, rest) in [
        (
            "Marta Quill is a reporter for the Riverside Courier who covers Congress.",
            "RELATED STORIES\nGovernors push back on bridge money formula\nWhat the bridge bill means for your commute\n\nShare this:",
        ),
        (
            "— Lena Ward covers West Africa for the Coastline Herald.",
            "Sign up for our newsletter.\n\nFollow us on Instagram @herald.\n\nFacebook | Twitter | Email\n\n[ad_1]",
        ),
    ] {
        let input = format!("{story}\n\n{bio}\n\n{rest}");
        let c = check(&input);
        assert!(c.text.ends_with("which ends it."), "{:?}", c.text);
        assert!(
            removals(&input).contains(&("footer.bio", bio.to_string())),
            "{:?}",
            removals(&input)
        );
    }
    // A wire footer of the tail zone with more junk after it than the tail zone holds.
    let footer = "Quill reported from Moscow.";
    let input = format!(
        "{story}\n\n{footer}\n\nShare this:\n\nFacebook | Twitter | Email\n\nSign up for our newsletter.\n\n[ad_1]\n\nRELATED STORIES\nGovernors push back on bridge money formula"
    );
    assert!(
        removals(&input).contains(&("footer.reported_from", footer.to_string())),
        "{:?}",
        removals(&input)
    );
    assert!(check(&input).text.ends_with("which ends it."));
    // A bio-like sentence followed by story text stays.
    let input = format!(
        "{story}\n\nMarta Quill is a reporter for the Courier.\n\nShe said the vote was close.\n\nThe count ended late.\n\nThe Senate adjourned."
    );
    assert!(removals(&input).is_empty(), "{:?}", removals(&input));
    // A wire footer after a story sentence on the same line: only the footer goes.
    let input = "Senate passes the bridge bill\n\nThe group has targeted members of minorities in the region it controls in the east. (Reporting by Jane Doe in Washington; Editing by John Roe.)";
    assert_eq!(
        removals(input),
        [(
            "footer.inline_tail",
            "(Reporting by Jane Doe in Washington; Editing by John Roe.)".to_string()
        )]
    );
}

#[test]
fn clean_keeps_quote_speakers_and_hashtag_sentences() {
    // "- Sanders." after a quoted paragraph names its speaker.
    let input =
        "Fact check\n\n\"Companies pay zero taxes.\"\n\n- Sanders.\n\nThis is a complex issue.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
    let input = "Senate passes the bridge bill\n\nMany people would rather not vote.\n\nEnter #GirlIGuessImWithHer.\n\nThe hashtag spread fast.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
    // "FACEBOOK." in capitals with its period heads readers' comments; share buttons go.
    let input = "Readers respond\n\nWhat readers said.\n\nFACEBOOK.\n\nI agree with the senator.\n\nTWITTER.\n\nNot me.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
    let input =
        "Readers respond\n\nWhat readers said.\n\nFacebook\n\nTwitter\n\nI agree with the senator.";
    assert_eq!(removals(input).len(), 2, "{:?}", removals(input));
    // A share line with a handle still goes.
    let input = "Senate passes the bridge bill\n\nThe story.\n\nTwitter: @milbank.";
    assert_eq!(removals(input).len(), 1, "{:?}", removals(input));
}

#[test]
fn clean_scraped_css_lines() {
    for css in [
        "-webkit-border-radius: 50px;",
        "height: 275px !important;",
        "font-family:Helvetica, Arial, sans-serif;",
        "border-top:1px solid #cccccc;",
        "text-align: center;",
    ] {
        let input = format!("Senate passes the bill\n\nStory text here.\n\n{css}\n\nMore story.");
        assert_eq!(
            removals(&input),
            [("other.css", css.to_string())],
            "{css:?}"
        );
    }
    for prose in [
        "Re-election: a long road;",
        "Follow-up: 3 questions;",
        "Vote-count: 51-49;",
    ] {
        let input = format!("Senate passes the bill\n\nStory text here.\n\n{prose}\n\nMore story.");
        assert!(
            removals(&input).is_empty(),
            "{prose:?}: {:?}",
            removals(&input)
        );
    }
}

#[test]
fn clean_keeps_a_section_heading_over_a_long_paragraph() {
    // A newsletter's "TOP STORIES." heads long story paragraphs, not a list of headlines.
    let para =
        "SENATE PASSES THE BRIDGE BILL The Senate voted late on Monday to fund the repair of \
                every bridge in the state over the next ten years, after a debate that ran for \
                most of the day and ended with a compromise on how the money is split between \
                the cities and the rural counties that had asked for more.";
    let input = format!(
        "Tuesday's Morning Email: The Bridge Bill Passes\n\nTOP STORIES.\n\n{para}\n\nThe second item is here."
    );
    assert!(removals(&input).is_empty(), "{:?}", removals(&input));
    // The same header over a list of headlines still goes, with its list.
    let input = "Senate passes the bridge bill\n\nThe story.\n\nTOP STORIES\nGovernors push back on bridge money formula\nWhat the bridge bill means for your commute\n\nThe story goes on.";
    let r = removals(input);
    assert_eq!(r[0], ("related.header", "TOP STORIES".to_string()));
    assert_eq!(r.len(), 3, "{r:?}");
}

#[test]
fn clean_keeps_an_author_signing_the_story() {
    let story = "Five trends to watch\n\nThe first trend is turnout.\n\nThe second trend is money, and it matters a great deal.";
    for sign in ["- Scott Clement.", "— Jane M. Doe"] {
        let input = format!("{story}\n\n{sign}");
        assert!(
            removals(&input).is_empty(),
            "{sign:?}: {:?}",
            removals(&input)
        );
    }
    // An outlet or a title signing off is not a person: it goes.
    for sign in ["— The Associated Press", "- Reuters.", "— The Editors"] {
        let input = format!("{story}\n\n{sign}");
        let r = removals(&input);
        assert_eq!(r.len(), 1, "{sign:?}: {r:?}");
        assert_eq!(r[0].1, sign, "{r:?}");
    }
}

#[test]
fn clean_agency_name_after_an_initial_is_a_name() {
    // "Michael R. Bloomberg." ends a sentence of the story, not a photo credit.
    let input = "Ranking the rich\n\nBloomberg put him at $2.9 billion, which Mr. Trump called a disgrace, blaming Michael R. Bloomberg.\n\nThe lists differ.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
    // After a real sentence end the agency is still a credit.
    let input = "Ranking the rich\n\nThe senator speaks to reporters in Des Moines on Monday. Reuters\n\nThe lists differ.";
    assert!(
        removals(input).iter().any(|r| r.0 == "credit.trailing"),
        "{:?}",
        removals(input)
    );
}

#[test]
fn clean_keeps_an_ellipsis_line_of_a_transcript() {
    let input = "Interview with the governor\n\nFALLIN: We all need to work together.\n\n….\n\nTAPPER: Has he campaigned as a healer?";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
    // A rule of dashes or tildes is still a separator.
    let input = "Interview with the governor\n\nThe story.\n\n~~~~~.\n\nMore story.";
    assert_eq!(
        removals(input),
        [("navigation.separator", "~~~~~.".to_string())]
    );
}

#[test]
fn clean_tweet_text_is_not_judged_by_the_phrase_tables() {
    // "WATCH:" opens the tweet's own words: only the markup and the link go.
    let input = "Beck responds\n\nThe story.\n\n<tweet tweet-author=\"@news\" tweet-date=\"January 20, 2016\">WATCH: The best moments from the rally in Iowa. https://t.co/abcdEF12<tweet/>.\n\nMore story.";
    let c = check(input);
    assert!(
        c.text
            .contains("WATCH: The best moments from the rally in Iowa."),
        "{:?}",
        c.text
    );
    // Outside a tweet the same line is an embed pointer.
    let input = "Beck responds\n\nThe story.\n\nWATCH: The best moments from the rally in Iowa.\n\nMore story.";
    assert_eq!(removals(input).len(), 1, "{:?}", removals(input));
}

#[test]
fn clean_tweet_signature_with_an_initial() {
    let input = "Tyson not invited\n\nThe story.\n\n<tweet id=\"1\" author=\"@realDonaldTrump\" datetime=\"2016-06-29\">The media makes everything up! — Donald J. Trump (@realDonaldTrump) June 29, 2016</tweet>.\n\nMore story.";
    let r = removals(input);
    assert!(
        r.contains(&(
            "media.tweet_signature",
            "— Donald J. Trump (@realDonaldTrump) June 29, 2016".to_string()
        )),
        "{r:?}"
    );
    assert!(check(input).text.contains("The media makes everything up!"));
}

#[test]
fn clean_live_blog_stamps_follow_lines_and_embed_pointers() {
    for (line, rule) in [
        ("11 a.m.", "navigation.timestamp"),
        ("12 p.m.:", "navigation.timestamp"),
        (
            "Follow Jane Doe and John Roe on Twitter: https://twitter.com/janedoe and https://twitter.com/johnroe.",
            "share.follow",
        ),
        ("Watch the ad above.", "media.embed"),
        ("Watch a clip of the interview below:", "media.embed"),
    ] {
        let input = format!("The Latest: the vote\n\nThe story.\n\n{line}\n\nMore of the story follows.");
        assert_eq!(removals(&input), [(rule, line.to_string())], "{line:?}");
    }
    // Prose about watching stays.
    let input = "The Latest: the vote\n\nThe story.\n\nWatch what happens when the polls close above the river.\n\nMore of the story.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
}

#[test]
fn clean_caption_under_a_named_credit() {
    let head = "Trump rallies in the South\n\nThe campaign went on.";
    // A credit naming the photographer, then the caption: both go.
    for (credit, caption) in [
        (
            "Scott Olson via Getty Images.",
            "Supporters of Jane Roe cheer as she takes the stage at a rally.",
        ),
        (
            "Carla Diaz / Reuters.",
            "Senator John Roe and Mayor Jane Doe place flowers at a memorial for the victims of the flood in Tulsa, Oklahoma.",
        ),
    ] {
        let input = format!("{head}\n\n{credit}\n\n{caption}\n\nThe story goes on after the photo.");
        let r = removals(&input);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].0.starts_with("credit."), "{r:?}");
        assert_eq!(r[1], ("caption.standalone", caption.to_string()));
    }
    // Under a credit, story text stays: past auxiliaries, a sentence break, an article
    // first, no name, modal verbs.
    for text in [
        "Jane Roe was returning to her home town when the storm hit the coast.",
        "The plan is lifted almost whole from a paper published by Jane Roe.",
        "Repeats the same words about many people, and perpetuates old theories.",
        "Jane Roe may want to check her numbers.",
        "Jane Roe plans to call on young people to serve in Ohio.",
        "Jane Roe spoke first. Her rival spoke next.",
    ] {
        let input = format!(
            "{head}\n\nCarla Diaz / Reuters.\n\n{text}\n\nThe story goes on after the photo."
        );
        let r = removals(&input);
        assert_eq!(r.len(), 1, "{text:?}: {r:?}");
    }
    // A bare agency name heads a list item's text in a listicle: the text stays.
    let input = format!(
        "{head}\n\nGetty.\n\nJane Roe describes her first campaign in Texas.\n\nMore of the story."
    );
    assert_eq!(removals(&input).len(), 1, "{:?}", removals(&input));
}

#[test]
fn clean_longer_reported_from_footer_and_executive_bio() {
    let story = "Obama on climate\n\nThe story has a first paragraph.\n\nIt has a second one.";
    let footer = "Jane Roe reported from Midway Atoll, and John Doe and Carla Diaz from Kaneohe Bay, Hawaii.";
    let input = format!("{story}\n\n{footer}");
    assert_eq!(
        removals(&input),
        [("footer.reported_from", footer.to_string())]
    );
    let bio = "Jane Roe is a retired marketing executive in Tucson.";
    let input = format!("{story}\n\n{bio}");
    assert_eq!(removals(&input), [("footer.bio", bio.to_string())]);
}

#[test]
fn clean_capitals_kicker_outside_the_table() {
    let body = "\n\nThe senator said on Monday that Vance and Osei would meet again.";
    for (head, kicker, kept) in [
        (
            "CAMPAIGN 2016Vance leads in Ohio again",
            "CAMPAIGN 2016",
            "Vance leads in Ohio again",
        ),
        (
            "SUPREME COURT WATCHOsei names a new judge",
            "SUPREME COURT WATCH",
            "Osei names a new judge",
        ),
    ] {
        let input = format!("{head}{body}");
        assert_eq!(
            removals(&input),
            [("navigation.kicker_caps", kicker.to_string())],
            "{head:?}"
        );
        assert!(check(&input).text.starts_with(kept), "{head:?}");
    }
    // Acronyms that run into a word, short runs, brands used in the story, and a glued
    // dateline below the headline stay.
    for input in [
        "GOPers rally behind the nominee today\n\nThe story.",
        "NASA's probe reaches Jupiter at last\n\nThe story.",
        "USAToday poll shows a tie\n\nThe story.",
        "MEGACorp buys the old mill in town\n\nMEGACorp said the deal closed on Monday.",
        "Senate passes the bridge bill\n\nWASHINGTONPresident Vance signed the bill on Monday.",
    ] {
        assert!(
            removals(input).is_empty(),
            "{input:?}: {:?}",
            removals(input)
        );
    }
}

#[test]
fn clean_caption_between_a_lead_in_and_a_quote() {
    // A caption after a line that ends on a colon, before a line opening on '' (NYT
    // quotes) or a handle: it stands apart and goes.
    let caption = "Jane Roe listens to a question from a reporter in Des Moines, Iowa.";
    for (before, after) in [
        (
            "The reporter writes:",
            "\"The first time she saw him was at a rally in June.\"",
        ),
        (
            "The senator spoke at length.",
            "''We have shown the world we can win,'' Mr. Doe said.",
        ),
        ("The senator spoke at length.", "@janeroe2016."),
    ] {
        let input = format!("Senate passes the bridge bill\n\nThe story.\n\n{before}\n\n{caption}\n\n{after}\n\nMore of the story.");
        let r = removals(&input);
        assert!(
            r.contains(&("caption.standalone", caption.to_string())),
            "{before:?} / {after:?}: {r:?}"
        );
    }
    // A sentence that goes on from the colon is not a caption.
    let input = "Senate passes the bridge bill\n\nThe story.\n\nHe listed the reasons:\n\nthe senator speaks to voters in Des Moines, Iowa.\n\nMore of the story.";
    assert!(removals(input).is_empty(), "{:?}", removals(input));
}

#[test]
fn clean_related_list_ends_where_the_story_resumes() {
    // A list set tight under its header ends at the first blank line.
    let input = "Senate passes the bridge bill\n\nThe story.\n\nRELATED STORIES\nGovernors push back on bridge money formula\nWhat the bridge bill means for your commute\n\nThe Senate Votes On The Bridge Bill Today\n\nThe vote was close.";
    let r = removals(input);
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(check(input)
        .text
        .contains("The Senate Votes On The Bridge Bill Today"));
    // Short lines after a list are the story's sub-headings or a signature's place.
    let input = "Senate passes the bridge bill\n\nThe story.\n\nTrending\n\nGovernors push back on bridge money formula\n\nWhat the bridge bill means for your commute\n\nWar and Peace.\n\nHenderson, Nev.\n\nThe vote was close.";
    let r = removals(input);
    assert_eq!(r.len(), 3, "{r:?}");
    let text = check(input).text;
    assert!(
        text.contains("War and Peace.") && text.contains("Henderson, Nev."),
        "{text:?}"
    );
}

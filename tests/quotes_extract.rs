//! Quote extraction: marks, cues, speakers and kinds, on texts written for these tests.

use newsmark::entities::{self, Label, Mention};
use newsmark::quotes::{self, QuoteKind};
use newsmark::span::Span;
use newsmark::text::Doc;
use newsmark::{analyze, Options, Unit};

/// A mention of the `nth` occurrence of `needle`.
fn mention(text: &str, needle: &str, nth: usize, label: Label) -> Mention {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth} not in text"))
        .0;
    Mention {
        span: Span::new(start, start + needle.len()),
        label,
    }
}

fn run(text: &str, mentions: &[Mention]) -> (Vec<quotes::Quote>, Vec<entities::Entity>) {
    let doc = Doc::new(text);
    let (ents, of) = entities::group(&doc, mentions);
    (quotes::extract(&doc, mentions, &ents, &of), ents)
}

fn pieces<'a>(text: &'a str, q: &quotes::Quote) -> Vec<&'a str> {
    q.content.iter().map(|s| s.slice(text)).collect()
}

/// The quote of `qs` with a content piece containing `needle`.
fn quote_with<'q>(qs: &'q [quotes::Quote], text: &str, needle: &str) -> &'q quotes::Quote {
    qs.iter()
        .find(|q| q.content.iter().any(|c| c.slice(text).contains(needle)))
        .unwrap_or_else(|| panic!("no quote with {needle:?}"))
}

/// The whole pipeline (tagger included) on `text` as it is, offsets in bytes.
fn whole(text: &str) -> newsmark::Analysis {
    let options = Options {
        clean: false,
        offsets: Unit::Utf8,
        ..Options::default()
    };
    analyze(text, &options).unwrap()
}

/// The quote of a [`whole`] analysis with a content piece containing `needle`.
fn analysed_quote<'a>(
    r: &'a newsmark::Analysis,
    text: &str,
    needle: &str,
) -> &'a newsmark::QuoteOut {
    r.quotes
        .iter()
        .find(|q| {
            q.content
                .iter()
                .any(|c| text[c.start..c.end].contains(needle))
        })
        .unwrap_or_else(|| panic!("no quote with {needle:?}: {:?}", r.quotes))
}

#[test]
fn split_quote_is_one_quote_with_two_pieces() {
    let t = "The council met on Monday.\n\n“We will rebuild the bridge,” Mayor Ana Ruiz said, “and we will do it before winter.”\n";
    let (qs, _) = run(t, &[]);
    assert_eq!(qs.len(), 1, "{qs:?}");
    let q = &qs[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        pieces(t, q),
        vec![
            "We will rebuild the bridge,",
            "and we will do it before winter."
        ]
    );
    assert_eq!(q.cue.unwrap().slice(t), "said");
    assert_eq!(q.speaker.unwrap().span.slice(t), "Mayor Ana Ruiz");
}

#[test]
fn pronoun_speaker_resolves_to_the_named_person() {
    let t = "Harbour master Tomas Keller inspected the pier on Friday.\n\n\
             “The timbers are rotten,” he said.\n";
    let ms = [mention(t, "Tomas Keller", 0, Label::Per)];
    let (qs, ents) = run(t, &ms);
    assert_eq!(qs.len(), 1, "{qs:?}");
    let sp = qs[0].speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t), "he");
    let e = sp.entity.expect("resolved");
    assert_eq!(ents[e].name, "Tomas Keller");
}

#[test]
fn surname_speaker_points_at_the_full_name_entity() {
    let t = "Finance Minister Greta Olsen presented the budget.\n\n\
             “It is balanced,” Olsen said. Later Ms. Olsen left.\n";
    let ms = [
        mention(t, "Finance Minister Greta Olsen", 0, Label::Per),
        mention(t, "Olsen", 1, Label::Per),
        mention(t, "Ms. Olsen", 0, Label::Per),
    ];
    let (qs, ents) = run(t, &ms);
    assert_eq!(ents.len(), 1);
    assert_eq!(ents[0].name, "Greta Olsen");
    assert_eq!(ents[0].mentions, vec![0, 1, 2]);
    let sp = qs[0].speaker.unwrap();
    assert_eq!(sp.span.slice(t), "Olsen");
    assert_eq!(sp.entity, Some(0));
}

#[test]
fn multi_paragraph_quote_reopens_each_paragraph() {
    let t = "The engineer described the flood.\n\n\
             “The water came at night. Nobody expected it.\n\n\
             “By morning the lower town was gone.\n\n\
             “We are still counting the damage,” said Lena Fischer, the chief engineer.\n\n\
             The road reopened later.";
    let (qs, _) = run(t, &[]);
    // (The labeller reads `The engineer described the flood` as reported speech, as PolNeAR
    // annotates it; the direct quote is what this test is about.)
    let qs: Vec<_> = qs
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(
        pieces(t, &qs[0]),
        vec![
            "The water came at night. Nobody expected it.",
            "By morning the lower town was gone.",
            "We are still counting the damage,"
        ]
    );
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "Lena Fischer");
}

#[test]
fn nested_quote_stays_inside_its_outer_quote() {
    let t = "“My father always told me ‘never sell the farm,’ and I never did,” said the farmer.";
    let (qs, _) = run(t, &[]);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(
        pieces(t, &qs[0]),
        vec!["My father always told me ‘never sell the farm,’ and I never did,"]
    );
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "the farmer");
    // The inner quotation is the father's, inside the farmer's.
    assert_eq!(pieces(t, &qs[1]), vec!["never sell the farm,"]);
    assert_eq!(qs[1].cue.unwrap().slice(t), "told");
    assert_eq!(qs[1].speaker.unwrap().span.slice(t), "My father");
    assert_eq!(qs[1].within, Some(0));
}

#[test]
fn guillemets_and_british_single_quotes_not_apostrophes() {
    let t = "« Nous resterons ici, » a dit le maire.\n\n\
             ‘We won’t move the Joneses’ house,’ the planner said.\n\n\
             The Smiths’ dog barked in the ’90s and it's fine.";
    let all = quotes::marks::find(t);
    let texts: Vec<&str> = all.iter().map(|q| q.pieces[0].slice(t)).collect();
    assert_eq!(
        texts,
        vec!["Nous resterons ici,", "We won’t move the Joneses’ house,"]
    );
    let (qs, _) = run(t, &[]);
    let british = qs
        .iter()
        .find(|q| pieces(t, q)[0].starts_with("We won"))
        .expect("British quote");
    assert_eq!(british.speaker.unwrap().span.slice(t), "the planner");
}

#[test]
fn unbalanced_marks_do_not_swallow_the_article() {
    let t = "He said “this never closes.\n\n\
             The second paragraph is plain.\n\n\
             “Real quote here,” she said.\n\n\
             A stray ” mark and a lone \" straight one.";
    let all = quotes::marks::find(t);
    let second = t.find("The second").unwrap();
    let third = t.find("“Real").unwrap();
    for q in &all {
        for p in &q.pieces {
            assert!(
                p.end <= second || p.start >= third,
                "a piece crosses paragraphs: {:?}",
                p.slice(t)
            );
        }
    }
    assert!(all
        .iter()
        .any(|q| q.pieces[0].slice(t) == "Real quote here,"));
    let (qs, _) = run(t, &[]);
    let real = qs
        .iter()
        .find(|q| pieces(t, q) == vec!["Real quote here,"])
        .expect("the real quote");
    assert_eq!(real.speaker.unwrap().span.slice(t), "she");
}

#[test]
fn kinds_partial_and_indirect() {
    let t = "Senator Ruth Vance promised there would be “hell to pay” if the plant closed.\n\n\
             The union said that the workers would strike on Monday.\n\n\
             According to the company, the plant will stay open until March.\n\n\
             The band played a song called “Blue Roads” at the fair.";
    let (qs, _) = run(t, &[]);
    let find = |needle: &str| quote_with(&qs, t, needle);
    let p = find("hell to pay");
    assert_eq!(p.kind, QuoteKind::Partial);
    assert_eq!(p.speaker.unwrap().span.slice(t), "Senator Ruth Vance");
    assert_eq!(p.cue.unwrap().slice(t), "promised");
    let i = find("workers would strike");
    assert_eq!(i.kind, QuoteKind::Indirect);
    assert_eq!(i.speaker.unwrap().span.slice(t), "The union");
    let a = find("stay open");
    assert_eq!(a.kind, QuoteKind::Indirect);
    assert_eq!(a.speaker.unwrap().span.slice(t), "the company");
    assert_eq!(a.cue.unwrap().slice(t), "According to");
    // A title in quotes with no speech: absent or low confidence.
    if let Some(title) = qs
        .iter()
        .find(|q| q.content.iter().any(|c| c.slice(t) == "Blue Roads"))
    {
        assert!(title.confidence < quotes::CONFIDENT, "{title:?}");
    }
}

#[test]
fn cue_positions_before_after_dash_and_colon_lead_in() {
    let t = "The minister told reporters:\n\n\
             “Prices will fall next year.”\n\n\
             Governor Hal Brant said: “We are ready.”\n\n\
             “I love this town.” ― Maria Lopez\n";
    let (qs, _) = run(t, &[]);
    let by = |needle: &str| quote_with(&qs, t, needle);
    let lead = by("Prices will fall");
    assert_eq!(lead.speaker.unwrap().span.slice(t), "The minister");
    assert_eq!(lead.cue.unwrap().slice(t), "told");
    let before = by("We are ready");
    assert_eq!(before.speaker.unwrap().span.slice(t), "Governor Hal Brant");
    let dash = by("I love this town");
    assert_eq!(dash.speaker.unwrap().span.slice(t), "Maria Lopez");
}

#[test]
fn a_hundred_thousand_quote_marks_complete() {
    let mut t = String::new();
    for i in 0..30_000 {
        t.push_str(if i % 3 == 0 {
            "\"a\" “b” "
        } else {
            "'c' « d "
        });
    }
    t.push_str("\n\n\"Done,\" he said.");
    let (qs, _) = run(&t, &[]);
    assert!(qs
        .iter()
        .any(|q| q.content.iter().any(|c| c.slice(&t) == "Done,")));
    // Through the whole pipeline as well, with every span slicing in chars.
    let r = analyze(
        &t,
        &Options {
            offsets: Unit::Utf8,
            ..Options::default()
        },
    )
    .unwrap();
    for q in &r.quotes {
        for c in &q.content {
            assert!(c.start <= c.end && c.end <= r.text.len());
        }
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in [
        "",
        "\"",
        "“",
        "”",
        "''",
        "``",
        "‘’",
        "said",
        "\" said he \"",
        "«»«»",
        "he said: \n\n\"",
        "a\u{0}\"b\"\u{0} said x",
        "😀 “😀,” 😀 said 😀.",
    ] {
        let (qs, _) = run(t, &[]);
        for q in &qs {
            for c in &q.content {
                assert!(c.start <= c.end && c.end <= t.len());
                let _ = c.slice(t);
            }
            if let Some(s) = q.speaker {
                let _ = s.span.slice(t);
            }
            if let Some(c) = q.cue {
                assert!(c.start < c.end, "{t:?}: {q:?}");
            }
        }
    }
}

#[test]
fn relative_clause_pronoun_and_parenthetical_reports() {
    let t = "Mayor Ivo Tamm condemned what he called “a reckless stunt” by the council.\n\n\
             The new bridge, engineers said, will open in the spring.\n\n\
             Clara Stone had told the board that the budget was sound, but the bank rejected it, the auditor added.\n";
    let (qs, _) = run(t, &[]);
    let by = |needle: &str| quote_with(&qs, t, needle);
    assert_eq!(
        by("reckless stunt").speaker.unwrap().span.slice(t),
        "Mayor Ivo Tamm"
    );
    let p = by("new bridge");
    assert_eq!(p.kind, QuoteKind::Indirect);
    assert_eq!(p.speaker.unwrap().span.slice(t), "engineers");
    assert_eq!(
        pieces(t, p),
        vec!["The new bridge", "will open in the spring"]
    );
    // The sentence-final attribution is the outer one.
    let outer = by("budget was sound");
    assert_eq!(outer.speaker.unwrap().span.slice(t), "the auditor");
    assert_eq!(outer.cue.unwrap().slice(t), "added");
}

#[test]
fn pronoun_skips_names_inside_quotations() {
    let t = "Dana Wells chaired the meeting.\n\n“Ask Robin Vale about the money,” she said.\n";
    let ms = [
        mention(t, "Dana Wells", 0, Label::Per),
        mention(t, "Robin Vale", 0, Label::Per),
    ];
    let (qs, ents) = run(t, &ms);
    let sp = qs[0].speaker.unwrap();
    assert_eq!(sp.span.slice(t), "she");
    assert_eq!(ents[sp.entity.unwrap()].name, "Dana Wells");
}

#[test]
fn speaker_span_completed_by_a_longer_mention() {
    let t = "“We will win,” said Gwen Moore (D-Wis.) on Friday.";
    let ms = [mention(t, "Gwen Moore (D-Wis.)", 0, Label::Per)];
    let (qs, ents) = run(t, &ms);
    let sp = qs[0].speaker.unwrap();
    assert_eq!(sp.span.slice(t), "Gwen Moore (D-Wis.)");
    assert_eq!(sp.entity, Some(0));
    assert_eq!(ents.len(), 1);
    // Without the mention, the phrase alone.
    let (qs, _) = run(t, &[]);
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "Gwen Moore");
}

#[test]
fn speaker_entity_is_the_head_of_the_phrase() {
    let t = "“It is over,” a senior Iraqi security official said.\n\n\
             “We will fight,” campaign chief Ruth Ames of Acme Party said.\n";
    let ms = [
        mention(t, "Iraqi", 0, Label::Misc),
        mention(t, "Ruth Ames", 0, Label::Per),
        mention(t, "Acme Party", 0, Label::Org),
    ];
    let (qs, ents) = run(t, &ms);
    let official = qs[0].speaker.unwrap();
    assert_eq!(official.span.slice(t), "a senior Iraqi security official");
    assert_eq!(official.entity, None, "an adjective is not the speaker");
    let ames = qs[1].speaker.unwrap();
    assert_eq!(ames.span.slice(t), "campaign chief Ruth Ames of Acme Party");
    // The person of "Ruth Ames of Acme Party", not the party.
    assert_eq!(ents[ames.entity.unwrap()].name, "Ruth Ames");
}

#[test]
fn quotation_inside_a_sentence_is_partial() {
    let t = "The agency “only checks the largest ships,” the report says.\n\n\
             “We check every ship,” the agency said.\n";
    let (qs, _) = run(t, &[]);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[0].kind, QuoteKind::Partial);
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "the report");
    assert_eq!(qs[1].kind, QuoteKind::Direct);
    assert_eq!(qs[1].speaker.unwrap().span.slice(t), "the agency");
}

#[test]
fn a_sign_that_reads_is_a_speaker() {
    let t = "“Closed for the season,” the sign read.\n";
    let (qs, _) = run(t, &[]);
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "the sign");
    assert_eq!(qs[0].cue.unwrap().slice(t), "read");
}

#[test]
fn according_to_in_the_middle() {
    let t = "The dam, according to the engineers, will hold until spring.\n";
    let (qs, _) = run(t, &[]);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(pieces(t, &qs[0]), vec!["The dam", "will hold until spring"]);
    assert_eq!(qs[0].speaker.unwrap().span.slice(t), "the engineers");
    assert_eq!(qs[0].cue.unwrap().slice(t), "according to");
}

#[test]
fn participle_cue_takes_the_subject_past_a_dateline_and_an_adverbial_with_commas() {
    let t = "WASHINGTON, May 3 (Wire) — At a town meeting in Dover, Delaware, on Friday, Senator Ada Brook defended the plan, saying it would “keep the lights on all winter.”\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "lights on");
    let sp = q.speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t), "Senator Ada Brook");
}

#[test]
fn appositive_with_commas_gives_the_subject_that_opens_the_sentence() {
    let t = "Tomas Lind, the chairman of the harbour board, a post he has held since 2009, said the port would “stay open through the storms.”\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "stay open");
    let sp = q.speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t), "Tomas Lind");
    // A sentence opened by an adverb keeps the phrase next to the appositive.
    let t2 = "Still, Ines Varga, a nurse at the clinic, said the wards were “full every night.”\n";
    let (qs, _) = run(t2, &[]);
    let sp = qs[0].speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t2), "Ines Varga");
}

#[test]
fn a_quote_relayed_by_an_outlet_has_the_outlet_as_source() {
    let t = "The mayor spoke after the vote.\n\n“We are not done yet,” Ruiz said, according to the Harbour Gazette. “The bridge comes next.”\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "not done");
    assert_eq!(
        q.speaker.expect("a speaker").span.slice(t),
        "the Harbour Gazette"
    );
    assert_eq!(q.cue.expect("a cue").slice(t), "according to");
    // Without the outlet the speaker is the one who spoke.
    let t2 = "“We are not done yet,” Ruiz said. “The bridge comes next.”\n";
    let (qs, _) = run(t2, &[]);
    assert_eq!(qs[0].speaker.expect("a speaker").span.slice(t2), "Ruiz");
}

#[test]
fn a_trailing_participle_yields_to_the_cue_with_a_subject_before_the_quote() {
    let t = "Mayor Ana Ruiz insisted that the city has “enough money for the bridge,” claiming that the budget was balanced.\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "enough money");
    assert_eq!(
        q.speaker.expect("a speaker").span.slice(t),
        "Mayor Ana Ruiz"
    );
    assert_eq!(q.cue.expect("a cue").slice(t), "insisted");
}

#[test]
fn relative_who_contractions_and_adverbs_before_the_cue() {
    // `X, who said …`: the relative pronoun is the source span, its antecedent the entity.
    let t = "The vote went to Mayor Ana Ruiz, who said the result was “a gift to the town.”\n";
    let ms = [mention(t, "Ana Ruiz", 0, Label::Per)];
    let (qs, ents) = run(t, &ms);
    let q = quote_with(&qs, t, "gift");
    let sp = q.speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t), "who");
    assert_eq!(
        ents[sp.entity.expect("the antecedent's entity")].name,
        "Ana Ruiz"
    );
    // `he's said`: the pronoun, not the contraction.
    let t2 = "Every year since, he's said the same words: “Build the bridge.”\n";
    let (qs, _) = run(t2, &[]);
    assert_eq!(qs[0].speaker.expect("a speaker").span.slice(t2), "he");
    // `she angrily said`: an adverb between the subject and the cue.
    let t3 = "Two days after the fire, she angrily said, “Nobody came to help us.”\n";
    let (qs, _) = run(t3, &[]);
    assert_eq!(qs[0].speaker.expect("a speaker").span.slice(t3), "she");
}

#[test]
fn quoted_words_inside_a_reported_clause_belong_to_the_outer_speaker() {
    let t = "Stuart Vale said the way the company treated workers who complained about pay was “a disgrace to the trade.”\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "disgrace");
    assert_eq!(q.speaker.expect("a speaker").span.slice(t), "Stuart Vale");
    assert_eq!(q.cue.expect("a cue").slice(t), "said");
    // A cue with its own subject right before the quotation keeps it.
    let t2 = "Stuart Vale said the workers complained: “We are paid too little.”\n";
    let (qs, _) = run(t2, &[]);
    assert_eq!(
        qs[0].speaker.expect("a speaker").span.slice(t2),
        "the workers"
    );
}

#[test]
fn a_lone_quantifier_is_the_speaker() {
    let t = "The crowd waited for the results. Some chanted “Open the gates!” as the doors stayed shut.\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "Open the gates");
    assert_eq!(q.speaker.expect("a speaker").span.slice(t), "Some");
}

#[test]
fn a_second_report_of_the_same_speaker_is_a_quote_of_its_own() {
    // Partial: the quoted words stay with the first report, the second is indirect.
    let t = "The vote was delayed.\n\nOkafor said he was \"not ready\" to back the plan, \
             and suggested that the council needs more time.\n";
    let (qs, _) = run(t, &[]);
    let first = quote_with(&qs, t, "not ready");
    assert_eq!(first.kind, QuoteKind::Partial);
    assert_eq!(
        pieces(t, first),
        vec!["he was \"not ready\" to back the plan"]
    );
    let second = quote_with(&qs, t, "needs more time");
    assert_eq!(second.kind, QuoteKind::Indirect);
    assert_eq!(second.cue.unwrap().slice(t), "suggested");
    assert_eq!(second.speaker.unwrap().span.slice(t), "Okafor");
    assert_eq!(pieces(t, second), vec!["that the council needs more time"]);
    // `and tells the crowd …` splits, `would … and tell him …` (one report) does not.
    let t = "The rally went on.\n\nLinde says she would call the minister and tell him \
             \"enough is enough\" and tells the crowd she was the \"first one\" to say it.\n";
    let (qs, _) = run(t, &[]);
    let first = quote_with(&qs, t, "enough is enough");
    assert_eq!(
        pieces(t, first),
        vec!["she would call the minister and tell him \"enough is enough\""]
    );
    let second = quote_with(&qs, t, "first one");
    assert_eq!(second.kind, QuoteKind::Partial);
    assert_eq!(second.cue.unwrap().slice(t), "tells");
    assert_eq!(second.speaker.unwrap().span.slice(t), "Linde");
    // Reported speech: `and said` (not only `-ed` verbs or `that`) starts a second report.
    let t = "The protest ended late.\n\nFields posted a photograph of her bruised arm and \
             said she had been pulled backward.\n";
    let (qs, _) = run(t, &[]);
    let second = quote_with(&qs, t, "pulled backward");
    assert_eq!(pieces(t, second), vec!["she had been pulled backward"]);
    assert_eq!(second.cue.unwrap().slice(t), "said");
    assert!(
        qs.iter().all(|q| q
            .content
            .iter()
            .all(|c| !(c.slice(t).contains("bruised") && c.slice(t).contains("pulled")))),
        "{qs:?}"
    );
}

#[test]
fn transcript_lines_are_quotes_of_their_labelled_speaker() {
    // Labels in capitals next to each other need no tagger; a capitalised label needs a
    // person mention; notes, lists of places and `Q:`/`A:` are no speakers.
    let t = "The debate got heated on Tuesday night.\n\n\
             OKAFOR: We will fix the harbour wall before the winter storms.\n\n\
             MS. LINDE: That is simply not true, and you know it.\n\n\
             Dana Ruiz: Well, speculation is bad for everybody.\n\n\
             UPDATE: The story has been corrected since then.\n\n\
             Iowa: Okafor leads with 30 percent of the vote.\n\n\
             Q: What advice do you give them tonight?\n";
    let ms = [
        mention(t, "Dana Ruiz", 0, Label::Per),
        mention(t, "Iowa", 0, Label::Loc),
    ];
    let (qs, _) = run(t, &ms);
    let q = quote_with(&qs, t, "harbour wall");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        pieces(t, q),
        vec!["We will fix the harbour wall before the winter storms."]
    );
    assert_eq!(q.cue.unwrap().slice(t), ":");
    assert_eq!(q.speaker.unwrap().span.slice(t), "OKAFOR");
    let q = quote_with(&qs, t, "simply not true");
    assert_eq!(q.speaker.unwrap().span.slice(t), "MS. LINDE");
    let q = quote_with(&qs, t, "speculation is bad");
    assert_eq!(q.speaker.unwrap().span.slice(t), "Dana Ruiz");
    assert!(q.speaker.unwrap().entity.is_some());
    for not_speech in ["corrected since", "30 percent", "What advice"] {
        assert!(
            !qs.iter().any(|q| q.confidence >= quotes::CONFIDENT
                && q.content.iter().any(|c| c.slice(t).contains(not_speech))),
            "{not_speech}: {qs:?}"
        );
    }
    // A lone capitalised label without a person mention is not enough.
    let t = "The meeting ran late.\n\nHarbour: The wall will be rebuilt next spring.\n";
    let (qs, _) = run(t, &[]);
    assert!(
        qs.iter().all(|q| q.confidence < quotes::CONFIDENT),
        "{qs:?}"
    );
}

#[test]
fn labeller_marks_reported_speech_that_no_rule_found() {
    // `want` is no speech verb of the lexicon, but PolNeAR annotates such stances as
    // attributions: the trained labeller (models/quote_labeller.bin) tags the cue, the
    // source and the content of a sentence that no rule attributes.
    let t = "The hearing ran late on Thursday.\n\n\
             Republicans want a tougher border bill before the recess.\n\n\
             The harbour wall collapsed after the storm on Friday.\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "border bill");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.cue.unwrap().slice(t), "want");
    assert_eq!(q.speaker.unwrap().span.slice(t), "Republicans");
    assert!(
        pieces(t, q)[0].starts_with("a tougher border bill"),
        "{q:?}"
    );
    assert!(q.confidence >= quotes::CONFIDENT && q.confidence <= 0.7);
    // A sentence without any attribution stays unattributed.
    assert!(
        !qs.iter()
            .any(|q| q.content.iter().any(|c| c.slice(t).contains("collapsed"))),
        "{qs:?}"
    );
    // A sentence a rule attributed gets no second, labelled quote over the same words.
    let t = "The vote was delayed.\n\nOkafor said the council wants no deal for the harbour.\n";
    let (qs, _) = run(t, &[]);
    let n = qs
        .iter()
        .filter(|q| q.content.iter().any(|c| c.slice(t).contains("no deal")))
        .count();
    assert_eq!(n, 1, "{qs:?}");
    assert_eq!(quote_with(&qs, t, "no deal").cue.unwrap().slice(t), "said");
}

#[test]
fn labeller_confirms_a_quote_the_rules_only_guessed() {
    // `labelled … a “giveaway”`: no speech verb of the lexicon, so the rules give the quoted
    // word to the subject as a guess (below CONFIDENT); the labeller (through the whole
    // pipeline, with NER labels) tags `labelled` as the cue of content that holds the
    // quotation, which confirms the attribution.
    let t = "The council met on Tuesday.\n\n\
             Critics labelled the harbour deal a \"giveaway\" to the banks.\n";
    let r = whole(t);
    let q = analysed_quote(&r, t, "giveaway");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(q.cue.as_ref().unwrap().text, "labelled");
    assert_eq!(q.speaker.as_ref().unwrap().text, "Critics");
    assert_eq!(q.confidence, 0.55);
    // A title with no speech around it is not attributed by the labeller.
    let t = "The council met on Tuesday.\n\n\
             The film \"Harbour Lights\" opens in May at the old cinema.\n";
    let r = whole(t);
    assert!(
        r.quotes.iter().all(|q| q.confidence < quotes::CONFIDENT),
        "{:?}",
        r.quotes
    );
}

#[test]
fn participle_cue_takes_the_subject_of_its_sentence() {
    // `…, explaining that …`: the participle has no subject of its own; the sentence's
    // subject speaks (here for reports that the labeller finds, through the whole pipeline).
    let t = "The hearing ended late.\n\n\
             Stumpf defended the bank at the hearing on Tuesday, explaining that the firings \
             amounted to one percent of its retail staff.\n\n\
             The Supreme Court blocked the plan last year, citing a threat to public health \
             and safety.\n";
    let r = whole(t);
    let with = |needle: &str| analysed_quote(&r, t, needle);
    let q = with("the firings amounted");
    assert_eq!(q.cue.as_ref().unwrap().text, "explaining");
    assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some("Stumpf"));
    let q = with("public health");
    assert_eq!(q.cue.as_ref().unwrap().text, "citing");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.text.as_str()),
        Some("The Supreme Court")
    );
}

#[test]
fn a_place_after_in_qualifies_the_speaker_and_does_not_speak() {
    for (t, place, who) in [
        (
            "Analysts in London said the deal would collapse within a week.\n",
            "London",
            "Analysts in London",
        ),
        (
            "“The port will reopen,” officials at the Kessenburg Pier said.\n",
            "Kessenburg Pier",
            "officials at the Kessenburg Pier",
        ),
        (
            "A spokesman in Valmera said the talks would resume on Monday.\n",
            "Valmera",
            "A spokesman in Valmera",
        ),
    ] {
        let ms = [mention(t, place, 0, Label::Loc)];
        let (qs, _) = run(t, &ms);
        assert_eq!(qs.len(), 1, "{t}: {qs:?}");
        let sp = qs[0].speaker.expect("a speaker");
        assert_eq!(sp.span.slice(t), who, "{t}");
        assert_eq!(sp.entity, None, "{t}: the place is no speaker");
    }
    // A name before the preposition still speaks.
    let t = "Mayor Ruiz in Valmera said the talks would resume on Monday.\n";
    let ms = [
        mention(t, "Ruiz", 0, Label::Per),
        mention(t, "Valmera", 0, Label::Loc),
    ];
    let (qs, ents) = run(t, &ms);
    let e = qs[0].speaker.and_then(|s| s.entity).expect("resolved");
    assert_eq!(ents[e].name, "Ruiz");
}

#[test]
fn a_named_appositive_is_the_speaker_of_its_description() {
    let t = "The port authority rejected the offer. Its chief executive, Tomas Lindqvist, \
             said the authority had negotiated in good faith.\n";
    let ms = [mention(t, "Tomas Lindqvist", 0, Label::Per)];
    let (qs, ents) = run(t, &ms);
    let q = quote_with(&qs, t, "negotiated in good faith");
    let sp = q.speaker.expect("a speaker");
    assert_eq!(sp.span.slice(t), "Its chief executive, Tomas Lindqvist");
    assert_eq!(ents[sp.entity.expect("resolved")].name, "Tomas Lindqvist");
}

#[test]
fn a_tagged_source_has_no_edge_punctuation() {
    // The labeller tags the commas around an appositive name as part of the source; the
    // speaker is the words (whole pipeline, so that the name is a PER mention).
    for (t, who) in [
        (
            "Its spokeswoman, Ilse Marten, told reporters the backlog would take weeks to clear.\n",
            "Ilse Marten",
        ),
        (
            "The carrier's spokesman, Tomas Ekberg, told reporters the backlog would take weeks to clear.\n",
            "The carrier's spokesman, Tomas Ekberg",
        ),
    ] {
        let r = whole(t);
        let s = analysed_quote(&r, t, "backlog").speaker.as_ref().unwrap();
        assert_eq!(s.text, who, "{t}");
        assert_eq!(r.entities[s.entity.unwrap()].name, who.rsplit(", ").next().unwrap());
    }
}

#[test]
fn a_definite_description_speaks_for_the_organisation_it_names() {
    let t = "The Kessenburg Harbour Authority and the Ostland Dockworkers Union met on Monday. \
             The Bank of Ostland stayed out of it.\n\n\
             The authority said it had offered a raise. The union said the offer was late. \
             The bank said nothing would change. The company said it would wait.\n";
    let ms = [
        mention(t, "Kessenburg Harbour Authority", 0, Label::Org),
        mention(t, "Ostland Dockworkers Union", 0, Label::Org),
        mention(t, "Bank of Ostland", 0, Label::Org),
    ];
    let (qs, ents) = run(t, &ms);
    for (needle, name) in [
        ("offered a raise", Some("Kessenburg Harbour Authority")),
        ("the offer was late", Some("Ostland Dockworkers Union")),
        ("nothing would change", Some("Bank of Ostland")),
        // No organisation here is named a company.
        ("it would wait", None),
    ] {
        let q = quote_with(&qs, t, needle);
        let s = q
            .speaker
            .unwrap_or_else(|| panic!("no speaker for {needle}"));
        assert_eq!(s.entity.map(|e| ents[e].name.as_str()), name, "{needle}");
    }
}

#[test]
fn a_party_and_state_after_the_name_is_not_the_speaker() {
    let t = "Senate Majority Leader Ruth Caldwell, D-Ore., called it \"a bridge, not a \
             destination,\" and promised a full budget.\n";
    let r = whole(t);
    let s = analysed_quote(&r, t, "a bridge").speaker.as_ref().unwrap();
    assert_eq!(s.text, "Senate Majority Leader Ruth Caldwell");
    assert_eq!(r.entities[s.entity.unwrap()].name, "Ruth Caldwell");
}

#[test]
fn a_quotation_inside_a_quotation_is_a_quote_of_its_own() {
    let text = "Mayor Elena Ruiz spoke to reporters on Monday.\n\
“When the inspectors came, I told them, ‘The bridge is safe,’ and they agreed,” Ruiz said. \
“My deputy Tomas Berg was there. He said: ‘We have the reports to prove it.’”\n\
“People call it a ‘miracle’ but it is just good engineering,” she added.\n\
“‘Never again,’ the engineers promised us after the flood,” said Ruiz.\n\
“She was angry after what she called a ‘rant,’ a series of posts saying that we lied,” Ruiz said.\n";
    let mentions = [
        mention(text, "Elena Ruiz", 0, Label::Per),
        mention(text, "Ruiz", 1, Label::Per),
        mention(text, "Tomas Berg", 0, Label::Per),
        mention(text, "Ruiz", 2, Label::Per),
        mention(text, "Ruiz", 3, Label::Per),
    ];
    let (qs, ents) = run(text, &mentions);
    let ruiz = ents.iter().position(|e| e.name == "Elena Ruiz").unwrap();
    let berg = ents.iter().position(|e| e.name == "Tomas Berg").unwrap();
    let index = |needle: &str| {
        qs.iter()
            .position(|q| q.content.iter().any(|c| c.slice(text) == needle))
            .unwrap_or_else(|| panic!("no quote of exactly {needle:?}"))
    };
    let outer = quote_with(&qs, text, "When the inspectors came");
    assert_eq!(outer.speaker.unwrap().span.slice(text), "Ruiz");
    assert_eq!(outer.within, None);
    // The outer quote keeps its whole content, inner marks included.
    assert!(pieces(text, outer)[0].contains("‘The bridge is safe,’ and they agreed"));
    let outer_index = qs.iter().position(|q| std::ptr::eq(q, outer)).unwrap();

    // `I told them, ‘…’`: the outer speaker quoting herself.
    let safe = &qs[index("The bridge is safe,")];
    assert_eq!(safe.kind, QuoteKind::Direct);
    assert_eq!(safe.cue.unwrap().slice(text), "told");
    let sp = safe.speaker.unwrap();
    assert_eq!((sp.span.slice(text), sp.entity), ("I", Some(ruiz)));
    assert_eq!(safe.within, Some(outer_index));
    assert!(safe.confidence >= quotes::CONFIDENT);

    // `He said: ‘…’`, with `He` resolved to the name inside the outer quotation.
    let reports = &qs[index("We have the reports to prove it.")];
    assert_eq!(reports.cue.unwrap().slice(text), "said");
    let sp = reports.speaker.unwrap();
    assert_eq!((sp.span.slice(text), sp.entity), ("He", Some(berg)));
    let holder = reports.within.expect("nested");
    assert!(pieces(text, &qs[holder])
        .iter()
        .any(|p| p.contains("My deputy Tomas Berg")));

    // A cue after the inner quotation, still inside the outer one.
    let never = &qs[index("Never again,")];
    assert_eq!(never.cue.unwrap().slice(text), "promised");
    assert_eq!(never.speaker.unwrap().span.slice(text), "the engineers");
    assert!(never.within.is_some());

    // A cue leading into it beats a clause after it.
    let rant = &qs[index("rant,")];
    assert_eq!(rant.cue.unwrap().slice(text), "called");
    assert_eq!(rant.speaker.unwrap().span.slice(text), "she");

    // A scare quote inside a quote is reported, but as no attribution.
    let miracle = &qs[index("miracle")];
    assert!(miracle.confidence < quotes::CONFIDENT);
    assert!((miracle.cue, miracle.speaker) == (None, None));
    assert!(miracle.within.is_some());

    // Only the nested ones point anywhere.
    assert_eq!(qs.iter().filter(|q| q.within.is_some()).count(), 5);
}

#[test]
fn within_indexes_the_quotes_that_are_kept() {
    let text = "Critics call the plan a “bailout” for banks.\n\
“Ana López told me, ‘We will not pay for it,’ and walked out,” said Omar Haddad, a union leader.\n";
    let at = |r: &newsmark::Analysis| {
        let inner = r
            .quotes
            .iter()
            .find(|q| q.within.is_some())
            .expect("a nested quote");
        let outer = &r.quotes[inner.within.expect("nested")];
        assert!(text[outer.content[0].start..outer.content[0].end].starts_with("Ana López told me"));
        assert_eq!(inner.cue.as_ref().unwrap().text, "told");
        inner.within.unwrap()
    };
    let all = whole(text);
    let confident = analyze(
        text,
        &Options {
            clean: false,
            offsets: Unit::Utf8,
            min_confidence: quotes::CONFIDENT,
            ..Options::default()
        },
    )
    .unwrap();
    // The scare quote before them is dropped at 0.5, so the index moves down by one.
    assert!(all.quotes.len() > confident.quotes.len());
    assert_eq!(at(&all), at(&confident) + 1);
}

#[test]
fn a_nested_quote_after_an_opening_adverb_is_the_subjects() {
    let text =
        "“Maybe I can, by speaking directly to voters, say, ‘Look, this is not who we are,’ \
                and they will listen,” Elena Ruiz said.\n";
    let mentions = [mention(text, "Elena Ruiz", 0, Label::Per)];
    let (qs, _) = run(text, &mentions);
    let inner = qs
        .iter()
        .find(|q| q.within.is_some())
        .expect("a nested quote");
    assert_eq!(pieces(text, inner), vec!["Look, this is not who we are,"]);
    let sp = inner.speaker.unwrap();
    assert_eq!((sp.span.slice(text), sp.entity), ("I", Some(0)));
}

#[test]
fn closing_attributions_with_a_place_or_occasion() {
    // `said in a statement` is a cue phrase of its own; the clause before it is the content.
    let t = "The board met.\n\nPrices will rise in June, the company said in a statement.\n";
    let r = whole(t);
    let q = analysed_quote(&r, t, "Prices");
    assert_eq!(
        q.content
            .iter()
            .map(|c| &t[c.start..c.end])
            .collect::<Vec<_>>(),
        vec!["Prices will rise in June"]
    );
    assert_eq!(q.speaker.as_ref().unwrap().text, "the company");
    // `called Halcyon` between commas names the chip; `said at …` closes the sentence.
    let t = "The board met.\n\nThe chip, called Halcyon, will ship in the fourth quarter, chief \
             executive Priya Raman said at the company's annual developer conference.\n";
    let r = whole(t);
    let confident: Vec<_> = r
        .quotes
        .iter()
        .filter(|q| q.confidence >= quotes::CONFIDENT)
        .collect();
    assert_eq!(confident.len(), 1, "{confident:?}");
    let q = confident[0];
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert_eq!(
        &t[q.content[0].start..q.content[0].end],
        "The chip, called Halcyon, will ship in the fourth quarter"
    );
    // The rules' attribution is not reported again by the labeller with the occasion as
    // its content.
    let t = "The board met.\n\nThe plant will close in June, chief executive Priya Raman said \
             during a visit to Oslo.\n";
    let r = whole(t);
    let confident: Vec<_> = r
        .quotes
        .iter()
        .filter(|q| q.confidence >= quotes::CONFIDENT)
        .collect();
    assert_eq!(confident.len(), 1, "{confident:?}");
    assert_eq!(
        &t[confident[0].content[0].start..confident[0].content[0].end],
        "The plant will close in June"
    );
}

#[test]
fn clauses_that_only_look_like_attributions() {
    // `…, said the senator's trip was …,`: a reported clause, not `said NP` with an
    // appositive.
    let t = "The visit ended.\n\nDana Reed, a former aide who travelled with her in 2011, said \
             the senator's trip was perhaps more important than the governor's, even though it \
             got less attention.\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "trip was");
    assert!(
        q.speaker.unwrap().span.slice(t).starts_with("Dana Reed"),
        "{q:?}"
    );
    assert!(pieces(t, q)[0].starts_with("the senator's trip"), "{q:?}");
    // A relative clause between commas ends before the main clause's verb.
    let t = "The video was released.\n\nThe boy's parents, who asked police to release the \
             video, watched it with their lawyer on Thursday.\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "release the video");
    assert_eq!(q.cue.unwrap().slice(t), "asked");
    assert!(pieces(t, q).iter().all(|p| !p.contains("watched")), "{q:?}");
    // A passive with its agent: the subject is what was reported, not who reported it.
    let t = "The vote was delayed.\n\nThe registration problem was first reported by The \
             Harbour Ledger on Monday.\n";
    let r = whole(t);
    assert!(
        r.quotes.iter().all(|q| q
            .speaker
            .as_ref()
            .is_none_or(|s| !s.text.contains("registration"))),
        "{:?}",
        r.quotes
    );
}

#[test]
fn a_quotation_after_its_speakers_gesture() {
    let t = "The final is in May.\n\nAsked whether it would be the club's biggest day, Kevin \
             Wilkin smiled. “Ask me after we've won it.”\n\nThe crowd cheered. “Again!”\n";
    let (qs, _) = run(t, &[]);
    let q = quote_with(&qs, t, "Ask me");
    assert_eq!(q.speaker.unwrap().span.slice(t), "Kevin Wilkin");
    assert!(q.confidence >= quotes::CONFIDENT, "{q:?}");
    // Not a crowd's.
    let q = quote_with(&qs, t, "Again");
    assert!(q.speaker.is_none(), "{q:?}");
}

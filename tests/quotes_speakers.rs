//! Speaker buckets fixed on PolNeAR dev errors, each with sentences written for these tests.

use newsmark::entities;
use newsmark::quotes::{self, Quote, QuoteKind};
use newsmark::text::Doc;

fn run(text: &str) -> Vec<Quote> {
    let doc = Doc::new(text);
    let (ents, of) = entities::group(&doc, &[]);
    quotes::extract(&doc, &[], &ents, &of)
}

fn pieces<'a>(text: &'a str, q: &Quote) -> Vec<&'a str> {
    q.content.iter().map(|s| s.slice(text)).collect()
}

/// The confident quote whose content contains `needle`.
fn quote_with<'q>(text: &str, qs: &'q [Quote], needle: &str) -> &'q Quote {
    qs.iter()
        .filter(|q| q.confidence >= quotes::CONFIDENT)
        .find(|q| q.content.iter().any(|c| c.slice(text).contains(needle)))
        .unwrap_or_else(|| panic!("no confident quote with {needle:?} in {qs:?}"))
}

fn speaker<'a>(text: &'a str, q: &Quote) -> Option<&'a str> {
    q.speaker.map(|s| s.span.slice(text))
}

/// No quote of `text` whose content holds `needle` is confident.
fn no_confident_quote_with(text: &str, needle: &str) {
    let qs = run(text);
    assert!(
        qs.iter()
            .filter(|q| q.content.iter().any(|c| c.slice(text).contains(needle)))
            .all(|q| q.confidence < quotes::CONFIDENT),
        "{qs:?}"
    );
}

/// The speaker of the confident quote of `text` whose content holds `needle`.
fn speaker_of<'a>(text: &'a str, needle: &str) -> Option<&'a str> {
    speaker(text, quote_with(text, &run(text), needle))
}

#[test]
fn headline_with_a_name_and_a_colon() {
    let t = "Keller: Harbour Repairs Are ‘Years Overdue’ After Storm.\n\n\
             The harbour master spoke on Friday.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Overdue");
    assert_eq!(speaker(t, q), Some("Keller"));
    assert_eq!(q.cue.unwrap().slice(t), ":");
    assert_eq!(
        pieces(t, q),
        vec!["Harbour Repairs Are ‘Years Overdue’ After Storm"]
    );
    // A label is no speaker: `The Latest: …` goes on to the name after it.
    let t = "The Latest: Mayor Ruiz Says Bridge Plan Is ‘Dead.’\n\nMore soon.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Dead");
    assert_eq!(speaker(t, q), Some("Mayor Ruiz"));
    assert_eq!(q.cue.unwrap().slice(t), "Says");
    assert_eq!(pieces(t, q), vec!["Bridge Plan Is ‘Dead.’"]);
}

#[test]
fn headline_with_the_cue_at_the_end() {
    let t = "Ferry Fares ‘Will Not Rise,’ Transport Chief Says.\n\nThe board meets today.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Rise");
    assert_eq!(speaker(t, q), Some("Transport Chief"));
    assert_eq!(pieces(t, q), vec!["Ferry Fares ‘Will Not Rise,’"]);
}

#[test]
fn headline_without_marks_is_reported_speech() {
    let t = "Ruiz: the bridge will reopen in spring.\n\nThe mayor spoke on Friday.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "reopen");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker(t, q), Some("Ruiz"));
    // A headline that is no attribution gives none.
    let t = "Bridge to reopen in spring.\n\nThe mayor spoke on Friday.\n";
    assert!(run(t).iter().all(|q| q.confidence < quotes::CONFIDENT));
}

#[test]
fn participle_after_a_described_speaker() {
    let t = "The pier was closed.\n\n\"Nobody was hurt,\" the harbour master said, adding that \
             repairs would take \"several weeks\" at least.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "several weeks");
    assert_eq!(speaker(t, q), Some("the harbour master"));
}

#[test]
fn participle_after_before_takes_the_subject() {
    let t = "At the concert, Lena Brook sings to the crowd before asking them, \
             “Where do we go from here?”\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Where do we go");
    assert_eq!(q.cue.unwrap().slice(t), "asking");
    assert_eq!(speaker(t, q), Some("Lena Brook"));
}

#[test]
fn described_subject_after_an_opening_adverbial() {
    let t = "In March, several fishing groups wrote to the council, saying the quota was \
             \"far too low for the season.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "far too low");
    assert_eq!(speaker(t, q), Some("several fishing groups"));
}

#[test]
fn a_preposition_is_no_speaker() {
    let t = "The doctor was criticised for saying that the tea was a \"miracle cure for every \
             ailment.\"\n";
    let qs = run(t);
    for q in &qs {
        let sp = speaker(t, q).unwrap_or("");
        assert!(
            !sp.eq_ignore_ascii_case("for"),
            "{sp:?} is no speaker: {qs:?}"
        );
    }
}

#[test]
fn participle_after_a_closing_mark_takes_the_speaker_of_the_cue_before() {
    let t = "The panel met.\n\n“The plan is sound, but it has no money,” Tomas Keller said on the \
             radio show \"Harbour Hour,\" adding, “Nobody wants to pay for it.”\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Nobody wants");
    assert_eq!(q.cue.unwrap().slice(t), "adding");
    assert_eq!(speaker(t, q), Some("Tomas Keller"));
}

#[test]
fn a_verb_outside_the_lexicon_before_a_colon_lead_in() {
    let t = "The panel met.\n\nAsked whether the board would resign, Mr. Keller shot back: \
             “That would be a gift to our critics.”\n\nThe mayor spoke at the pier and then \
             predicted: “We will sail by June.”\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "a gift to our critics");
    assert_eq!(q.cue.unwrap().slice(t), "shot back");
    assert_eq!(speaker(t, q), Some("Mr. Keller"));
    // An irregular past tense ends the subject phrase.
    let q = quote_with(t, &qs, "sail by June");
    assert_eq!(speaker(t, q), Some("The mayor"));
}

#[test]
fn verbs_of_attack_and_praise_are_cues() {
    let t = "The panel met.\n\nLast week Mayor Ruiz blasted the ferry company for being \
             “utterly careless with public money.”\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "utterly careless");
    assert_eq!(q.cue.unwrap().slice(t), "blasted");
    assert_eq!(speaker(t, q), Some("Mayor Ruiz"));
}

#[test]
fn a_second_report_in_the_clause_is_its_own_quote() {
    let t = "The panel met.\n\nHarbour officials said the pier would stay closed until May, \
             citing the cost of the repairs.\n\nHis aides say the vote is too close to call but \
             noted that turnout was high.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "stay closed");
    assert_eq!(pieces(t, q), vec!["the pier would stay closed until May"]);
    assert_eq!(speaker(t, q), Some("Harbour officials"));
    let q = quote_with(t, &qs, "the cost of the repairs");
    assert_eq!(q.cue.unwrap().slice(t), "citing");
    assert_eq!(pieces(t, q), vec!["the cost of the repairs"]);
    assert_eq!(speaker(t, q), Some("Harbour officials"));
    let q = quote_with(t, &qs, "too close to call");
    assert_eq!(pieces(t, q), vec!["the vote is too close to call"]);
    let q = quote_with(t, &qs, "turnout was high");
    assert_eq!(q.cue.unwrap().slice(t), "noted");
    assert_eq!(speaker(t, q), Some("His aides"));
}

#[test]
fn speech_reported_by_its_topic_or_a_stance() {
    let t = "The panel met.\n\nMayor Ruiz talked about the cost of the new ferry line at the \
             meeting.\n\nThe harbour union endorsed Tomas Keller for the board.\n\nThe weather \
             was about the same as last week.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "cost of the new ferry");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.cue.unwrap().slice(t), "talked about");
    assert_eq!(speaker(t, q), Some("Mayor Ruiz"));
    assert_eq!(
        pieces(t, q),
        vec!["the cost of the new ferry line at the meeting"]
    );
    let q = quote_with(t, &qs, "Tomas Keller");
    assert_eq!(q.cue.unwrap().slice(t), "endorsed");
    assert_eq!(speaker(t, q), Some("The harbour union"));
    // `was about` is no speech.
    assert!(
        !qs.iter()
            .any(|q| q.content.iter().any(|c| c.slice(t).contains("the same"))),
        "{qs:?}"
    );
}

#[test]
fn clause_edges_of_reported_speech() {
    let t = "The panel met.\n\nUnion leader Ana Ruiz said the warning was proof that the board \
             did not understand the harbour, and accused the mayor of hiding the figures.\n\n\
             Tomas Keller said the ferry was late again and said, “Nobody is in charge here.”\n";
    let qs = run(t);
    // The clause is reported whole, not from the `that` inside it.
    let q = quote_with(t, &qs, "the warning was proof");
    assert_eq!(
        pieces(t, q),
        vec!["the warning was proof that the board did not understand the harbour"]
    );
    let q = quote_with(t, &qs, "hiding the figures");
    assert_eq!(q.cue.unwrap().slice(t), "accused");
    assert_eq!(speaker(t, q), Some("Union leader Ana Ruiz"));
    // Reported speech ends where the quotation of the same sentence begins.
    let q = quote_with(t, &qs, "ferry was late");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(pieces(t, q), vec!["the ferry was late again"]);
    let q = quote_with(t, &qs, "Nobody is in charge");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker(t, q), Some("Tomas Keller"));
    // A listener or a phrase like `in a statement` is skipped up to `that`.
    let t = "The panel met.\n\nThe port authority said in a statement that it had offered a \
             raise.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "offered a raise");
    assert_eq!(pieces(t, q), vec!["that it had offered a raise"]);
}

#[test]
fn according_to_a_loose_source_and_a_possessive_claim() {
    let t = "The panel met.\n\nBut according to recently released harbour board minutes, the \
             ferry lost money in every month of the year.\n\nThe figures undercut Keller's claim \
             that the line pays for itself.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "lost money");
    assert_eq!(q.cue.unwrap().slice(t), "according to");
    assert_eq!(
        speaker(t, q),
        Some("recently released harbour board minutes")
    );
    assert_eq!(
        pieces(t, q),
        vec!["the ferry lost money in every month of the year"]
    );
    let q = quote_with(t, &qs, "pays for itself");
    assert_eq!(q.cue.unwrap().slice(t), "claim");
    assert_eq!(speaker(t, q), Some("Keller"));
    assert_eq!(pieces(t, q), vec!["the line pays for itself"]);
}

#[test]
fn questions_asked_and_declined_comments() {
    let t = "The panel met.\n\nAsked whether the ferry would run next winter, Mayor Ruiz \
             shrugged.\n\nThe harbour company declined to comment on the figures.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "ferry would run");
    assert_eq!(q.cue.unwrap().slice(t), "Asked");
    assert_eq!(
        pieces(t, q),
        vec!["whether the ferry would run next winter"]
    );
    assert!(q.speaker.is_none(), "{q:?}");
    let q = quote_with(t, &qs, "to comment");
    assert_eq!(q.cue.unwrap().slice(t), "declined");
    assert_eq!(speaker(t, q), Some("The harbour company"));
    assert_eq!(pieces(t, q), vec!["to comment on the figures"]);
}

#[test]
fn quoted_words_inside_a_relative_clause_belong_to_the_relative_pronoun() {
    // `who has called …`: the relative pronoun (standing for Mr. Okafor) is the speaker, the
    // verb is the cue, and the reported clause ends with the relative clause.
    let t = "The council voted on Monday.\n\nMr. Okafor, who has called the plan \
             \"a reckless gamble,\" voted against it after a long debate.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "reckless gamble");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker(t, q), Some("who"));
    assert_eq!(q.cue.unwrap().slice(t), "called");
    assert_eq!(pieces(t, q), vec!["the plan \"a reckless gamble,\""]);
    // A short adverbial between the pronoun and its verb.
    let t = "The debate went on.\n\nLinde, who has in the past described the tax as \
             \"a burden on every family\" and a mistake, voted for it anyway.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "burden on every family");
    assert_eq!(speaker(t, q), Some("who"));
    assert_eq!(q.cue.unwrap().slice(t), "described");
    assert_eq!(
        pieces(t, q),
        vec!["the tax as \"a burden on every family\" and a mistake"]
    );
}

#[test]
fn called_after_who_or_has_is_speech_not_a_name() {
    // `a song called “…”` stays a title; `who called it “…”` is a quote with a speaker.
    let t = "The mayor spoke at the opening.\n\nThe crowd cheered Ms. Baptiste, who called \
             the new bridge \"a promise kept.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "a promise kept");
    assert_eq!(speaker(t, q), Some("who"));
    assert_eq!(q.cue.unwrap().slice(t), "called");
    let t = "The band closed the night.\n\nThey played a song called \"Harbour Lights\" twice.\n";
    no_confident_quote_with(t, "Harbour Lights");
}

#[test]
fn trailing_verbs_that_are_nouns_too_and_demonstrative_speakers() {
    // `notes`/`claims` are left out of the lexicon (they are nouns too) but close a quote
    // as verbs; `this source` is a speaker phrase.
    let t = "The plan was published.\n\n\"The harbour needs a new wall,\" Okafor notes.\n\n\
             \"Nobody asked us,\" the fishermen claims.\n\n\
             \"The board never met,\" this source said.\n\n\"Read the notes,\" Linde said.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "new wall");
    assert_eq!(speaker(t, q), Some("Okafor"));
    assert_eq!(q.cue.unwrap().slice(t), "notes");
    let q = quote_with(t, &qs, "Nobody asked");
    assert_eq!(speaker(t, q), Some("the fishermen"));
    assert_eq!(q.cue.unwrap().slice(t), "claims");
    let q = quote_with(t, &qs, "never met");
    assert_eq!(speaker(t, q), Some("this source"));
    let q = quote_with(t, &qs, "Read the notes");
    assert_eq!(speaker(t, q), Some("Linde"));
    assert_eq!(q.cue.unwrap().slice(t), "said");
}

#[test]
fn attribution_after_an_aside_that_follows_the_quote() {
    let t = "Spending rose.\n\n\"These groups have been setting the table for voters,\" in \
             sharp contrast to earlier years, says Dana Ruiz, a historian at the university.\n\n\
             \"We will win,\" for all the talk of defeat, said the mayor.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "setting the table");
    assert_eq!(speaker(t, q), Some("Dana Ruiz"));
    assert_eq!(q.cue.unwrap().slice(t), "says");
    let q = quote_with(t, &qs, "We will win");
    assert_eq!(speaker(t, q), Some("the mayor"));
}

#[test]
fn an_opening_time_phrase_is_not_the_subject_of_a_participle_cue() {
    let t = "Okafor praised her.\n\nHours later, Linde returned the compliment, telling \
             reporters, \"We have been friends for a long time.\"\n\n\
             Back in 1999, Mr. Ruiz expressed admiration for the mayor, telling a radio host: \
             \"I wish I could be like that.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "friends for a long time");
    assert_eq!(speaker(t, q), Some("Linde"));
    assert_eq!(q.cue.unwrap().slice(t), "telling");
    let q = quote_with(t, &qs, "I wish");
    assert_eq!(speaker(t, q), Some("Mr. Ruiz"));
}

#[test]
fn quoted_words_ending_their_sentence_do_not_take_the_next_sentences_cue() {
    let t = "Tempers rose on Friday.\n\nMayor Ruiz said the plan \"will ruin the harbour.\" \
             Dana Okafor called Ruiz a \"reckless gambler.\" Linde said Okafor \
             \"has no plan at all.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "ruin the harbour");
    assert_eq!(speaker(t, q), Some("Mayor Ruiz"));
    assert_eq!(q.cue.unwrap().slice(t), "said");
    let q = quote_with(t, &qs, "reckless gambler");
    assert_eq!(speaker(t, q), Some("Dana Okafor"));
    assert_eq!(q.cue.unwrap().slice(t), "called");
    let q = quote_with(t, &qs, "no plan at all");
    assert_eq!(speaker(t, q), Some("Linde"));
    // Nor a cue later in the next sentence, or one that leads into another quotation.
    let t = "The audit came out.\n\nMr. Ruiz said it was easy to \"name a hundred conflicts.\" \
             The reality is, Okafor added, \"there are no recusals.\"\n\n\
             Linde says she respects Ruiz and praised his \"wonderful resume.\" Okafor adds, \
             \"In a campaign things get heated.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "hundred conflicts");
    assert_eq!(speaker(t, q), Some("Mr. Ruiz"));
    let q = quote_with(t, &qs, "no recusals");
    assert_eq!(speaker(t, q), Some("Okafor"));
    let q = quote_with(t, &qs, "wonderful resume");
    assert_eq!(speaker(t, q), Some("Linde"));
    let q = quote_with(t, &qs, "things get heated");
    assert_eq!(speaker(t, q), Some("Okafor"));
}

#[test]
fn subject_before_a_relative_clause_or_an_opening_participle_speaks() {
    // A one-word name set off by a relative clause is the subject, however far its verb.
    let t = "Marsh, who has chaired the harbour board since the storm and spoke twice at \
             the council meeting on Monday evening, arrived late and acknowledged that the \
             plan was \"not finished yet.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "not finished");
    assert_eq!(speaker(t, q), Some("Marsh"));
    assert_eq!(q.cue.unwrap().slice(t), "acknowledged");
    // A pronoun set off by commas is no opening adverb.
    let t = "She, too, is a cautious planner, warning that the repairs need \
             \"calm, steady work.\"\n";
    assert_eq!(speaker_of(t, "steady work"), Some("She"));
    // An opening participle: the subject of the main clause, after its comma, speaks.
    let t = "Declaring that only he could fix the ferry, the harbour master offered \
             himself as a \"safe pair of hands.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "safe pair");
    assert_eq!(speaker(t, q), Some("the harbour master"));
    let t = "But while denouncing the \"waste\" of the old budget, she has not offered \
             a plan of her own.\n";
    assert_eq!(speaker_of(t, "waste"), Some("she"));
    // `On Friday, Name — …` is no dateline.
    let t = "On Friday, Okafor — named by the board as the likely chair — told reporters \
             that she was \"ready to serve.\"\n";
    assert_eq!(speaker_of(t, "ready to serve"), Some("Okafor"));
}

#[test]
fn proportion_subjects_and_participles_after_a_main_clause() {
    let t = "About four in 10 said they were \"angry\" with the council.\n";
    assert_eq!(speaker_of(t, "angry"), Some("About four in 10"));
    // `X did …, saying`: the subject of the sentence, not the object before the comma.
    let t = "Mayor Ruiz addressed the dock workers in a long letter, saying that \
             \"the yard will stay open.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "yard will stay");
    assert_eq!(speaker(t, q), Some("Mayor Ruiz"));
    assert_eq!(q.cue.unwrap().slice(t), "saying");
    // A cue inside the object (`reminds`) does not lend its subject to the participle.
    let t = "Starr said the harbour's situation reminds him of an old book about the sea, \
             explaining, \"because what could have been is gone.\"\n";
    assert_eq!(speaker_of(t, "could have been"), Some("Starr"));
    // A name with an appositive, then `upon saying` (with the tagger's mentions).
    let t = "Silverman, herself a council member, drew boos upon saying, \"The plan heard \
             the people.\"\n";
    let options = newsmark::Options {
        clean: false,
        offsets: newsmark::Unit::Utf8,
        ..newsmark::Options::default()
    };
    let r = newsmark::analyze(t, &options).unwrap();
    let q = r
        .quotes
        .iter()
        .find(|q| {
            q.content
                .iter()
                .any(|c| t[c.start..c.end].contains("heard"))
        })
        .expect("the quote");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.text.as_str()),
        Some("Silverman")
    );
    // `…, Name said, adding`: the speaker of the cue right before the participle.
    let t = "The two sides will meet next week, Ortega said, adding, \"They need to talk.\"\n";
    assert_eq!(speaker_of(t, "need to talk"), Some("Ortega"));
}

#[test]
fn a_subject_guess_needs_a_verb_after_the_subject() {
    // `It was NAME's “…”`: no verb after the subject, so the guess is below CONFIDENT.
    let t = "The show was cancelled in May. It was Channel Four's \"Late Harbour Hour,\" \
             not the evening news.\n";
    no_confident_quote_with(t, "Late Harbour");
    // With a verb after the subject it stays a confident guess.
    let t = "The captain praised the crew as \"the finest on the coast\" after the rescue.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "finest on the coast");
    assert_eq!(speaker(t, q), Some("The captain"));
}

#[test]
fn an_inverted_phrase_that_opens_the_reported_clause_is_no_speaker() {
    // `Millis, a businessman …, said Carson had …`: Carson is the reported clause's subject.
    let t = "Bill Millis, a North Carolina businessman who had been a member of the board \
             before departing last month because of strategic differences over money and \
             staff, said Carson had been \"led astray\" by aides.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "led astray");
    assert_eq!(speaker(t, q), Some("Bill Millis"));
    // The words of a belief held by a pronoun belong to the outer report.
    let t = "On the claim, Benjamin said he believes \"there may be some generals who are \
             beating their chest.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "beating their chest");
    assert_eq!(speaker(t, q), Some("Benjamin"));
    assert_eq!(q.cue.unwrap().slice(t), "said");
    // `Will` before a name or a verb is a name, not the auxiliary.
    let t = "\"It is a pretty expensive model,\" said Will Doyle, a professor. \"The biggest \
             thing is cost.\"\n";
    assert_eq!(speaker_of(t, "expensive model"), Some("Will Doyle"));
}

#[test]
fn subjects_after_and_then_or_a_long_opening_clause() {
    let t = "And then Ruiz went fully on the attack, saying, \"Is the board going to resign?\"\n";
    assert_eq!(speaker_of(t, "board going"), Some("Ruiz"));
    // The comma that closes a long opening clause is more than 14 tokens on.
    let t = "Asked whether he would be interested in running the harbour authority or in any \
             other job in a future council administration, Okafor thought for a moment and \
             said that in the current climate, \"I think it is an advantage to be unknown.\"\n";
    assert_eq!(speaker_of(t, "advantage to be unknown"), Some("Okafor"));
}

#[test]
fn a_phrase_does_not_open_with_a_connective() {
    let t = "Of Moreno, Levine, who has given money to the council, said, \"She is a careful \
             planner.\"\n";
    assert_eq!(speaker_of(t, "careful planner"), Some("Levine"));
}

#[test]
fn a_digest_name_and_colon_after_a_dash() {
    let t = "TURNOUT ROSE ON THE COAST - Ada Moreno: “Two weeks ago, the strongest ward had \
             been the harbour.” [Gazette.]\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "strongest ward");
    assert_eq!(speaker(t, q), Some("Ada Moreno"));
    assert_eq!(q.cue.unwrap().slice(t), ":");
    // A rule's lead-in, not only the labeller's guess (0.55).
    assert!(q.confidence >= 0.8, "{q:?}");
    // `from Name:` in running text is no digest line.
    let t = "He answered with a phrase that could have come from Okafor himself: “Do not \
             moan to me about the budget.”\n";
    let qs = run(t);
    assert!(qs
        .iter()
        .filter(|q| q.confidence >= quotes::CONFIDENT)
        .all(|q| speaker(t, q) != Some("Okafor himself") && speaker(t, q) != Some("Okafor")));
}

#[test]
fn quoted_words_after_a_participle_are_no_split_quote() {
    let t = "''Basically, the board was going to do what it wanted,'' Mr. Ortega said, \
             calling the harbour chief ''brilliant.''\n";
    let qs = run(t);
    let first = quote_with(t, &qs, "Basically");
    assert_eq!(pieces(t, first).len(), 1, "{qs:?}");
    let q = quote_with(t, &qs, "brilliant");
    assert!(!q.content.iter().any(|c| c.slice(t).contains("Basically")));
    assert_eq!(speaker(t, q), Some("Mr. Ortega"));
    // A real split quote stays one quote.
    let t = "\"We will win,\" Mr. Ortega said, \"and then we will rebuild.\"\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "We will win");
    assert_eq!(pieces(t, q).len(), 2);
}

#[test]
fn a_clause_opened_by_a_conjunction_has_its_own_speaker() {
    for (t, who) in [
        (
            "The dispute began in March, when the port authority announced plans to automate two terminals.\n",
            "the port authority",
        ),
        (
            "Shares fell sharply after the chief executive announced plans to sell the unit.\n",
            "the chief executive",
        ),
    ] {
        let qs = run(t);
        let q = qs
            .iter()
            .find(|q| q.content.iter().any(|c| c.slice(t).contains("plans to")))
            .unwrap_or_else(|| panic!("no quote in {t}: {qs:?}"));
        assert_eq!(speaker(t, q), Some(who), "{t}");
    }
}

#[test]
fn a_participle_after_a_clause_is_said_by_the_clause_subject() {
    // Not the whole clause before the comma, and not its verb (`orders`).
    let t = "The ministry orders the closure of two schools in Valmera, citing safety concerns after the storm.\n";
    assert_eq!(speaker_of(t, "safety concerns"), Some("The ministry"));
}

#[test]
fn continuing_is_a_cue_only_before_a_verbal_act() {
    // `continued to` + an ordinary verb says that something went on, nothing more.
    let t = "Local politicians continued to speed up the process of forming the government.\n";
    let qs = run(t);
    assert!(
        !qs.iter()
            .any(|q| q.content.iter().any(|c| c.slice(t).contains("process"))),
        "{qs:?}"
    );
    // Before a speech verb or a verbal act it still reports.
    for t in [
        "The company continued to deny the report about its finances.\n",
        "Protesters continued to call for the mayor's resignation on Sunday.\n",
    ] {
        let qs = run(t);
        assert!(
            qs.iter()
                .any(|q| q.cue.is_some_and(|c| c.slice(t).starts_with("continued"))),
            "{t}: {qs:?}"
        );
    }
}

#[test]
fn a_plural_possessive_stays_in_the_speaker() {
    for (t, who) in [
        (
            "The teachers' union said the offer was too low.\n",
            "The teachers' union",
        ),
        (
            "“The offer is too low,” the dockworkers’ union said on Monday.\n",
            "the dockworkers’ union",
        ),
    ] {
        assert_eq!(speaker_of(t, "too low"), Some(who), "{t}");
    }
}

#[test]
fn a_parenthetical_attribution_after_a_short_subject() {
    let t = "The offer, the union said, was too low.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "too low");
    assert_eq!(pieces(t, q), ["The offer", "was too low"]);
    assert_eq!(speaker(t, q), Some("the union"));
}

#[test]
fn a_cue_inside_a_quotation_reports_nothing_outside_it() {
    // `tell` belongs to the quoted title; the words before it are no report.
    let t =
        "Ouisa Davis' commentary, \"Melania, tell your immigrant story,\" is very thoughtful.\n";
    let qs = run(t);
    assert!(
        !qs.iter()
            .any(|q| q.content.iter().any(|c| c.slice(t).contains("commentary"))),
        "{qs:?}"
    );
}

#[test]
fn an_emoji_before_the_cue_does_not_cut_the_speaker() {
    let t = "Analysts in Lóndon 🇬🇧 said the pound would fall.\n";
    assert_eq!(speaker_of(t, "the pound"), Some("Analysts in Lóndon"));
    let t = "“We will stay,” the union leader 😀 said.\n";
    assert_eq!(speaker_of(t, "We will stay"), Some("the union leader"));
}

#[test]
fn a_sentence_adverb_is_not_part_of_the_speaker() {
    let t = "Maybe Omar Haddad described the plan best as “a gift to the banks.”\n";
    assert_eq!(speaker_of(t, "a gift to the banks"), Some("Omar Haddad"));
    let t = "Perhaps the peacekeepers were blamed for “bringing cholera to the island,” as one \
             diplomat put it.\n";
    assert_eq!(speaker_of(t, "bringing cholera"), Some("the peacekeepers"));
}

#[test]
fn a_wire_dateline_with_a_hyphen_is_no_speaker() {
    let t = "OSLO (Reuters) - Norwegian utility Nordwind Energy said on Tuesday it had agreed to \
             buy Kestrel Solar, a Dutch panel maker, for $2.1 billion.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Kestrel Solar");
    assert_eq!(speaker(t, q), Some("Norwegian utility Nordwind Energy"));
    // The time of the report is not part of what was said.
    assert_eq!(
        pieces(t, q),
        vec!["it had agreed to buy Kestrel Solar, a Dutch panel maker, for $2.1 billion"]
    );
    // A hyphen inside a word is no dateline's dash.
    let t = "Anglo-Dutch group Velmora said on Monday it would close two plants in the north.\n";
    assert_eq!(
        speaker_of(t, "close two plants"),
        Some("Anglo-Dutch group Velmora")
    );
}

#[test]
fn a_time_that_the_clause_is_about_stays_in_it() {
    let t = "The ministry called Friday's test a grave threat to the region.\n";
    let qs = run(t);
    assert!(
        qs.iter()
            .all(|q| pieces(t, q).iter().all(|p| !p.starts_with("'s"))),
        "{qs:?}"
    );
    let t = "The mayor said last week the budget would be cut by a tenth.\n";
    assert_eq!(
        pieces(t, quote_with(t, &run(t), "budget")),
        vec!["the budget would be cut by a tenth"]
    );
}

#[test]
fn an_attribution_closing_the_sentence_with_where_it_was_said() {
    let t =
        "Kestrel employs about 3,400 people. Its founder, Pieter van Dam, will stay on as head \
             of the solar unit, the companies said in a joint statement.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "solar unit");
    assert_eq!(speaker(t, q), Some("the companies"));
    assert_eq!(
        pieces(t, q),
        vec!["Its founder, Pieter van Dam, will stay on as head of the solar unit"]
    );
    // Not a modal's clause: `…, Trump will insist on being Trump.` reports nothing of that
    // shape.
    let t = "No matter the setting, no matter the stakes, Donald Trump will insist on being \
             himself.\n";
    let qs = run(t);
    assert!(
        qs.iter()
            .all(|q| !pieces(t, q).iter().any(|p| p.starts_with("No matter"))),
        "{qs:?}"
    );
}

#[test]
fn a_report_holds_no_dateline() {
    for (t, content, who) in [
        (
            "KESSENBURG — Storm Ingrid cut power to about 40,000 homes overnight, officials said \
             on Friday.\n",
            "Storm Ingrid cut power to about 40,000 homes overnight",
            "officials",
        ),
        (
            "NEWPORT NEWS, Va. — The shipyard will hire 2,000 workers next year, company \
             officials said on Monday.\n",
            "The shipyard will hire 2,000 workers next year",
            "company officials",
        ),
    ] {
        let qs = run(t);
        let q = quote_with(t, &qs, "000");
        assert_eq!(pieces(t, q), vec![content]);
        assert_eq!(speaker(t, q), Some(who));
    }
}

#[test]
fn a_cue_and_that_around_an_adverb() {
    let t = "Ekdahl said crews had reached most villages. He warned, however, that the coastal \
             road could stay closed until Monday.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "coastal road");
    assert_eq!(
        pieces(t, q),
        vec!["that the coastal road could stay closed until Monday"]
    );
}

#[test]
fn what_was_promised_is_reported_with_its_object() {
    let t = "Prime Minister Karin Holm, who visited Valmera on Friday, promised help for families \
             whose homes were damaged.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "families");
    assert_eq!(
        pieces(t, q),
        vec!["help for families whose homes were damaged"]
    );
    // Who was told stays out of what was said. (The labeller reports this sentence; where
    // its content ends, "on" or "on Monday", hangs on its weights.)
    let t = "She told reporters in Valmera the road would reopen on Monday.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "road");
    assert!(
        pieces(t, q)[0].starts_with("the road would reopen on"),
        "{:?}",
        pieces(t, q)
    );
}

#[test]
fn a_conjunction_with_a_speaker_of_its_own_ends_a_report() {
    // Two speakers in one sentence, each with their own words.
    let t = "Officials said the bridge would reopen in May, but engineers warned that the \
             repairs could take a year.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "bridge");
    assert_eq!(pieces(t, q), vec!["the bridge would reopen in May"]);
    assert_eq!(speaker(t, q), Some("Officials"));
    let q = quote_with(t, &qs, "repairs");
    assert_eq!(speaker(t, q), Some("engineers"));
    assert_eq!(pieces(t, q), vec!["that the repairs could take a year"]);
    // `while` opens another speaker's clause, not the attribution of the quotation before.
    let t = "Minister Anna Kowal told reporters that her country would «never accept quotas», \
             while her counterpart, Luca Ferri, called for «a shared solution».\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "never accept");
    assert_eq!(speaker(t, q), Some("Minister Anna Kowal"));
    assert_eq!(
        pieces(t, q),
        vec!["that her country would «never accept quotas»"]
    );
    let q = quote_with(t, &qs, "shared solution");
    assert_eq!(pieces(t, q), vec!["a shared solution"]);
    assert_eq!(q.cue.unwrap().slice(t), "called for");
    assert!(
        speaker(t, q).unwrap().starts_with("her counterpart"),
        "{q:?}"
    );
    // A conjunction without a speaker and cue of its own stays inside the report.
    let t = "Officials said the bridge would reopen in May, but only for buses.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "bridge");
    assert_eq!(
        pieces(t, q),
        vec!["the bridge would reopen in May, but only for buses"]
    );
}

#[test]
fn a_plural_noun_before_that_is_no_cue() {
    // `data centres that it says …`: the noun ends the verb's object; `says` is the cue.
    let t = "Norhav Chips on Wednesday unveiled a new chip for data centres that it says will use \
             half the power of rival products.\n";
    let qs = run(t);
    assert!(
        qs.iter()
            .all(|q| q.cue.is_none_or(|c| c.slice(t) != "centres")),
        "{qs:?}"
    );
    // Nor after a clause: `…, overwhelming flood barriers that the agency had installed`.
    let t = "Homes were evacuated as the river rose, overwhelming flood barriers that the \
             agency had installed only days earlier.\n";
    let qs = run(t);
    assert!(
        qs.iter()
            .all(|q| q.cue.is_none_or(|c| c.slice(t) != "barriers")),
        "{qs:?}"
    );
    // A subject's verb still is: `The report alleges that …`, `A document on the campaign's
    // website states that …`.
    let t = "A document on the campaign's website states that the leave applies to every \
             parent.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "leave applies");
    assert_eq!(q.cue.unwrap().slice(t), "states");
    let t = "The report alleges that the harbour authority ignored safety warnings for years.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "harbour authority");
    assert_eq!(q.cue.unwrap().slice(t), "alleges");
}

#[test]
fn a_closing_attribution_may_name_its_listener() {
    let t = "The port will reopen on Monday, two officials told Reuters.\n\n\
             The ferry was late again, a spokeswoman told reporters on Friday.\n\n\
             The harbour was busier than ever, the captain told the Valmera Gazette in an \
             interview.\n";
    let qs = run(t);
    for (needle, who) in [
        ("The port will reopen on Monday", "two officials"),
        ("The ferry was late again", "a spokeswoman"),
        ("The harbour was busier than ever", "the captain"),
    ] {
        let q = quote_with(t, &qs, needle);
        assert_eq!(pieces(t, q), vec![needle]);
        assert_eq!(q.cue.unwrap().slice(t), "told");
        assert_eq!(speaker(t, q), Some(who));
    }
    // What is told is no listener: the opening phrase is no report.
    no_confident_quote_with(
        "At the dinner on Friday, after the vote, Tomas Keller told a joke.\n",
        "At the dinner",
    );
}

#[test]
fn a_wire_dateline_with_a_date_stays_out_of_the_report() {
    let t = "VALMERA, Nov 27 (Reuters) - Harbour workers returned to work on Friday after \
             eight days on strike, the port operator said.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "Harbour workers");
    assert_eq!(
        pieces(t, q),
        vec!["Harbour workers returned to work on Friday after eight days on strike"]
    );
    assert_eq!(speaker(t, q), Some("the port operator"));
}

#[test]
fn hit_back_ends_the_speaker_of_a_participle() {
    let t = "But union boss Gareth Lyle hit back, accusing ministers of hiding behind the rail \
             companies.\n";
    let qs = run(t);
    let q = quote_with(t, &qs, "hiding behind");
    assert_eq!(q.cue.unwrap().slice(t), "accusing");
    assert_eq!(speaker(t, q), Some("union boss Gareth Lyle"));
}

#[test]
fn an_interviews_answers_are_the_guests_and_its_questions_the_interviewers() {
    let t = "Chips, China and the next five years\n\n\
             Elena Marsh has run Veltrix Semiconductor since 2021. She spoke to us in Eindhoven.\n\n\
             Q: Your new chip ships next month. Is it late?\n\n\
             A: It is exactly on time.\n\n\
             Nobody expected that.\n\n\
             Q: What about export rules?\n\n\
             A: We follow the rules of every country we sell in.\n\n\
             Marsh later flew to Oslo. \"We are not done yet,\" she said.\n";
    let doc = Doc::new(t);
    let ms = newsmark::ner::recognize(&doc);
    let (ents, of) = entities::group(&doc, &ms);
    let qs = quotes::extract(&doc, &ms, &ents, &of);
    let marsh = ents
        .iter()
        .position(|e| e.name == "Elena Marsh")
        .expect("Elena Marsh");
    // An answer runs over the lines up to the next label; the last answer keeps its line.
    let q = quote_with(t, &qs, "exactly on time");
    assert_eq!(
        pieces(t, q),
        vec!["It is exactly on time.", "Nobody expected that."]
    );
    assert_eq!(speaker(t, q), Some("A"));
    assert_eq!(q.speaker.unwrap().entity, Some(marsh));
    assert_eq!(q.cue.unwrap().slice(t), ":");
    let q = quote_with(t, &qs, "rules of every country");
    assert_eq!(
        pieces(t, q),
        vec!["We follow the rules of every country we sell in."]
    );
    assert_eq!(q.speaker.unwrap().entity, Some(marsh));
    let q = quote_with(t, &qs, "Is it late?");
    assert_eq!(speaker(t, q), Some("Q"));
    assert_eq!(q.speaker.unwrap().entity, None);
    // The story after the last answer is not part of it.
    let q = quote_with(t, &qs, "not done yet");
    assert_eq!(speaker(t, q), Some("she"));
    // One `A:` line is no interview.
    let t = "The panel met.\n\nA: the first option, which nobody chose.\n\nThe vote was close.\n";
    assert!(run(t)
        .iter()
        .all(|q| q.cue.is_none_or(|c| c.slice(t) != ":")));
}

//! The seed article (../shared/samples/seed-article.txt): what the foundation issue promises
//! a user sees on it.

mod common;

use newsmark::{analyze, Analysis, Label, Options, Reason, Unit};

fn seed() -> Option<(String, Analysis)> {
    let dir = common::shared()?;
    let input = std::fs::read_to_string(dir.join("samples/seed-article.txt")).ok()?;
    let options = Options {
        offsets: Unit::Utf8,
        ..Options::default()
    };
    let a = analyze(&input, &options).expect("analyze");
    common::check_spans(&input, &a);
    Some((input, a))
}

#[test]
fn junk_is_removed_and_reported() {
    let Some((_, a)) = seed() else { return };
    let removed: Vec<(&str, Reason)> = a
        .removed
        .iter()
        .map(|r| (r.text.as_str(), r.reason))
        .collect();
    for marker in ["[ad_1]", "[ad_2]", "Source link"] {
        assert!(
            removed.iter().any(|(t, _)| t.contains(marker)),
            "{marker} not removed: {removed:?}"
        );
        assert!(!a.text.contains(marker));
    }
    assert!(removed
        .iter()
        .any(|(t, _)| t.contains("Essam al-Sudani / Reuters")));
    assert!(removed
        .iter()
        .any(|(_, r)| *r == Reason::Credit || *r == Reason::Caption));
    assert!(!a.text.contains("An Iraqi protester makes a gesture"));
    // The body is kept.
    assert!(a
        .text
        .contains("US Secretary of State Mike Pompeo ordered the evacuation"));
    assert!(a
        .text
        .contains("the unacceptability of their behavior,\" he said."));
}

#[test]
fn places_people_and_organisations_are_found() {
    let Some((_, a)) = seed() else { return };
    let has = |text: &str, labels: &[Label]| {
        a.mentions
            .iter()
            .any(|m| m.text.contains(text) && labels.contains(&m.label))
    };
    for person in ["Pompeo", "Bolton"] {
        assert!(
            has(person, &[Label::Per]),
            "{person} not PER: {:?}",
            a.mentions
        );
    }
    for place in [
        "Basra",
        "Iran",
        "Iraq",
        "Baghdad",
        "Tehran",
        "Washington",
        "New York",
    ] {
        assert!(
            has(place, &[Label::Loc, Label::Org]),
            "{place} not LOC/ORG: {:?}",
            a.mentions
        );
    }
    // Mike Pompeo and Pompeo are one entity.
    let pompeo: Vec<usize> = a
        .mentions
        .iter()
        .filter(|m| m.label == Label::Per && m.text.contains("Pompeo"))
        .map(|m| m.entity)
        .collect();
    assert!(
        pompeo.len() >= 2 && pompeo.iter().all(|&e| e == pompeo[0]),
        "{pompeo:?}"
    );
}

#[test]
fn quotes_have_their_speakers() {
    let Some((_, a)) = seed() else { return };
    let quote = |start: &str| {
        a.quotes
            .iter()
            .find(|q| a.text[q.content[0].start..q.content[0].end].starts_with(start))
            .unwrap_or_else(|| panic!("no quote starting {start:?}: {:?}", a.quotes))
    };
    let threats = quote("Given the increasing and specific threats");
    let speaker = threats.speaker.as_ref().expect("speaker");
    let entity = speaker.entity.expect("the pronoun resolves to an entity");
    assert!(
        a.entities[entity].name.contains("Pompeo"),
        "{:?}",
        a.entities[entity]
    );
    assert_eq!(threats.cue.as_ref().map(|c| c.text.as_str()), Some("said"));

    let aware = quote("We are not aware of the intention");
    let speaker = aware.speaker.as_ref().expect("speaker");
    assert!(speaker.text.contains("official"), "{speaker:?}");
}

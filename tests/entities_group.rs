//! Grouping mentions into entities, and pronouns, on a text written for this test.

use newsmark::entities::{group, resolve_pronoun, Label, Mention};
use newsmark::span::Span;
use newsmark::text::Doc;

fn m(text: &str, needle: &str, nth: usize, label: Label) -> Mention {
    let start = text.match_indices(needle).nth(nth).unwrap().0;
    Mention {
        span: Span::new(start, start + needle.len()),
        label,
    }
}

#[test]
fn people_places_and_acronyms_group() {
    let t = "Secretary of State Mike Pompeo flew to the United States Embassy in Baghdad. \
             The World Health Organization (WHO) warned the U.S. on Monday. Pompeo said the \
             United States would answer the WHO. Mr. Pompeo left. Sen. Lena Park, no relation \
             to Mike, said Park would vote no.";
    let doc = Doc::new(t);
    let ms = vec![
        m(t, "Secretary of State Mike Pompeo", 0, Label::Per), // 0
        m(t, "Baghdad", 0, Label::Loc),                        // 1
        m(t, "World Health Organization", 0, Label::Org),      // 2
        m(t, "WHO", 0, Label::Org),                            // 3
        m(t, "U.S.", 0, Label::Loc),                           // 4
        m(t, "Pompeo", 1, Label::Per),                         // 5
        m(t, "United States", 1, Label::Loc),                  // 6
        m(t, "WHO", 1, Label::Org),                            // 7
        m(t, "Mr. Pompeo", 0, Label::Per),                     // 8
        m(t, "Sen. Lena Park", 0, Label::Per),                 // 9
        m(t, "Park", 1, Label::Per),                           // 10
    ];
    let (ents, of) = group(&doc, &ms);
    // One Pompeo, named without his title.
    assert_eq!(of[0], of[5]);
    assert_eq!(of[0], of[8]);
    assert_eq!(ents[of[0]].name, "Mike Pompeo");
    assert_eq!(ents[of[0]].mentions, vec![0, 5, 8]);
    assert_eq!(ents[of[0]].label, Label::Per);
    // "U.S." and "United States" are one place.
    assert_eq!(of[4], of[6]);
    // The acronym in parentheses and its later use are the organisation.
    assert_eq!(of[2], of[3]);
    assert_eq!(of[2], of[7]);
    assert_eq!(ents[of[2]].name, "World Health Organization");
    // Different people stay apart.
    assert_ne!(of[9], of[0]);
    assert_eq!(of[9], of[10]);
    assert_eq!(ents[of[9]].name, "Lena Park");
    assert_ne!(of[1], of[4]);
    // Every mention belongs to exactly the entity that lists it.
    for (i, &e) in of.iter().enumerate() {
        assert!(ents[e].mentions.contains(&i));
    }
    assert_eq!(
        ents.iter().map(|e| e.mentions.len()).sum::<usize>(),
        ms.len()
    );
}

#[test]
fn pronouns_pick_the_compatible_entity() {
    let t = "Hillary Clinton met Donald Trump and the Acme Corporation. He spoke first. \
             She answered. It declined to comment.";
    let doc = Doc::new(t);
    let ms = vec![
        m(t, "Hillary Clinton", 0, Label::Per),
        m(t, "Donald Trump", 0, Label::Per),
        m(t, "Acme Corporation", 0, Label::Org),
    ];
    let (ents, of) = group(&doc, &ms);
    let none = |_: Span| false;
    let at = |w: &str| t.find(w).unwrap();
    assert_eq!(
        resolve_pronoun(&doc, &ms, &of, &ents, at("He spoke"), "He", &none),
        Some(of[1])
    );
    assert_eq!(
        resolve_pronoun(&doc, &ms, &of, &ents, at("She"), "She", &none),
        Some(of[0])
    );
    assert_eq!(
        resolve_pronoun(&doc, &ms, &of, &ents, at("It declined"), "It", &none),
        Some(of[2])
    );
    // Mentions to skip (say, inside a quotation) are passed over.
    let skip_trump = |s: Span| s == ms[1].span;
    assert_eq!(
        resolve_pronoun(&doc, &ms, &of, &ents, at("He spoke"), "He", &skip_trump),
        None,
        "Clinton is female, Trump is skipped"
    );
    assert_eq!(resolve_pronoun(&doc, &ms, &of, &ents, 0, "he", &none), None);
}

#[test]
fn a_company_and_its_short_name_are_one_organisation() {
    let t = "Velmora to buy Kestrel. Velmora Holdings said it would pay $2 billion for Kestrel \
             Solar. Kestrel makes panels. The Boston Globe reported the deal first; shares rose \
             in Boston. Velmora fell.";
    let doc = Doc::new(t);
    let ms = vec![
        m(t, "Velmora", 0, Label::Org),          // 0: the short name first
        m(t, "Kestrel", 0, Label::Org),          // 1
        m(t, "Velmora Holdings", 0, Label::Org), // 2
        m(t, "Kestrel Solar", 0, Label::Org),    // 3
        m(t, "Kestrel", 2, Label::Org),          // 4: the short name after
        m(t, "Boston Globe", 0, Label::Org),     // 5
        m(t, "Boston", 1, Label::Loc),           // 6
        m(t, "Velmora", 2, Label::Org),          // 7
    ];
    let (ents, of) = group(&doc, &ms);
    assert_eq!(of[0], of[2]);
    assert_eq!(of[0], of[7]);
    assert_eq!(ents[of[0]].name, "Velmora Holdings");
    assert_eq!(of[1], of[3]);
    assert_eq!(of[1], of[4]);
    assert_eq!(ents[of[1]].name, "Kestrel Solar");
    // A newspaper named after its city is not the city.
    assert_ne!(of[5], of[6]);
    assert_eq!(ents.len(), 4);
}

#[test]
fn a_team_or_paper_by_its_last_word() {
    let t = "Harlow Rovers lost. The Rovers coach left. The New York Times and the Times of \
             India reported it; the Times said more. Bank of Kent and Bank of Sussex merged; \
             the Bank said so.";
    let doc = Doc::new(t);
    let ms = vec![
        m(t, "Harlow Rovers", 0, Label::Org),  // 0
        m(t, "Rovers", 1, Label::Org),         // 1
        m(t, "New York Times", 0, Label::Org), // 2
        m(t, "Times of India", 0, Label::Org), // 3
        m(t, "Times", 2, Label::Org),          // 4
        m(t, "Bank of Kent", 0, Label::Org),   // 5
        m(t, "Bank of Sussex", 0, Label::Org), // 6
        m(t, "Bank", 2, Label::Org),           // 7
    ];
    let (ents, of) = group(&doc, &ms);
    assert_eq!(of[0], of[1], "{ents:?}");
    assert_eq!(ents[of[0]].name, "Harlow Rovers");
    // Only one organisation ends in "Times"; "Bank" ends none (a common word of names).
    assert_eq!(of[2], of[4], "{ents:?}");
    assert_ne!(of[7], of[5]);
    assert_ne!(of[7], of[6]);
}

#[test]
fn a_station_in_brackets_after_a_dateline_is_no_acronym_of_the_place() {
    let t = "HARBOR POINT, Mass. (WPRX) — The council voted late Wednesday. Doctors Without \
             Borders (MSF) sent a team, and the Valmera Port Authority (VPA) closed the quay. \
             Mayor Ana Ruiz told WPRX the MSF team was welcome.";
    let doc = Doc::new(t);
    let ms = vec![
        m(t, "HARBOR POINT", 0, Label::Loc),            // 0
        m(t, "Mass.", 0, Label::Loc),                   // 1
        m(t, "WPRX", 0, Label::Org),                    // 2
        m(t, "Doctors Without Borders", 0, Label::Org), // 3
        m(t, "MSF", 0, Label::Org),                     // 4
        m(t, "Valmera Port Authority", 0, Label::Org),  // 5
        m(t, "VPA", 0, Label::Org),                     // 6
        m(t, "Ana Ruiz", 0, Label::Per),                // 7
        m(t, "WPRX", 1, Label::Org),                    // 8
        m(t, "MSF", 1, Label::Org),                     // 9
    ];
    let (ents, of) = group(&doc, &ms);
    assert_ne!(of[1], of[2], "{ents:?}");
    assert_eq!(of[2], of[8]);
    assert_eq!(ents[of[2]].name, "WPRX");
    // Acronyms of their names still join them, a foreign one after a long name too.
    assert_eq!(of[5], of[6]);
    assert_eq!(of[3], of[4]);
    assert_eq!(of[3], of[9]);
}

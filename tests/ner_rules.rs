//! The NER's post-tagging rules (`entity_shapes` in `src/ner/mod.rs`) seen through the whole
//! pipeline (the embedded model, then the rules, then the article-level passes that could
//! undo them), on sentences written for this test.

use newsmark::entities::Label;
use newsmark::ner::recognize;
use newsmark::text::Doc;

/// The mentions of `text`, as (text, label).
fn mentions(text: &str) -> Vec<(String, Label)> {
    let doc = Doc::new(text);
    recognize(&doc)
        .into_iter()
        .map(|m| (m.span.slice(text).to_string(), m.label))
        .collect()
}

fn has(ms: &[(String, Label)], name: &str, label: Label) -> bool {
    ms.iter().any(|(t, l)| t == name && *l == label)
}

#[test]
fn languages_and_families_are_misc() {
    let t = "Oromo is written in Latin script. Amharic and Tigrinya are Semitic, while Oromo, \
             Somali and Afar are Cushitic. Modern Greek descends from Ancient Greek. Linguists \
             once grouped them as Hamito-Semitic.";
    let ms = mentions(t);
    for name in [
        "Oromo",
        "Latin",
        "Amharic",
        "Tigrinya",
        "Semitic",
        "Somali",
        "Cushitic",
        "Modern Greek",
        "Ancient Greek",
        "Hamito-Semitic",
    ] {
        assert!(has(&ms, name, Label::Misc), "{name} not MISC in {ms:?}");
    }
    // Every "Oromo" is MISC: the article-level passes keep the rule's type.
    let oromo: Vec<_> = ms.iter().filter(|(t, _)| t == "Oromo").collect();
    assert_eq!(oromo.len(), 2, "{ms:?}");
}

#[test]
fn time_scales_are_misc() {
    let t = "The launch is set for 14:30 Coordinated Universal Time (UTC), which lags \
             International Atomic Time by 37 seconds.";
    let ms = mentions(t);
    for name in ["UTC", "International Atomic Time"] {
        assert!(has(&ms, name, Label::Misc), "{name} not MISC in {ms:?}");
    }
    // (Today's model leaves "Coordinated" out of this one: the rule types what it is given.)
    let utc: Vec<_> = ms
        .iter()
        .filter(|(t, _)| t.ends_with("Universal Time"))
        .collect();
    assert!(!utc.is_empty(), "{ms:?}");
    assert!(utc.iter().all(|(_, l)| *l == Label::Misc), "{ms:?}");
}

#[test]
fn wars_treaties_and_forces_get_their_conventional_types() {
    let t = "After the Crimean War, the Treaty of Paris was signed. Decades later the Lusaka \
             Protocol ended the fighting, and the Angolan Army withdrew.";
    let ms = mentions(t);
    assert!(has(&ms, "Crimean War", Label::Misc), "{ms:?}");
    assert!(has(&ms, "Lusaka Protocol", Label::Misc), "{ms:?}");
    assert!(has(&ms, "Angolan Army", Label::Org), "{ms:?}");
}

#[test]
fn names_go_on_through_for_and_after_compass_words() {
    let t = "The National Union for the Total Independence of Angola fought on. Ships crossed \
             the North Atlantic Ocean.";
    let ms = mentions(t);
    assert!(
        has(
            &ms,
            "National Union for the Total Independence of Angola",
            Label::Org
        ),
        "{ms:?}"
    );
    assert!(has(&ms, "North Atlantic Ocean", Label::Loc), "{ms:?}");
}

#[test]
fn a_name_defined_as_a_god_or_hero_is_a_person_across_the_article() {
    let t = "In Greek legend, Hermes was a Greek god of trade, roads and travellers. Hermes \
             carried messages from Olympus, and Hermes guided the dead. Later poets sent \
             Hermes to Troy with a lyre.";
    let ms = mentions(t);
    let hermes: Vec<_> = ms.iter().filter(|(t, _)| t == "Hermes").collect();
    assert_eq!(hermes.len(), 4, "{ms:?}");
    assert!(hermes.iter().all(|(_, l)| *l == Label::Per), "{ms:?}");
}

#[test]
fn a_copula_without_a_person_noun_changes_nothing() {
    // Same shape, no person noun: the name keeps the tagger's type.
    let t = "In Europe, Fiat was a large car maker in the 1990s. Fiat sold cars in Italy.";
    let ms = mentions(t);
    let fiat: Vec<_> = ms.iter().filter(|(t, _)| t == "Fiat").collect();
    assert!(!fiat.is_empty(), "{ms:?}");
    assert!(fiat.iter().all(|(_, l)| *l != Label::Per), "{ms:?}");
}

#[test]
fn forms_in_a_language_labelled_bracket_take_the_names_type() {
    let t = "Persephone (Ancient Greek: Περσεφόνη, Persephonē; Latin: Proserpina) was a \
             goddess of spring and the queen of the underworld.";
    let ms = mentions(t);
    assert!(has(&ms, "Persephone", Label::Per), "{ms:?}");
    assert!(has(&ms, "Ancient Greek", Label::Misc), "{ms:?}");
    assert!(has(&ms, "Latin", Label::Misc), "{ms:?}");
    for form in ["Περσεφόνη", "Persephonē", "Proserpina"] {
        assert!(has(&ms, form, Label::Per), "{form} not PER in {ms:?}");
    }
}

#[test]
fn a_bracket_without_a_language_label_is_left_alone() {
    let t = "Pierre Dupont (France) won the stage ahead of Jan Ullmann (Germany).";
    let ms = mentions(t);
    assert!(has(&ms, "France", Label::Loc), "{ms:?}");
    assert!(has(&ms, "Germany", Label::Loc), "{ms:?}");
}

#[test]
fn an_ism_the_article_writes_in_lower_case_is_not_a_name() {
    let t = "Egoism is the view that agents ought to do what serves their own interest. \
             Critics of egoism say it cannot be lived. Egoism has old roots in Greek thought.";
    let ms = mentions(t);
    assert!(ms.iter().all(|(t, _)| t != "Egoism"), "{ms:?}");
    // A doctrine capitalised everywhere stays a name.
    let t = "Buddhism spread along the trade routes. Monks carried Buddhism to Japan, where \
             Buddhism met Shinto.";
    let ms = mentions(t);
    let b: Vec<_> = ms.iter().filter(|(t, _)| t == "Buddhism").collect();
    assert_eq!(b.len(), 3, "{ms:?}");
    assert!(b.iter().all(|(_, l)| *l == Label::Misc), "{ms:?}");
}

#[test]
fn a_person_noun_in_apposition_makes_a_person() {
    // "Titan god of the dawn" after a comma, and "the god X" before it.
    let t = "Painters often paired the goddess with Eos, Titan goddess of the dawn. Eos \
             opened the gates of heaven each morning.";
    let ms = mentions(t);
    let eos: Vec<_> = ms.iter().filter(|(t, _)| t == "Eos").collect();
    assert_eq!(eos.len(), 2, "{ms:?}");
    assert!(eos.iter().all(|(_, l)| *l == Label::Per), "{ms:?}");
    let t = "Offerings were left for the god Hermes at every crossroads. Travellers thanked \
             Hermes for safe roads.";
    let ms = mentions(t);
    let hermes: Vec<_> = ms.iter().filter(|(t, _)| t == "Hermes").collect();
    assert_eq!(hermes.len(), 2, "{ms:?}");
    assert!(hermes.iter().all(|(_, l)| *l == Label::Per), "{ms:?}");
}

#[test]
fn a_form_after_a_languages_name_takes_the_names_type() {
    let t = "The race follows Central European Time (CET, from the German name \
             Mitteleuropäische Zeit Normal) all year.";
    let ms = mentions(t);
    let head = ms
        .iter()
        .find(|(t, _)| t.ends_with("European Time"))
        .unwrap_or_else(|| panic!("{ms:?}"));
    let form = ms
        .iter()
        .find(|(t, _)| t.starts_with("Mitteleurop"))
        .unwrap_or_else(|| panic!("{ms:?}"));
    assert_eq!(head.1, form.1, "{ms:?}");
}

#[test]
fn kin_works_and_scholars_before_a_name_make_a_person() {
    let t = "The hall holds a poem by Ovidius. Zeus had a twin, and his sister Hestia kept the \
             hearth. The claim was rejected by scholars like Ferrante.";
    let ms = mentions(t);
    for name in ["Ovidius", "Hestia", "Ferrante"] {
        assert!(has(&ms, name, Label::Per), "{name} not PER in {ms:?}");
    }
}

#[test]
fn a_states_form_of_a_place_is_one_place() {
    let t = "Curacao is a constituent country of the Kingdom of the Netherlands, and Bonaire \
             is a special municipality of it.";
    let ms = mentions(t);
    assert!(has(&ms, "Kingdom of the Netherlands", Label::Loc), "{ms:?}");
    assert!(!ms.iter().any(|(t, _)| t == "Kingdom"), "{ms:?}");
}

#[test]
fn eras_in_dates_are_not_names() {
    let t = "Granted under a royal charter in A.D. 1120, the present Abbey was built by the \
             monks of Cluny. Mostly during the 4th century BCE, as Roman rule spread, the town \
             grew.";
    let ms = mentions(t);
    assert!(
        ms.iter()
            .all(|(t, _)| !t.contains("BCE") && !t.contains("A.D.")),
        "{ms:?}"
    );
    // The names around the eras stay ("Cluny" itself the model no longer finds in this
    // sentence since the Wikipedia training text, eleventh session).
    assert!(has(&ms, "Roman", Label::Misc), "{ms:?}");
}

#[test]
fn works_periodicals_taxa_and_companies_take_their_kind_from_cues() {
    // Works and periodicals: MISC after the noun of their kind or defined as one, ORG for a
    // magazine; every occurrence in the article keeps the type.
    let t = "Stone Harbour is a dystopian novella by Ruth Calder. Calder wrote the novella \
             Stone Harbour in Leeds, and edited the magazine Northern Verse until 1950. \
             Stone Harbour was banned in Canada.";
    let ms = mentions(t);
    let harbour: Vec<_> = ms.iter().filter(|(t, _)| t == "Stone Harbour").collect();
    assert!(harbour.len() >= 2, "{ms:?}");
    assert!(harbour.iter().all(|(_, l)| *l == Label::Misc), "{ms:?}");
    assert!(has(&ms, "Northern Verse", Label::Org), "{ms:?}");
    assert!(has(&ms, "Canada", Label::Loc), "{ms:?}");
    // A title opening its sentence, quoted, defined as a song; examples after a plural.
    let t = "\"Rivers of Kent\" is an American patriotic song. Children sing Rivers of Kent \
             at school. Her books, such as The Open Door, sold well.";
    let ms = mentions(t);
    let rivers: Vec<_> = ms.iter().filter(|(t, _)| t == "Rivers of Kent").collect();
    assert_eq!(rivers.len(), 2, "{ms:?}");
    assert!(rivers.iter().all(|(_, l)| *l == Label::Misc), "{ms:?}");
    assert!(has(&ms, "The Open Door", Label::Misc), "{ms:?}");
    assert!(!ms.iter().any(|(t, _)| t == "Kent"), "{ms:?}");
    // Taxa are no names for CoNLL.
    let t = "The aardwolf belongs to the family Hyaenidae. Frogs form the order Anura, and \
             some small genera, such as Cypris, live in ponds. Felis is a genus of cats.";
    let ms = mentions(t);
    for name in ["Hyaenidae", "Anura", "Cypris", "Felis"] {
        assert!(
            !ms.iter().any(|(t, _)| t == name),
            "{name} tagged in {ms:?}"
        );
    }
    // A plural rank names a list of taxa.
    let t = "The three living orders of newts are Caudela (the salamanders), Gymnora (the \
             caecilians), and Batrana (the frogs).";
    let ms = mentions(t);
    for name in ["Caudela", "Gymnora", "Batrana"] {
        assert!(
            !ms.iter().any(|(t, _)| t == name),
            "{name} tagged in {ms:?}"
        );
    }
    // A rank as a verb is no cue.
    let ms = mentions("The minister will order Iraqi troops to leave Basra.");
    assert!(has(&ms, "Iraqi", Label::Misc), "{ms:?}");
    // A work or a company named after a person of the article leaves the person alone.
    let t = "Former Senator Anthony Kessler resigned in 2011. Kessler, 51, later starred in \
             the documentary \"Kessler\", and Kessler said on Monday that he regrets nothing.";
    let ms = mentions(t);
    let kessler: Vec<_> = ms.iter().filter(|(t, _)| t == "Kessler").collect();
    assert!(kessler.len() >= 2, "{ms:?}");
    assert!(
        kessler.iter().filter(|(_, l)| *l == Label::Per).count() >= 2,
        "{ms:?}"
    );
    let t = "Tony Marlow founded the Marlow Group in 1998. The Marlow Group's CEO, Jo Pike, \
             met senators in May. Marlow told reporters that the firm had done nothing wrong.";
    let ms = mentions(t);
    assert!(has(&ms, "Tony Marlow", Label::Per), "{ms:?}");
    assert!(has(&ms, "Marlow", Label::Per), "{ms:?}");
    // Nor is a kind of work used as a verb: the person stays a person, everywhere.
    let t = "Senator Ruth Calder kept painting Hollis as a tycoon. Mr. Hollis said on Monday              that Calder was wrong, and Hollis later left for Ohio.";
    let ms = mentions(t);
    assert!(
        !ms.iter().any(|(t, l)| t == "Hollis" && *l != Label::Per),
        "{ms:?}"
    );
    assert!(has(&ms, "Hollis", Label::Per), "{ms:?}");
    // Companies: a role only an organisation has makes the name ORG, everywhere.
    let t = "Senator Mary Blake questioned Harlow Grant CEO John Pike on Tuesday. Harlow \
             Grant paid a fine, and Harlow Grant shareholders were angry.";
    let ms = mentions(t);
    let harlow: Vec<_> = ms.iter().filter(|(t, _)| t == "Harlow Grant").collect();
    assert_eq!(harlow.len(), 3, "{ms:?}");
    assert!(harlow.iter().all(|(_, l)| *l == Label::Org), "{ms:?}");
    assert!(has(&ms, "John Pike", Label::Per), "{ms:?}");
}

#[test]
fn periods_of_geologic_time_are_misc_and_never_joined() {
    let t = "Ferns spread during the Carboniferous and Permian periods, and a giant newt lived \
             in the middle Permian of Brazil. Birds appeared in the Jurassic.";
    let ms = mentions(t);
    let periods: Vec<_> = ms
        .iter()
        .filter(|(t, _)| ["Carboniferous", "Permian", "Jurassic"].contains(&t.as_str()))
        .collect();
    assert_eq!(periods.len(), 4, "{ms:?}");
    assert!(periods.iter().all(|(_, l)| *l == Label::Misc), "{ms:?}");
    assert!(
        ms.iter()
            .all(|(t, _)| !t.contains(" and ") && !t.contains(" of ")),
        "{ms:?}"
    );
}

#[test]
fn an_outlet_named_by_an_acronym_is_org_through_the_article() {
    let t = "Several former VX journalists have complained about the channel. Mr. Lane is \
             not an employee of VX. Critics say VX spreads rumours, and VX denies it.";
    let ms = mentions(t);
    let vx: Vec<_> = ms.iter().filter(|(t, _)| t == "VX").collect();
    assert_eq!(vx.len(), 4, "{ms:?}");
    assert!(vx.iter().all(|(_, l)| *l == Label::Org), "{ms:?}");
}

#[test]
fn an_awards_name_goes_on_through_for_and_in() {
    let t = "Ruth Calder won the Nobel Prize in Literature in 1950. The Academy Award for Best \
             Sound Editing honours films. Her 1990 Academy Award for Best Original Score was \
             her last prize, given in London.";
    let ms = mentions(t);
    for name in [
        "Nobel Prize in Literature",
        "Academy Award for Best Sound Editing",
        "Academy Award for Best Original Score",
    ] {
        assert!(has(&ms, name, Label::Misc), "{name} not MISC in {ms:?}");
    }
    assert!(has(&ms, "London", Label::Loc), "{ms:?}");
}

#[test]
fn a_quoted_title_after_its_kind_is_one_work_whatever_its_words() {
    let t = "In her essay \"Why We Sing\" (1950), Ruth Calder recalled a poem, \"O Harbour \
             dear, Leeds\", and the film \"The Long Night,\" shot in Leeds.";
    let ms = mentions(t);
    for name in ["Why We Sing", "O Harbour dear, Leeds", "The Long Night"] {
        assert!(has(&ms, name, Label::Misc), "{name} not MISC in {ms:?}");
    }
    assert!(has(&ms, "Leeds", Label::Loc), "{ms:?}");
}

#[test]
fn a_lawmakers_party_and_state_tag_is_no_name() {
    let t = "Sens. Jeff Marlow (D-Ore.), Ann Bright (D-Ohio) and Rob Kane (R-Ky.) wrote to the \
             bank. Majority Leader Tom Gale, R-La., said Tuesday the bill will pass.";
    let ms = mentions(t);
    assert!(
        ms.iter()
            .all(|(t, _)| !t.contains("R-") && !t.contains("D-")),
        "{ms:?}"
    );
    for name in ["Jeff Marlow", "Ann Bright", "Rob Kane", "Tom Gale"] {
        assert!(has(&ms, name, Label::Per), "{name} not PER in {ms:?}");
    }
}

#[test]
fn a_capitalised_the_before_a_newspapers_name_is_part_of_it() {
    let t = "Ruth Calder told The Harbour Times on Monday that the Harbour Times had erred, \
             and wrote to the editors of The Lancet.";
    let ms = mentions(t);
    let papers: Vec<_> = ms.iter().filter(|(_, l)| *l == Label::Org).collect();
    assert!(has(&ms, "The Harbour Times", Label::Org), "{ms:?}");
    assert!(has(&ms, "Harbour Times", Label::Org), "{ms:?}");
    assert!(papers.iter().all(|(t, _)| !t.starts_with("the ")), "{ms:?}");
}

#[test]
fn a_bodys_name_goes_on_through_on_to_its_subject_not_to_a_date() {
    let t = "The Commission on Presidential Debates met the Council on Foreign Relations in \
             Boston. The Harbour Council on Monday rejected the plan.";
    let ms = mentions(t);
    assert!(
        has(&ms, "Council on Foreign Relations", Label::Org),
        "{ms:?}"
    );
    assert!(
        ms.iter()
            .any(|(t, l)| t.ends_with("Commission on Presidential Debates") && *l == Label::Org),
        "{ms:?}"
    );
    assert!(ms.iter().all(|(t, _)| !t.contains("Monday")), "{ms:?}");
    assert!(has(&ms, "Boston", Label::Loc), "{ms:?}");
}

#[test]
fn an_office_title_stays_outside_the_body_s_name() {
    // CoNLL-2003 leaves "<title> of" outside the name ("Minister of Finance" tags only
    // "Finance"); the body after it keeps its type, a bare "State" is no body.
    let t = "The Speaker of Parliament, Mohamed al Halbousi, said the vote would go ahead. \
             Later the President of the Regional Assembly met him in Basra.";
    let ms = mentions(t);
    assert!(has(&ms, "Parliament", Label::Org), "{ms:?}");
    assert!(
        !ms.iter()
            .any(|(t, _)| t.starts_with("Speaker") || t.starts_with("President")),
        "{ms:?}"
    );
    assert!(has(&ms, "Mohamed al Halbousi", Label::Per), "{ms:?}");
}

#[test]
fn wire_datelines_name_places() {
    let t = "ROTTERDAM (Reuters) - Dock workers stayed off the job on Tuesday.\n\n\
             KESSENBURG, Ostland — The harbour reopened after a week.";
    let ms = mentions(t);
    for name in ["ROTTERDAM", "KESSENBURG", "Ostland"] {
        assert!(has(&ms, name, Label::Loc), "{name} not LOC in {ms:?}");
    }
    assert!(has(&ms, "Reuters", Label::Org), "{ms:?}");
    // A section head in capitals is no dateline (as in CoNLL-2003's Reuters text).
    let ms = mentions("PRESS DIGEST - Ostland newspapers led with the harbour strike on Monday.");
    assert!(
        !ms.iter()
            .any(|(t, _)| t.contains("PRESS") || t.contains("DIGEST")),
        "{ms:?}"
    );
}

#[test]
fn national_security_adviser_is_a_title() {
    for t in [
        "National Security Adviser Jane Okafor said on Monday that talks would resume.",
        "National Security Advisor John Bolton promised a response.",
    ] {
        let ms = mentions(t);
        assert!(!ms.iter().any(|(t, _)| t == "National Security"), "{ms:?}");
        assert!(ms.iter().any(|(_, l)| *l == Label::Per), "{ms:?}");
    }
    let ms = mentions("The National Security Council met on Friday.");
    assert!(has(&ms, "National Security Council", Label::Org), "{ms:?}");
}

#[test]
fn a_dateline_with_only_a_dash_names_a_known_place() {
    let t = "TALLAHASSEE — The governor signed the storm relief bill on Friday.\n\n\
             DES MOINES — Farmers in the state waited for the rain.\n\n\
             EXCLUSIVE — The senator told donors that the race was tightening.";
    let ms = mentions(t);
    for name in ["TALLAHASSEE", "DES MOINES"] {
        assert!(has(&ms, name, Label::Loc), "{name} not LOC in {ms:?}");
    }
    // A section head before a dash is no place.
    assert!(!ms.iter().any(|(t, _)| t == "EXCLUSIVE"), "{ms:?}");
}

#[test]
fn storms_are_named_misc_without_their_kind() {
    let t = "Hurricane Edouard turned north on Monday, and Storm Ingrid reached Skarholm. \
             Typhoon Haiyan was the strongest on record. The model Storm Reid and Ingrid \
             Holm spoke.";
    let ms = mentions(t);
    for name in ["Edouard", "Ingrid", "Haiyan"] {
        assert!(has(&ms, name, Label::Misc), "{name} not MISC in {ms:?}");
    }
    assert!(
        !ms.iter()
            .any(|(t, _)| t.starts_with("Hurricane") || t.starts_with("Typhoon")),
        "{ms:?}"
    );
    assert!(has(&ms, "Ingrid Holm", Label::Per), "{ms:?}");
}

#[test]
fn time_zones_after_a_clock_time_are_no_names() {
    // As train's "EDT" (the tagger alone makes both ORG).
    let t = "Updated 22:41 BST, 14 March\n\nThe vote opens at 9 a.m. EST on Tuesday.";
    let ms = mentions(t);
    assert!(!ms.iter().any(|(t, _)| t == "BST" || t == "EST"), "{ms:?}");
}

#[test]
fn a_team_before_its_manager_is_an_organisation() {
    // (The tagger alone makes Harlow a person.)
    let t = "Harlow boss Gemma Stokes said her side had been \"robbed by one moment of \
             brilliance\" and insisted the referee should have awarded a second penalty.";
    let ms = mentions(t);
    assert!(has(&ms, "Harlow", Label::Org), "{ms:?}");
    assert!(has(&ms, "Gemma Stokes", Label::Per), "{ms:?}");
}

#[test]
fn a_company_named_in_full_is_an_organisation_alone() {
    // (The tagger alone makes both "Veltrix" persons.)
    let t = "Veltrix Semiconductor on Wednesday unveiled a new chip for data centres. Not \
             everyone was convinced. Analyst Marcus Feld wrote in a note to clients that the \
             power figures were \"plausible but unproven,\" adding that Veltrix had missed \
             delivery dates for its previous two products. Raman said Veltrix had held \
             \"constructive conversations\" with officials in Washington.";
    let ms = mentions(t);
    let alone: Vec<_> = ms.iter().filter(|(t, _)| t == "Veltrix").collect();
    assert_eq!(alone.len(), 2, "{ms:?}");
    assert!(alone.iter().all(|(_, l)| *l == Label::Org), "{ms:?}");
    // A word used alone for a person before the company is named stays a person.
    let t = "Harlan spoke to reporters on Monday. Analysts said Harlan had missed delivery \
             dates. Harlan Robotics shares fell 4 percent.";
    let ms = mentions(t);
    assert!(
        ms.iter()
            .filter(|(t, _)| t == "Harlan")
            .all(|(_, l)| *l != Label::Org),
        "{ms:?}"
    );
}

#[test]
fn a_common_word_opening_a_headline_is_outside_the_name() {
    // The article names the scorer "Samuel Okafor" and the company "Veltrix Semiconductor".
    let t = "Late Okafor header sends Brackley into final\n\nSamuel Okafor rose highest in the \
             89th minute. Okafor said he had waited his whole career for it.";
    let ms = mentions(t);
    assert!(!ms.iter().any(|(t, _)| t == "Late Okafor"), "{ms:?}");
    assert!(has(&ms, "Samuel Okafor", Label::Per), "{ms:?}");
    let t = "Chipmaker Veltrix unveils AI accelerator\n\nVeltrix Semiconductor on Wednesday \
             unveiled a new chip. Veltrix said it would ship in May.";
    let ms = mentions(t);
    assert!(!ms.iter().any(|(t, _)| t == "Chipmaker Veltrix"), "{ms:?}");
    // A full name opening a sentence keeps its first name.
    let t = "Priya Raman spoke first.\n\nThe company's chief executive, Raman, said the chip \
             would ship in May.";
    let ms = mentions(t);
    assert!(has(&ms, "Priya Raman", Label::Per), "{ms:?}");
}

#[test]
fn a_newsroom_job_is_no_name() {
    // (The tagger alone makes "Sports Correspondent" an organisation.)
    let t = "Cup final\n\nBy Tom Whitcombe, Sports Correspondent\nUpdated 14 March\n\nThe match \
             ended late.";
    let ms = mentions(t);
    assert!(has(&ms, "Tom Whitcombe", Label::Per), "{ms:?}");
    assert!(
        !ms.iter().any(|(t, _)| t.contains("Correspondent")),
        "{ms:?}"
    );
}

#[test]
fn a_name_does_not_run_through_of() {
    // (The tagger alone reads "Marcus Feld of Bernstein" as one person.)
    let t = "Not everyone was convinced. Analyst Marcus Feld of Bernstein wrote in a note to \
             clients that the figures were unproven.";
    let ms = mentions(t);
    assert!(has(&ms, "Marcus Feld", Label::Per), "{ms:?}");
    assert!(has(&ms, "Bernstein", Label::Org), "{ms:?}");
}

#[test]
fn common_acronyms_are_no_names() {
    // (The tagger alone makes "AI" an organisation in a headline and MISC in a sentence.)
    let t = "Chipmaker Veltrix unveils AI accelerator, shares jump 9%\n\n\"For ten years this \
             industry has been solving the AI problem by throwing more electricity at it,\" \
             Raman said.";
    let ms = mentions(t);
    assert!(!ms.iter().any(|(t, _)| t == "AI"), "{ms:?}");
}

#[test]
fn local_office_titles_stay_outside_the_name() {
    let t = "Councilor Luis Ortega led the opposition, and Sheriff Dana Brooks kept order while \
             Commissioner Renata Fox watched.";
    let ms = mentions(t);
    for name in ["Luis Ortega", "Dana Brooks", "Renata Fox"] {
        assert!(has(&ms, name, Label::Per), "{name} not PER in {ms:?}");
    }
}

#[test]
fn a_bylines_outlet_after_the_job_is_an_organisation() {
    let t = "By Tom Hale, Transport Editor For The Daily Courier\n\nBy Ana Ruiz, Crime Reporter \
             at the Valmera Gazette";
    let ms = mentions(t);
    assert!(has(&ms, "Tom Hale", Label::Per), "{ms:?}");
    assert!(has(&ms, "Daily Courier", Label::Org), "{ms:?}");
    assert!(has(&ms, "Valmera Gazette", Label::Org), "{ms:?}");
    assert!(
        ms.iter()
            .all(|(t, _)| !t.contains("Editor") && !t.contains("Reporter")),
        "{ms:?}"
    );
}

#[test]
fn a_possessive_inside_an_institutions_name_stays_in_it() {
    let t = "Professor Ian Clarke of King's College London said the findings were interesting. \
             The service was held at St. Paul's Cathedral. Alphabet's Google said it would appeal.";
    let ms = mentions(t);
    assert!(has(&ms, "King's College London", Label::Org), "{ms:?}");
    assert!(has(&ms, "St. Paul's Cathedral", Label::Loc), "{ms:?}");
    // A company's possessive before another name still ends the first.
    assert!(ms.iter().all(|(t, _)| !t.contains("Alphabet's")), "{ms:?}");
}

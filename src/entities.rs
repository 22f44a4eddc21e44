//! Entity mentions and their grouping into entities within one article.
//!
//! The tagger ([`crate::ner`]) produces [`Mention`]s; [`group`] joins the mentions that
//! name the same person, organisation, place or thing into [`Entity`]s:
//!
//! * titles are not part of a name (`Secretary of State Mike Pompeo`, `Mr. Pompeo` and
//!   `Pompeo` are one person, named `Mike Pompeo`);
//! * a later surname or first-and-last name joins the person it ends (`Pompeo`);
//! * known aliases are one place or body (`U.S.`, `US`, `United States`, `America`);
//! * an acronym joins the organisation whose initials it spells, or the one it follows in
//!   parentheses (`the Islamic Revolutionary Guard Corps (IRGC)`);
//! * the canonical name is the fullest form.
//!
//! [`resolve_pronoun`] finds the entity a pronoun refers to. Everything is linear in the
//! number of mentions times a small constant (the candidates are looked up by key).

use crate::span::Span;
use crate::text::{Doc, FastMap};
use serde::{Deserialize, Serialize};

/// CoNLL entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A name in the text: a byte span of the cleaned text and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub label: Label,
}

/// Mentions of one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub label: Label,
    /// The canonical name: the fullest form used in the article.
    pub name: String,
    /// Indices into the mention list, in text order.
    pub mentions: Vec<usize>,
}

/// Title words that precede a person's name and are not part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "gen",
    "general",
    "lt",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "adm",
    "admiral",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "state",
    "of",
    "defense",
    "defence",
    "foreign",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "reverend",
    "judge",
    "justice",
    "chief",
    "deputy",
    "ambassador",
    "mayor",
    "speaker",
    "leader",
    "attorney",
    "former",
    "first",
    "spokesman",
    "spokeswoman",
    "national",
    "security",
    "adviser",
    "advisor",
    "us",
    "u.s",
    "u.s.",
    "director",
    "chairman",
    "chairwoman",
    "candidate",
    "nominee",
    "democratic",
    "republican",
    "sheikh",
    "ayatollah",
    "the",
    "treasury",
    "homeland",
    "energy",
    "health",
    "commerce",
    "labor",
    "interior",
    "senate",
    "house",
    "majority",
    "minority",
    "whip",
    "economy",
    "finance",
    "and",
];

/// Gender suggested by a title, when it says.
fn title_gender(word: &str) -> Option<Gender> {
    match word {
        "mr" | "sir" | "lord" | "king" | "prince" | "congressman" | "spokesman" | "chairman" => {
            Some(Gender::Male)
        }
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "congresswoman"
        | "spokeswoman" | "chairwoman" => Some(Gender::Female),
        _ => None,
    }
}

/// Common first names, for the pronoun a person takes (`she` for `Hillary Clinton`).
const MALE_NAMES: &[&str] = &[
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "mike", "donald", "barack", "joe", "bernie", "george", "paul", "mark", "tim", "ted",
    "marco", "jeb", "chris", "mitch", "bill", "ben", "jim", "tom", "steve", "peter", "kevin",
    "brian", "jeff", "eric", "scott", "gary", "frank", "andrew", "daniel", "matthew", "anthony",
    "vladimir", "emmanuel", "boris", "xi", "ali", "mohammed", "muhammad", "ahmed", "hassan",
    "abdul", "benjamin", "rex", "rudy", "reince", "newt", "harry", "jack", "sean",
];
const FEMALE_NAMES: &[&str] = &[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "lisa",
    "hillary",
    "michelle",
    "melania",
    "ivanka",
    "chelsea",
    "kellyanne",
    "nikki",
    "theresa",
    "angela",
    "jane",
    "anna",
    "ann",
    "anne",
    "maria",
    "emily",
    "laura",
    "kate",
    "katherine",
    "catherine",
    "margaret",
    "helen",
    "julie",
    "amy",
    "rachel",
    "hope",
    "sheryl",
    "kamala",
    "diane",
    "dianne",
    "janet",
    "loretta",
    "samantha",
    "sally",
    "ruth",
    "marine",
    "huma",
    "donna",
    "debbie",
    "condoleezza",
    "madeleine",
    "christine",
];

fn first_name_gender(first: &str) -> Option<Gender> {
    if MALE_NAMES.contains(&first) {
        Some(Gender::Male)
    } else if FEMALE_NAMES.contains(&first) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Grammatical gender of a person, as far as the article tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Place and body aliases: (alias, canonical key).
const ALIASES: &[(&str, &str)] = &[
    ("u.s.", "united states"),
    ("u.s", "united states"),
    ("us", "united states"),
    ("usa", "united states"),
    ("u.s.a.", "united states"),
    ("america", "united states"),
    ("the united states", "united states"),
    ("united states of america", "united states"),
    ("u.k.", "united kingdom"),
    ("uk", "united kingdom"),
    ("britain", "united kingdom"),
    ("great britain", "united kingdom"),
    ("the united kingdom", "united kingdom"),
    ("u.n.", "united nations"),
    ("un", "united nations"),
    ("the united nations", "united nations"),
    ("e.u.", "european union"),
    ("eu", "european union"),
    ("the european union", "european union"),
    ("ussr", "soviet union"),
    ("u.s.s.r.", "soviet union"),
    ("uae", "united arab emirates"),
    ("u.a.e.", "united arab emirates"),
    ("gop", "republican party"),
    ("republicans", "republican party"),
    ("democrats", "democratic party"),
];

/// `s.trim_end_matches(suffix)` without building a substring searcher for every call.
fn trim_suffix<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = trim_suffix(trim_suffix(w, "'s"), "’s")
                .trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '"' | '“' | '”'));
            w.to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a person's name without the titles before it (keeps at least the last
/// word), and the gender its titles suggest.
fn person_name(text: &str) -> (Vec<String>, Option<Gender>) {
    let ws = words(text);
    let mut gender = None;
    let mut start = 0;
    while start + 1 < ws.len() {
        let w = ws[start].trim_end_matches('.');
        if TITLES.contains(&w) || TITLES.contains(&ws[start].as_str()) {
            gender = gender.or(title_gender(w));
            start += 1;
        } else {
            break;
        }
    }
    let mut ws = ws;
    ws.drain(..start);
    (ws, gender)
}

/// The original-case text of a person's name without its titles.
fn person_display(text: &str) -> String {
    let (name, _) = person_name(text);
    let orig: Vec<&str> = text.split_whitespace().collect();
    let keep = name.len().min(orig.len());
    let mut s = orig[orig.len() - keep..].join(" ");
    for suffix in ["'s", "’s"] {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t.to_string();
        }
    }
    s
}

fn alias_key(ws: &[String]) -> String {
    let joined = ws.join(" ");
    ALIASES
        .iter()
        .find(|(a, _)| *a == joined)
        .map(|(_, k)| k.to_string())
        .unwrap_or(joined)
}

/// Initials of a multi-word name, skipping small words: `Islamic Revolutionary Guard Corps`
/// → `irgc`.
fn initials(ws: &[String]) -> String {
    ws.iter()
        .filter(|w| !matches!(w.as_str(), "of" | "the" | "and" | "for" | "&" | "de" | "la"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Is `w` (any case) a word that only says what kind of company a name is: a legal form or a
/// line of business (`Ltd`, `Holdings`, `Energy`, `University`)?
pub(crate) fn company_kind(w: &str) -> bool {
    let w = w.trim_end_matches('.').as_bytes();
    if w.len() > 16 {
        return false;
    }
    // Lower-cased on the stack: this runs for every word of every organisation's name.
    let mut buf = [0u8; 16];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    matches!(
        std::str::from_utf8(lower).unwrap_or(""),
        "inc"
            | "incorporated"
            | "corp"
            | "corporation"
            | "co"
            | "company"
            | "ltd"
            | "limited"
            | "llc"
            | "plc"
            | "ag"
            | "gmbh"
            | "sa"
            | "nv"
            | "ab"
            | "asa"
            | "holdings"
            | "holding"
            | "group"
            | "industries"
            | "enterprises"
            | "bancorp"
            | "securities"
            | "capital"
            | "investments"
            | "insurance"
            | "financial"
            | "airlines"
            | "airways"
            | "motors"
            | "automotive"
            | "petroleum"
            | "energy"
            | "utilities"
            | "communications"
            | "telecom"
            | "systems"
            | "technologies"
            | "software"
            | "electronics"
            | "pharmaceuticals"
            | "pharma"
            | "foods"
            | "resources"
            | "mining"
            | "steel"
            | "chemicals"
            | "solar"
            | "semiconductor"
            | "semiconductors"
            | "biotech"
            | "therapeutics"
            | "robotics"
            | "aerospace"
            | "logistics"
            | "labs"
            | "entertainment"
            | "university"
    )
}

/// The distinctive first word of a company's name whose other words only say what kind of
/// company it is (`Nordwind Energy`, `Velmora Holdings Ltd`, `Harvard University`), in lower
/// case.
fn company_head(ws: &[String]) -> Option<&str> {
    let (head, rest) = ws.split_first()?;
    (!rest.is_empty() && rest.iter().all(|w| company_kind(w)) && head.chars().count() > 2)
        .then_some(head.as_str())
}

/// A word that ends the names of many organisations (`Party`, `Department`, `Council`): alone,
/// it is no short name of one of them.
fn generic_body(w: &str) -> bool {
    matches!(
        w,
        "party"
            | "council"
            | "committee"
            | "department"
            | "ministry"
            | "agency"
            | "office"
            | "court"
            | "commission"
            | "association"
            | "union"
            | "bank"
            | "board"
            | "service"
            | "services"
            | "house"
            | "senate"
            | "assembly"
            | "parliament"
            | "institute"
            | "foundation"
            | "center"
            | "centre"
            | "school"
            | "college"
            | "club"
            | "league"
            | "federation"
            | "organization"
            | "organisation"
            | "network"
            | "news"
            | "press"
            | "fund"
            | "authority"
            | "police"
            | "army"
            | "navy"
            | "force"
            | "forces"
            | "government"
            | "administration"
            | "campaign"
            | "city"
            | "united"
            | "town"
            | "county"
            | "state"
    )
}

fn acronym(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=8).contains(&n) && letters.chars().all(|c| c.is_uppercase() || c == '&'))
        .then(|| letters.to_lowercase())
}

/// Groups mentions (sorted by position) into entities; returns the entities and, for each
/// mention, the index of its entity.
pub fn group(doc: &Doc, mentions: &[Mention]) -> (Vec<Entity>, Vec<usize>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut of_mention = Vec::with_capacity(mentions.len());
    // Lookup keys → entity: (label-class, key).
    let mut by_key: FastMap<(u8, String), usize> = FastMap::default();
    // Last word of a longer organisation's name → its entity, `None` when two share it.
    let mut tails: FastMap<String, Option<usize>> = FastMap::default();
    // Full-name length of each entity's canonical form, for "fullest".
    let mut best_len: Vec<usize> = Vec::new();
    let class = |l: Label| match l {
        Label::Per => 0u8,
        Label::Loc | Label::Org => 1,
        Label::Misc => 2,
    };
    for (i, m) in mentions.iter().enumerate() {
        let text = m.span.slice(doc.text);
        let c = class(m.label);
        let mut found: Option<usize>;
        let mut keys: Vec<String> = Vec::new();
        let display;
        let fullness;
        // The distinctive last word of a longer organisation's name, for `tails`.
        let mut tail: Option<String> = None;
        if m.label == Label::Per {
            let (name, _) = person_name(text);
            display = person_display(text);
            fullness = name.len();
            let full = name.join(" ");
            // The full name, the last name, and first+last.
            let full_key = (c, format!("full:{full}"));
            found = by_key
                .get(&full_key)
                .or_else(|| {
                    if name.len() == 1 {
                        // A single word: a surname (or a first name used alone).
                        by_key
                            .get(&(c, format!("last:{full}")))
                            .or_else(|| by_key.get(&(c, format!("first:{full}"))))
                    } else {
                        // A longer name whose last word was seen alone before.
                        name.last()
                            .and_then(|l| by_key.get(&(c, format!("full:{l}"))))
                            .filter(|&&e| best_len[e] == 1)
                    }
                })
                .copied();
            keys.push(full_key.1);
            if let Some(last) = name.last() {
                keys.push(format!("last:{last}"));
            }
            if name.len() > 1 {
                keys.push(format!("first:{}", name[0]));
            }
        } else {
            let ws = words(text);
            // (not an acronym, which has keys of its own, nor after a number: `335th Twitter`
            // is a misread)
            let plain = !text.starts_with(|c: char| c.is_ascii_digit())
                && text
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.chars().any(char::is_lowercase));
            if let [_, .., last] = &ws[..] {
                if m.label == Label::Org && plain && !company_kind(last) && !generic_body(last) {
                    tail = Some(last.clone());
                }
            }
            let key = alias_key(&ws);
            display = trim_suffix(trim_suffix(text, "'s"), "’s").to_string();
            fullness = ws.len();
            let name_key = (c, format!("name:{key}"));
            found = by_key.get(&name_key).copied();
            keys.push(name_key.1);
            if ws.len() > 1 {
                keys.push(format!("acr:{}", initials(&ws)));
            }
            // A surname the tagger mislabelled (`Pompeo` as ORG after `Mike Pompeo`): the
            // person it names.
            if found.is_none() && ws.len() == 1 {
                found = by_key.get(&(0, format!("last:{}", ws[0]))).copied();
            }
            if found.is_none() {
                if let Some(a) = acronym(text) {
                    found = by_key.get(&(c, format!("acr:{a}"))).copied();
                }
            }
            // `Nordwind Energy` … `Nordwind`: a company's name without its legal form or
            // line of business, either way round (organisations only: `Boston Globe` is no
            // `Boston`).
            if m.label == Label::Org {
                if let Some(head) = company_head(&ws) {
                    keys.push(format!("head:{head}"));
                    if found.is_none() {
                        found = by_key
                            .get(&(c, format!("name:{head}")))
                            .copied()
                            .filter(|&e| entities[e].label == Label::Org && best_len[e] == 1);
                    }
                } else if found.is_none() && ws.len() == 1 {
                    found = by_key.get(&(c, format!("head:{}", ws[0]))).copied();
                }
                // `Harlow Rovers` … `Rovers`, `Boston Celtics` … `Celtics`: a team's (or
                // paper's) distinctive last word, when no other organisation ends in it.
                if found.is_none() && ws.len() == 1 {
                    found = tails.get(&ws[0]).copied().flatten();
                }
            }
            // "Full Name (ACR)": the acronym in parentheses right after the previous mention.
            if found.is_none() && i > 0 && acronym(text).is_some() {
                let prev = mentions[i - 1];
                let between = doc.text.get(prev.span.end..m.span.start).unwrap_or("");
                // Its letters are the name's (`Islamic Revolutionary Guard Corps (IRGC)`), or
                // the name is long enough for a foreign one (`Doctors Without Borders (MSF)`);
                // not a station after a dateline (`HARBOR POINT, Mass. (WPRX)`).
                let name = prev.span.slice(doc.text);
                let initial = |w: &str| w.chars().next().map(|c| c.to_ascii_uppercase());
                let letters =
                    initial(text) == initial(name) || name.split_whitespace().count() >= 3;
                if between.trim() == "(" && class(prev.label) == c && letters {
                    found = Some(of_mention[i - 1]);
                }
            }
        }
        let id = match found {
            Some(id) => id,
            None => {
                entities.push(Entity {
                    label: m.label,
                    name: display.clone(),
                    mentions: Vec::new(),
                });
                best_len.push(0);
                entities.len() - 1
            }
        };
        if fullness > best_len[id] {
            best_len[id] = fullness;
            entities[id].name = display;
        }
        entities[id].mentions.push(i);
        if let Some(last) = tail {
            tails
                .entry(last)
                .and_modify(|e| {
                    if *e != Some(id) {
                        *e = None
                    }
                })
                .or_insert(Some(id));
        }
        for k in keys {
            // "first:" keys only when unambiguous: keep the first owner.
            by_key.entry((c, k)).or_insert(id);
        }
        of_mention.push(id);
    }
    (entities, of_mention)
}

/// The gender of each entity, as far as titles (`Mr.`, `Mrs.`) and the pronouns after its
/// mentions do not say otherwise: `None` when unknown.
pub fn genders(doc: &Doc, mentions: &[Mention], entities: &[Entity]) -> Vec<Option<Gender>> {
    entities
        .iter()
        .map(|e| {
            if e.label != Label::Per {
                return None;
            }
            e.mentions.iter().find_map(|&m| {
                let (name, title) = person_name(mentions[m].span.slice(doc.text));
                title.or_else(|| {
                    (name.len() > 1)
                        .then(|| first_name_gender(&name[0]))
                        .flatten()
                })
            })
        })
        .collect()
}

/// What a pronoun can refer to.
fn pronoun_wants(lower: &str) -> Option<(Label, Option<Gender>)> {
    match lower {
        "he" | "him" | "his" | "himself" => Some((Label::Per, Some(Gender::Male))),
        "she" | "her" | "hers" | "herself" => Some((Label::Per, Some(Gender::Female))),
        "i" | "me" | "my" => Some((Label::Per, None)),
        "it" | "its" | "itself" | "they" | "their" | "them" | "we" | "our" => {
            Some((Label::Org, None))
        }
        _ => None,
    }
}

/// Resolves pronouns to entities; built once per article (it precomputes genders).
pub struct Resolver<'a> {
    mentions: &'a [Mention],
    mention_entity: &'a [usize],
    entities: &'a [Entity],
    genders: Vec<Option<Gender>>,
}

impl<'a> Resolver<'a> {
    pub fn new(
        doc: &Doc,
        mentions: &'a [Mention],
        mention_entity: &'a [usize],
        entities: &'a [Entity],
    ) -> Resolver<'a> {
        Resolver {
            mentions,
            mention_entity,
            entities,
            genders: genders(doc, mentions, entities),
        }
    }

    /// The entity a pronoun at byte `at` refers to: the most recent compatible entity
    /// mentioned before it (a person for `he`/`she`/`I`, respecting a known gender; an
    /// organisation for `it`/`they`/`we`). Mentions for which `skip` returns true (say,
    /// inside a quotation) are passed over. Looks back at most 200 mentions.
    pub fn resolve(&self, at: usize, pronoun: &str, skip: &dyn Fn(Span) -> bool) -> Option<usize> {
        let (label, gender) = pronoun_wants(&pronoun.to_lowercase())?;
        let before = self.mentions.partition_point(|m| m.span.start < at);
        for k in (before.saturating_sub(200)..before).rev() {
            let m = &self.mentions[k];
            if skip(m.span) {
                continue;
            }
            let e = *self.mention_entity.get(k)?;
            let ent = self.entities.get(e)?;
            let ok = match label {
                Label::Per => {
                    let known = self.genders.get(e).copied().flatten();
                    ent.label == Label::Per
                        && !(gender.is_some() && known.is_some() && known != gender)
                }
                _ => ent.label == Label::Org,
            };
            if ok {
                return Some(e);
            }
        }
        None
    }

    /// `the authority`, `the union`, `the bank`: a definite description whose noun names the
    /// kind of an organisation mentioned before it is that organisation, the most recent one
    /// (at most 200 mentions back). The kind ends the name (`Valmera Port Authority`) or opens
    /// it before `of` (`Bank of Ostland`), so `the company` only finds an `… Company`.
    fn definite(&self, text: &str, span: Span) -> Option<usize> {
        let phrase = text.get(span.start..span.end)?;
        let mut words = phrase.split_whitespace();
        let (the, noun) = (words.next()?, words.next()?);
        if words.next().is_some()
            || !the.eq_ignore_ascii_case("the")
            || !noun.chars().all(|c| c.is_ascii_lowercase())
            || noun.len() < 4
        {
            return None;
        }
        let names_kind = |name: &str| {
            let mut ws = name.split_whitespace();
            let (first, second) = (ws.next(), ws.next());
            let last = ws.next_back().or(second).or(first);
            last.is_some_and(|w| w.eq_ignore_ascii_case(noun))
                || second == Some("of") && first.is_some_and(|w| w.eq_ignore_ascii_case(noun))
        };
        let before = self.mentions.partition_point(|m| m.span.start < span.start);
        (before.saturating_sub(200)..before).rev().find_map(|k| {
            let e = *self.mention_entity.get(k)?;
            let ent = self.entities.get(e)?;
            (ent.label == Label::Org && names_kind(&ent.name)).then_some(e)
        })
    }

    /// Does a person mention overlap `span`?
    /// The person an article's opening introduces (an interview's guest): of the people
    /// mentioned before byte `at`, the one mentioned most often in the whole article (the
    /// first on a tie), with the span of their first mention.
    pub fn main_person_before(&self, at: usize) -> Option<Span> {
        let mut best: Option<(usize, Span)> = None;
        for (m, &e) in self.mentions.iter().zip(self.mention_entity) {
            if m.span.start >= at {
                break;
            }
            let n = self.entities.get(e).map_or(0, |x| x.mentions.len());
            let first = self.entities.get(e).and_then(|x| x.mentions.first());
            if m.label == Label::Per
                && first.is_some_and(|&f| self.mentions[f].span == m.span)
                && best.is_none_or(|(b, _)| n > b)
            {
                best = Some((n, m.span));
            }
        }
        best.map(|(_, s)| s)
    }

    pub fn person_at(&self, span: Span) -> bool {
        let end = self.mentions.partition_point(|m| m.span.start < span.end);
        self.mentions[end.saturating_sub(8)..end]
            .iter()
            .any(|m| m.label == Label::Per && m.span.overlaps(span))
    }

    /// The span of the last mention overlapping `span`.
    pub fn mention_at(&self, span: Span) -> Option<Span> {
        let end = self.mentions.partition_point(|m| m.span.start < span.end);
        (end.saturating_sub(8)..end)
            .rev()
            .find(|&k| self.mentions[k].span.overlaps(span))
            .map(|k| self.mentions[k].span)
    }

    /// The person mention that starts at byte `at`, with its entity.
    pub fn person_starting_at(&self, at: usize) -> Option<(Span, usize)> {
        let k = self.mentions.partition_point(|m| m.span.start < at);
        let m = self.mentions.get(k)?;
        (m.span.start == at && m.label == Label::Per)
            .then(|| Some((m.span, *self.mention_entity.get(k)?)))
            .flatten()
    }

    /// The entity named by the phrase `span` of `text`: the mention at its head (the last
    /// mention, with no further word after it: `Hillary Clinton’s campaign manager Robby
    /// Mook` is Mook), a person, organisation or place (`a senior Iraqi official` is not
    /// Iraq).
    pub fn entity_at(&self, text: &str, span: Span) -> Option<usize> {
        let end = self.mentions.partition_point(|m| m.span.start < span.end);
        let window = end.saturating_sub(8)..end;
        // `officials in Kessenburg`, `a source at the Pentagon`: a name after a preposition
        // qualifies the head; it does not speak.
        let qualifier = |m: &Mention| {
            let lead = text
                .get(span.start..m.span.start.max(span.start))
                .unwrap_or("");
            let mut words = lead.split_whitespace().rev();
            let mut w = words.next();
            if w.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                w = words.next();
            }
            w.is_some_and(|w| {
                ["in", "at", "from"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
            }) && words.next().is_some()
        };
        // A person in the phrase is the speaker (`Ruth Ames of Acme Party`).
        if let Some(k) = window.clone().rev().find(|&k| {
            let m = &self.mentions[k];
            m.span.overlaps(span) && m.label == Label::Per && !qualifier(m)
        }) {
            return self.mention_entity.get(k).copied();
        }
        let Some(k) = window.rev().find(|&k| self.mentions[k].span.overlaps(span)) else {
            return self.definite(text, span);
        };
        let m = self.mentions[k];
        if qualifier(&m) {
            return None;
        }
        let tail = text.get(m.span.end.min(span.end)..span.end).unwrap_or("");
        let head = !tail.chars().any(char::is_alphabetic)
            || tail.trim_start().starts_with("'s")
                && !tail.trim_start()[2..].chars().any(char::is_alphabetic);
        (m.label != Label::Misc && head)
            .then(|| self.mention_entity.get(k).copied())
            .flatten()
    }
}

/// The entity a pronoun at byte `at` refers to (see [`Resolver::resolve`]).
pub fn resolve_pronoun(
    doc: &Doc,
    mentions: &[Mention],
    mention_entity: &[usize],
    entities: &[Entity],
    at: usize,
    pronoun: &str,
    skip: &dyn Fn(Span) -> bool,
) -> Option<usize> {
    Resolver::new(doc, mentions, mention_entity, entities).resolve(at, pronoun, skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_suffix_is_trim_end_matches() {
        for s in [
            "",
            "'s",
            "’s",
            "Trump's",
            "Trump’s",
            "Jones's's",
            "it's’s",
            "'s'",
            "s",
            "x'",
            "’",
            "Obama’s’s's",
            "'s'ss",
        ] {
            for suffix in ["'s", "’s"] {
                assert_eq!(trim_suffix(s, suffix), s.trim_end_matches(suffix), "{s:?}");
            }
        }
    }

    fn mention(text: &str, needle: &str, nth: usize, label: Label) -> Mention {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Mention {
            span: Span::new(start, start + needle.len()),
            label,
        }
    }

    #[test]
    fn titles_surnames_aliases_acronyms() {
        let t = "Secretary of State Mike Pompeo met U.S. envoys. Pompeo said the United States \
                 and the Islamic Revolutionary Guard Corps (IRGC) clash. Mr. Pompeo blamed the IRGC.";
        let doc = Doc::new(t);
        let ms = vec![
            mention(t, "Secretary of State Mike Pompeo", 0, Label::Per),
            mention(t, "U.S.", 0, Label::Loc),
            mention(t, "Pompeo", 1, Label::Per),
            mention(t, "United States", 0, Label::Loc),
            mention(t, "Islamic Revolutionary Guard Corps", 0, Label::Org),
            mention(t, "IRGC", 0, Label::Org),
            mention(t, "Mr. Pompeo", 0, Label::Per),
            mention(t, "IRGC", 1, Label::Org),
        ];
        let (ents, of) = group(&doc, &ms);
        assert_eq!(ents.len(), 3);
        assert_eq!(of, vec![0, 1, 0, 1, 2, 2, 0, 2]);
        assert_eq!(ents[0].name, "Mike Pompeo");
        assert_eq!(ents[0].mentions, vec![0, 2, 6]);
        assert_eq!(ents[2].name, "Islamic Revolutionary Guard Corps");
    }

    #[test]
    fn mislabelled_surname_joins_the_person() {
        let t = "Mike Pompeo spoke. Later Pompeo left.";
        let doc = Doc::new(t);
        let ms = vec![
            mention(t, "Mike Pompeo", 0, Label::Per),
            mention(t, "Pompeo", 1, Label::Org),
        ];
        let (ents, of) = group(&doc, &ms);
        assert_eq!(of, vec![0, 0]);
        assert_eq!(ents[0].label, Label::Per);
        assert_eq!(ents[0].mentions, vec![0, 1]);
    }

    #[test]
    fn pronouns_resolve_to_recent_compatible() {
        let t = "Mrs. Jane Roe met John Smith at Acme. She left. He stayed.";
        let doc = Doc::new(t);
        let ms = vec![
            mention(t, "Mrs. Jane Roe", 0, Label::Per),
            mention(t, "John Smith", 0, Label::Per),
            mention(t, "Acme", 0, Label::Org),
        ];
        let (ents, of) = group(&doc, &ms);
        let no = |_: Span| false;
        let she = t.find("She").unwrap();
        let he = t.find("He ").unwrap();
        assert_eq!(
            resolve_pronoun(&doc, &ms, &of, &ents, she, "She", &no),
            Some(0)
        );
        assert_eq!(
            resolve_pronoun(&doc, &ms, &of, &ents, he, "He", &no),
            Some(1)
        );
        assert_eq!(
            resolve_pronoun(&doc, &ms, &of, &ents, he, "it", &no),
            Some(2)
        );
    }
}

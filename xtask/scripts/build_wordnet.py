#!/usr/bin/env python3
"""Builds lexicons/wn_loc.txt, wn_org.txt and wn_misc.txt: the proper names of WordNet 3.0's
nouns, typed by where WordNet files them, as gazetteers for the NER tagger (lists 3, 7 and 4;
see lexicons/README.md).

    apt-get install wordnet-base     # Debian wordnet-base 1:3.0-37 (WordNet 3.0 licence)
    python3 xtask/scripts/build_wordnet.py

A name is a lemma of a noun synset that starts with a capital letter (WordNet writes proper
names capitalised: "Danube", "Ming", "Nahuatl", "Buddhism"). Its type comes from the synset's
lexicographer file and its hypernyms (@ and instance @i, followed to the top):

- a place (wn_loc): the synset is filed under noun.location or noun.object (rivers, lakes,
  mountains, islands, planets), or descends from location.n.01;
- an organisation (wn_org): it descends from organization.n.01 ("NATO", "Red Cross", "Labour
  Party");
- other names (wn_misc): the rest of noun.group (peoples, ethnic groups, dynasties:
  "Maya", "Ming"), noun.communication (languages, scriptures: "Nahuatl", "Koran"),
  noun.event (wars, battles), noun.cognition and noun.act (doctrines, religions, movements:
  "Buddhism", "Reformation"), and the capitalised lemmas of noun.person that are not
  instances (demonyms and adherents: "American", "Buddhist", "Republican");
- people (instances filed under noun.person: "Einstein", "Zeus") are not written: the
  model has its own name lists and only eight list ids; nor are their names in wn_misc or
  wn_org (WordNet files "Chopin" also as his music), nor acronyms of noun.person ("CEO").

Left out: taxa, foods, substances, units, times (noun.animal, noun.plant, noun.food,
noun.substance, noun.quantity, noun.time, ...), artifacts (buildings, ships, brands: their
CoNLL type varies), names of one letter, and names of more than six tokens. A name WordNet
files under two types is written to both lists. Output is sorted and deterministic.
"""
import os
import sys

WN = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "lexicons")

LOCATION = "00027167"
ORGANIZATION = "08008335"

# lexicographer file numbers (WordNet's lexnames)
ACT, ARTIFACT, COGNITION, COMMUNICATION, EVENT = 4, 6, 9, 10, 11
GROUP, LOCATION_FILE, OBJECT, PERSON_FILE = 14, 15, 17, 18


def read_synsets(path):
    synsets = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, lexfile = fields[0], int(fields[1])
            w_cnt = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i] for i in range(w_cnt)]
            p = 4 + 2 * w_cnt
            p_cnt = int(fields[p])
            hypers, instance = [], False
            for k in range(p_cnt):
                sym, target, pos = fields[p + 1 + 4 * k : p + 4 + 4 * k]
                if pos != "n":
                    continue
                if sym in ("@", "@i"):
                    hypers.append(target)
                if sym == "@i":
                    instance = True
            synsets[offset] = (lexfile, lemmas, hypers, instance)
    return synsets


def ancestors(synsets, offset, memo):
    if offset in memo:
        return memo[offset]
    memo[offset] = set()  # cycles (none in WordNet 3.0) end here
    out = set()
    for h in synsets[offset][2]:
        out.add(h)
        out |= ancestors(synsets, h, memo)
    memo[offset] = out
    return out


def name_of(lemma):
    # "Danube_River" -> "Danube River"; adjective markers do not occur on nouns.
    return lemma.replace("_", " ")


def is_name(name):
    return (
        len(name) > 1
        and name[0].isupper()
        and len(name.split()) <= 6
        and any(c.isalpha() for c in name[1:])
    )


def type_of(synsets, offset, memo):
    lexfile, _, _, instance = synsets[offset]
    up = ancestors(synsets, offset, memo)
    if lexfile == PERSON_FILE:
        return None if instance else "misc"
    if lexfile in (LOCATION_FILE, OBJECT) or LOCATION in up:
        return "loc"
    if ORGANIZATION in up or offset == ORGANIZATION:
        return "org"
    if lexfile in (GROUP, COMMUNICATION, EVENT, COGNITION, ACT):
        return "misc"
    return None


def main():
    synsets = read_synsets(os.path.join(WN, "data.noun"))
    memo = {}
    lists = {"loc": set(), "org": set(), "misc": set()}
    people = set()
    for offset, (lexfile, lemmas, _, instance) in synsets.items():
        names = [name_of(l) for l in lemmas if is_name(name_of(l))]
        if not names:
            continue
        if lexfile == PERSON_FILE and instance:
            people.update(names)
        if lexfile == PERSON_FILE and not instance:
            # demonyms and adherents, not professions written as acronyms ("LPN", "CEO")
            names = [n for n in names if any(c.islower() for c in n)]
        t = type_of(synsets, offset, memo)
        if t:
            lists[t].update(names)
    # A person's name is also the name of their works ("Chopin": his music) or of a
    # movement: those senses are not written.
    lists["misc"] -= people
    lists["org"] -= people
    header = (
        "# WordNet 3.0 proper names ({kind}), built by xtask/scripts/build_wordnet.py from Debian's\n"
        "# wordnet-base 1:3.0-37. WordNet 3.0 Copyright 2006 by Princeton University. All rights\n"
        "# reserved. Licence: WordNet 3.0 (see lexicons/README.md).\n"
    )
    for t, kind in (("loc", "places"), ("org", "organisations"), ("misc", "other names")):
        path = os.path.join(OUT, f"wn_{t}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(header.format(kind=kind))
            for name in sorted(lists[t]):
                f.write(name + "\n")
        print(f"{path}: {len(lists[t])} names", file=sys.stderr)


if __name__ == "__main__":
    main()

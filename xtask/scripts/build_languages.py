#!/usr/bin/env python3
"""Builds lexicons/languages.txt: the language and language-family names that the NER's
post-tagging rule (`entity_shapes` in src/ner/mod.rs) types MISC when a whole mention (or a
lone capitalised word the tagger left untagged) is one of them.

    apt-get install iso-codes        # Debian iso-codes 4.15.0 (LGPL-2.1)
    python3 xtask/scripts/build_languages.py

Sources: Debian's iso-codes 4.15.0-1 (LGPL-2.1), /usr/share/iso-codes/json/iso_639-2.json
(ISO 639-2: 487 names of about 460 languages and collections, the well-known languages only,
unlike ISO 639-3's 7,900; an entry's names are split at ";"), iso_639-5.json (115 language
families and groups), and the last word of two or more ISO 639-3 names (iso_639-3.json) when
no name starts with it and it has four letters or more ("Tamazight", "Aramaic"). The names
are written as running text writes them: "English, Old (ca. 450-1100)" -> "Old English", a
trailing parenthesis dropped ("Luo (Kenya and Tanzania)" -> "Luo"), " languages" and
" (family)" dropped from a family ("Chadic languages" -> "Chadic"); special codes (mis, mul,
und, zxx, qaa-qtz) and names with a lower-case word ("Creoles and pidgins") are left out.

Dropped, so that the rule cannot retype a place or a person: names the model's own gazetteers
hold as a place, country, first name or surname (lexicons/loc.txt, country.txt, per_first.txt,
per_last.txt; a first name is kept when the language has an ISO 639-1 code, as misc.txt does:
"German"), and names all of whose words the unlabelled text of ../shared (CoNLL-2003 train's
word column, PolNeAR train texts: read, never copied) writes in lower case at least 30% of the
at least 3 times it has them inside a sentence (the filter of misc.txt, from
build_lexicons.py). Output is sorted and deterministic.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_lexicons import OUT, TOKEN, latin, lower_share, read_list  # noqa: E402

ISO = os.environ.get("ISO_CODES_JSON", "/usr/share/iso-codes/json")
SPECIAL = {"mis", "mul", "und", "zxx"}


def load(name, key):
    with open(os.path.join(ISO, name), encoding="utf-8") as f:
        return json.load(f)[key]


def running_text(name):
    """"English, Old (ca. 450-1100)" -> "Old English"; "Luo (Kenya and Tanzania)" -> "Luo"."""
    name = re.sub(r"\s*\([^()]*\)$", "", name).strip()
    if "," in name:
        head, _, qual = name.partition(",")
        name = f"{qual.strip()} {head.strip()}"
    name = re.sub(r"\s+(languages|Languages)$", "", name)
    return name.replace("\u2011", "-")


def candidates():
    """(name, has an ISO 639-1 code)."""
    out = {}
    for lang in load("iso_639-2.json", "639-2"):
        code = lang["alpha_3"]
        if code in SPECIAL or "qaa" <= code <= "qtz":
            continue
        for name in lang["name"].split(";"):
            name = running_text(name.strip())
            out[name] = out.get(name, False) or "alpha_2" in lang
    # The last word of several ISO 639-3 names is a language's name ("Central Atlas Tamazight",
    # "Standard Moroccan Tamazight" -> "Tamazight"; "Imperial Aramaic", ... -> "Aramaic"),
    # unless it also starts one ("South", "Old"), or has fewer than four letters ("A", "Mon").
    heads, starts = {}, set()
    for lang in load("iso_639-3.json", "639-3"):
        if lang.get("type") == "S":
            continue
        for name in lang["name"].split(";"):
            words = re.sub(r"\s*\([^()]*\)$", "", name.strip()).split()
            if len(words) > 1:
                heads[words[-1]] = heads.get(words[-1], 0) + 1
                starts.add(words[0])
    for head, count in heads.items():
        if count >= 2 and head not in starts and len(head) >= 4:
            out.setdefault(head, False)
    for fam in load("iso_639-5.json", "639-5"):
        for name in fam["name"].split(";"):
            out.setdefault(running_text(name.strip()), False)
    return out


def main():
    places = set()
    for name in ("loc.txt", "country.txt"):
        places |= {n.lower() for n in read_list(name)}
    persons = {n.lower() for n in read_list("per_first.txt") + read_list("per_last.txt")}
    counts = lower_share()

    def common(word):
        low, seen = counts.get(word.lower(), (0, 0))
        return seen >= 3 and low >= 0.3 * seen

    keep, dropped = [], []
    for name, major in sorted(candidates().items()):
        words = name.split()
        if not words or not latin(name) or not all(w[0].isupper() for w in words):
            continue
        if name.lower() in places:
            dropped.append((name, "place"))
        elif name.lower() in persons and not major:
            dropped.append((name, "person"))
        elif all(common(w) for w in TOKEN.findall(name)):
            dropped.append((name, "common word"))
        else:
            keep.append(name)
    with open(os.path.join(OUT, "languages.txt"), "w", encoding="utf-8") as f:
        f.write("# language names (ISO 639-2, last words of ISO 639-3 names) and language family "
                "names (ISO 639-5), as running text writes them; Debian iso-codes 4.15.0 (LGPL-2.1); built by "
                "xtask/scripts/build_languages.py\n")
        for name in keep:
            f.write(name + "\n")
    print("languages.txt", len(keep), "kept;", len(dropped), "dropped:",
          ", ".join(f"{n} ({why})" for n, why in dropped), file=sys.stderr)


if __name__ == "__main__":
    main()

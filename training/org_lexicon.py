"""The organisation lexicon for `kg.OrgLexiconEmbed.v1` (training/model-v10n.cfg).

    .venv/bin/python training/org_lexicon.py [--out training/corpus/org_lexicon.json]

Maps a lower-case word to a bit mask of what it is in organisation names:

* 1, a word of a company or brand name;
* 2, a whole one-word name ("Walmart", "Toyota");
* 4, a word that ends three or more of the names ("Inc", "Bank", "Group").

The names come from two PyPI wheels, read as zips (nothing installed):
pytickersymbols 1.17.10 (MIT; the companies of the world's main stock
indices, from Wikipedia) and simpleicons 7.21.0 (MIT; the brand titles of
the Simple Icons project, CC0). Words English writes mostly in lower case are
left out of bits 1 and 2, as in training/gazetteer.py, so that "general" or
"first" does not mark a name.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from spacy.lookups import Lookups
from spacy.util import registry

import clusters  # training/clusters.py
import gazetteer  # training/gazetteer.py
from kg.word_clusters import ORG_TABLE

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "org_lexicon.json"
TICKERS = "pytickersymbols==1.17.10"
ICONS = "simpleicons==7.21.0"
USED_BY = "kg.org_lexicon_lookups.v1"
NAME_WORD, ONE_WORD_NAME, NAME_END = 1, 2, 4
MIN_ENDINGS = 3
SOURCES = [{
    "name": "company names of the stock indices in pytickersymbols 1.17.10",
    "url": "https://pypi.org/project/pytickersymbols/",
    "license": "MIT",
    "author": "portfolio+",
}, {
    "name": "brand titles of Simple Icons, as packaged by simpleicons 7.21.0",
    "url": "https://pypi.org/project/simpleicons/",
    "license": "MIT (package); CC0 1.0 (Simple Icons data, https://simpleicons.org/)",
    "author": "Sachin Raja; Simple Icons contributors",
}]
WORD = re.compile(r"[^\W_]+(?:[&'.-][^\W_]+)*")


def company_names(tickers_wheel: Path) -> set[str]:
    with zipfile.ZipFile(tickers_wheel) as archive:
        source = archive.read("pytickersymbols/indices_data.py").decode("utf-8")
    indices = ast.literal_eval(source.split("INDICES = ", 1)[1].strip())
    return {company["name"] for index in indices.values() for company in index.get("companies", ())}


def brand_names(icons_wheel: Path) -> set[str]:
    with zipfile.ZipFile(icons_wheel) as archive:
        source = archive.read("simpleicons/icons.py").decode("utf-8")
    return {ast.literal_eval(match.group(1)) for match in re.finditer(r'\btitle=("(?:[^"\\]|\\.)*")', source)}


def lexicon(names: set[str], common: set[str]) -> dict[str, int]:
    table: dict[str, int] = {}
    endings: Counter = Counter()
    for name in names:
        words = [word.lower() for word in WORD.findall(name)]
        if not words:
            continue
        endings[words[-1].rstrip(".")] += 1
        for word in words:
            if word not in common:
                table[word] = table.get(word, 0) | NAME_WORD
        if len(words) == 1 and words[0] not in common:
            table[words[0]] |= ONE_WORD_NAME
    for word, count in endings.items():
        if count >= MIN_ENDINGS:
            table[word] = table.get(word, 0) | NAME_END
    return dict(sorted(table.items()))


def build(out: Path = OUT, cache: Path = clusters.CACHE) -> Path:
    if out.is_file():
        return out
    names = company_names(gazetteer.wheel(TICKERS, cache)) | brand_names(gazetteer.wheel(ICONS, cache))
    table = lexicon(names, gazetteer.mostly_lower_case(clusters.wheel(cache)))
    clusters.write_table(out, table)
    return out


@registry.misc(USED_BY)
def org_lexicon_lookups(org_lexicon_path: str) -> Lookups:
    lookups = Lookups()
    lookups.add_table(ORG_TABLE, clusters.read_table(org_lexicon_path))
    return lookups


def main(argv=None) -> int:
    return gazetteer.build_and_describe(__doc__.splitlines()[0], OUT, build, (
        ("name word", NAME_WORD), ("one-word name", ONE_WORD_NAME), ("name end", NAME_END)), argv)


if __name__ == "__main__":
    sys.exit(main())

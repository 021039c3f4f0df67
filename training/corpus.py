"""Build the training and evaluation sets of the English pipeline (model v3).

    .venv/bin/python training/corpus.py --data ../shared/data [--out training/corpus]

``--data`` is the folder holding the three datasets (see its README.md):

* ``ud-english-ewt/``    UD English EWT, en_ewt-ud-{train,dev,test}.conllu;
* ``ud-english-gum/``    UD English GUM, openly licensed genres only:
                         documents/GUM_*.conllu and files.{train,dev,test};
* ``uner-english-ewt/``  Universal NER over EWT, en_ewt-ud-{train,dev,test}.iob2.

Output (``.spacy`` DocBins, documents of 10 sentences so that the parser
learns sentence boundaries; GUM documents are never merged across documents):

* ``train.spacy`` EWT train + GUM train; ``dev.spacy`` EWT dev + GUM dev;
* ``ewt-{train,dev,test}.spacy``, ``gum-{train,dev,test}.spacy`` and
  ``gum-test-news.spacy`` (the news documents of GUM test) on their own.

Named entities (PER, ORG, LOC, and NORP, which no score counts; see
training/scoring.py):

* EWT sentences get the UNER tags of the sentence with the same ``sent_id``.
  The alignment is checked, not assumed: the token count and the word forms
  must agree, or, where EWT retokenized a sentence since UNER's commit, the
  characters (the tags are then carried over word by word); a sentence
  without a UNER counterpart or with other text gets no NER annotation
  (missing, not "O"): three sentences of train, where UNER's sent_ids are
  shifted by one (reviews-275919-0010 to -0012). UNER train's old OTH tags
  (demonyms, religions, groups: "Iraqi", "Shiite", "Americans"; also a few
  products and events) become NORP, a label of their own, so that the model
  learns them apart instead of as O look-alikes of LOC and ORG; the stray B-O
  is O. Dev and test (the release) have no OTH.
* GUM sentences get the named mentions of GUM's ``Entity=`` brackets (MISC):
  mentions of type person, organization or place whose head (the token whose
  syntactic head is outside the mention) is a proper noun, or that carry a
  Wikipedia identity and have a capitalized head (persons with an identity:
  the last proper noun, for "founder Hugh McGuire"). The span kept is the name
  itself, as UNER marks it: the run of proper nouns around the head (with
  "of", "the", "and", "&", "-", "'s"... between name words), minus the
  determiners, modifiers, relative clauses and appositions of the full
  mention, minus a nested name at its edge (``[US] President Donald Trump``
  gives LOC *US*), and, for persons, minus leading titles (*President*,
  *Senator*, ... in ``TITLES``) and words other than proper nouns (*Former*);
  a person mention headed by a title ("the 46th President of the United
  States") is not a name. A name holding other names keeps them inside
  ("Comic Corps of Canada" is one ORG), except a person's name.
  Types: person -> PER, organization -> ORG, place -> LOC; but a person
  mention headed by a plural proper noun is a group ("the Arabs", "Americans",
  "Muslims"): NORP, as UNER's OTH, not PER.
  GUM marks no demonyms: a capitalized adjective outside the names ("Iraqi",
  "Christian") gets no NER annotation (missing, not O), so that GUM does not
  contradict UNER's NORP on them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENTS_PER_DOC = 10
SPLITS = ("train", "dev", "test")
EWT_DIR, GUM_DIR, UNER_DIR = "ud-english-ewt", "ud-english-gum", "uner-english-ewt"
LABELS = ("PER", "ORG", "LOC")
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
NORP = "NORP"  # groups and demonyms: trained, never scored (training/scoring.py)
UNER_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": NORP}  # B-O -> O
# Words allowed between two name words of one name ("Bank of America").
NAME_LINKS = {"of", "the", "and", "&", "-", "for", "de", "du", "la", "le", "von",
              "van", "der", "del", "da", "al", "'s", "’s", "on", "in", "at", "'", "’"}
# Titles before (or heading) a person's name: not part of the name, as in UNER.
TITLES = set("""
president vice prime minister secretary senator sen. governor gov. representative rep.
congressman congresswoman speaker mayor chancellor premier king queen prince princess
emperor empress pope lord lady sir dame judge justice chief commander general gen.
colonel col. captain capt. lieutenant lt. sergeant sgt. major maj. admiral adm.
ambassador professor prof. doctor dr. mr. mrs. ms. mr mrs ms dr reverend rev. bishop
archbishop cardinal sheikh shaikh ayatollah imam sultan emir chairman chairwoman ceo
founder director coach spokesman spokeswoman leader officer saint st. father
""".split())


def say(message: str) -> None:
    print(f"[corpus] {message}", flush=True)


# -- paths ---------------------------------------------------------------------

def ewt_path(data: Path, split: str) -> Path:
    return Path(data) / EWT_DIR / f"en_ewt-ud-{split}.conllu"


def uner_path(data: Path, split: str) -> Path:
    return Path(data) / UNER_DIR / f"en_ewt-ud-{split}.iob2"


def gum_documents(data: Path, split: str) -> list[Path]:
    """GUM documents of ``split`` present in the folder (left-out genres have none)."""
    gum = Path(data) / GUM_DIR
    names = (gum / f"files.{split}").read_text(encoding="utf-8").split()
    return [p for p in (gum / "documents" / f"{n}.conllu" for n in names) if p.is_file()]


def missing_inputs(data: Path) -> list[Path]:
    data = Path(data)
    need = [ewt_path(data, s) for s in SPLITS] + [uner_path(data, s) for s in SPLITS]
    need += [data / GUM_DIR / f"files.{s}" for s in SPLITS] + [data / GUM_DIR / "documents"]
    return [p for p in need if not p.exists()]


# -- CoNLL-U -------------------------------------------------------------------

def read_blocks(path: Path) -> list[tuple[list[str], list[str]]]:
    """(comment lines, token lines) of each sentence of a CoNLL-U-like file."""
    blocks = []
    for chunk in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = [line for line in chunk.strip().split("\n") if line]
        if lines:
            blocks.append(([l for l in lines if l.startswith("#")],
                           [l for l in lines if not l.startswith("#")]))
    return blocks


def sent_id(comments: list[str]) -> str | None:
    for line in comments:
        if line.startswith("# sent_id"):
            return line.split("=", 1)[1].strip()
    return None


def word_lines(lines: list[str]) -> list[list[str]]:
    """Syntactic words (no multiword-token ranges, no empty nodes), split in columns."""
    out = []
    for line in lines:
        cols = line.split("\t")
        if "-" not in cols[0] and "." not in cols[0]:
            out.append(cols)
    return out


def sentence_doc(vocab, lines: list[str], ents: list[tuple[int, int, str]] | None,
                 missing: list[int] = ()):
    """One sentence as a Doc (as spaCy's CoNLL-U converter makes it), with the
    entity spans (word offsets, end exclusive) or no NER annotation (None);
    the words of ``missing`` get no NER annotation either way."""
    from spacy.tokens import Span
    from spacy.training.converters.conllu_to_docs import conllu_sentence_to_doc

    doc = conllu_sentence_to_doc(vocab, lines, "", set_ents=False)
    if ents is not None:
        doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents],
                     missing=[Span(doc, i, i + 1) for i in missing], default="outside")
    return doc


def group_docs(sent_docs: list) -> list:
    from spacy.tokens import Doc

    return [Doc.from_docs(sent_docs[i:i + SENTS_PER_DOC])
            for i in range(0, len(sent_docs), SENTS_PER_DOC)]


# -- UNER over EWT --------------------------------------------------------------

def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> (start, end, label); unknown types are O, a stray I- starts a span."""
    spans, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-")
        typ = UNER_MAP.get(typ) if prefix in ("B", "I") else None
        if start is not None and (typ is None or prefix == "B" or typ != label):
            spans.append((start, i, label))
            start = None
        if typ is not None and start is None:
            start, label = i, typ
    return spans


def retokenize_tags(src_words: list[str], src_tags: list[str], words: list[str]) -> list[str]:
    """IOB2 tags of ``src_words`` moved onto ``words`` (same characters): a word
    takes the tag of the source word its first character belongs to, as I- when
    it continues that source word."""
    owner = [k for k, w in enumerate(src_words) for _ in w]
    tags, pos, prev = [], 0, None
    for word in words:
        k = owner[pos]
        tag = src_tags[k]
        if k == prev and tag != "O":
            tag = "I-" + tag.partition("-")[2]
        tags.append(tag)
        pos, prev = pos + len(word), k
    return tags


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """sent_id -> (words, IOB2 tags)."""
    out = {}
    for comments, lines in read_blocks(path):
        cols = [line.split("\t") for line in lines]
        out[sent_id(comments)] = ([c[1] for c in cols], [c[2] for c in cols])
    return out


def ewt_sentence_docs(data: Path, split: str, vocab, stats: Counter) -> list:
    uner = read_uner(uner_path(data, split))
    docs = []
    for comments, lines in read_blocks(ewt_path(data, split)):
        words = [c[1] for c in word_lines(lines)]
        sid = sent_id(comments)
        ents = None
        if sid not in uner:
            stats["no UNER sentence"] += 1
        else:
            u_words, u_tags = uner.pop(sid)
            if u_words == words:
                stats["aligned"] += 1
                ents = iob_spans(u_tags)
            elif "".join(u_words) == "".join(words):
                # Same text, other tokenization (EWT retokenized "2/3", "@Ryan" ...
                # since UNER's commit): carry the tags over by characters.
                stats["aligned by characters"] += 1
                ents = iob_spans(retokenize_tags(u_words, u_tags, words))
            else:
                stats["other text: no NER"] += 1
            if ents is not None:
                stats.update(label for _, _, label in ents)
        docs.append(sentence_doc(vocab, lines, ents))
    stats["UNER sentences not in EWT"] += len(uner)
    return docs


# -- GUM named mentions ------------------------------------------------------------

_BRACKET = re.compile(r"\((\d+)-([^()|]*?)(\))?(?=\(|\d+\)|$)|(\d+)\)")


def gum_mentions(words: list[list[str]]) -> list[dict]:
    """Mentions of GUM's Entity= brackets in one sentence:
    {start, end (exclusive), etype, identity}."""
    mentions, open_ = [], []
    for i, cols in enumerate(words):
        misc = cols[9]
        value = next((p[len("Entity="):] for p in misc.split("|") if p.startswith("Entity=")), "")
        for m in _BRACKET.finditer(value):
            if m.group(1):
                fields = m.group(2).split("-")
                mention = {"id": m.group(1), "start": i, "etype": fields[0],
                           "identity": _identity(fields)}
                if m.group(3):
                    mention["end"] = i + 1
                    mentions.append(mention)
                else:
                    open_.append(mention)
            else:
                for j in range(len(open_) - 1, -1, -1):
                    if open_[j]["id"] == m.group(4):
                        mention = open_.pop(j)
                        mention["end"] = i + 1
                        mentions.append(mention)
                        break
    return mentions


def _identity(fields: list[str]) -> str:
    """The Wikipedia identity of a bracket's fields (after etype), or ''."""
    # fields: etype, infstat, [salience,] centering, minspan, link, [identity...]
    idx = next((k for k, f in enumerate(fields) if re.fullmatch(r"cf\d+\*?", f)), None)
    if idx is None or len(fields) <= idx + 3:
        return ""
    return "-".join(fields[idx + 3:])


def _is_name_word(cols: list[str]) -> bool:
    form, upos = cols[1], cols[3]
    return upos == "PROPN" or (form[:1].isupper() and upos not in (
        "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "AUX", "PART", "SYM"))


def named_span(words: list[list[str]], mention: dict) -> tuple[int, int, int] | None:
    """The name inside a named mention (word offsets start, end, head), or None
    if it is not named."""
    start, end = mention["start"], mention["end"]
    inside = range(start, end)
    heads = [i for i in inside
             if not words[i][6].isdigit() or int(words[i][6]) - 1 not in inside]
    if not heads:
        return None
    head = heads[0]
    cols = words[head]
    if mention["etype"] == "person" and cols[1].lower() in TITLES:
        return None  # "the 46th President of the United States"
    if cols[3] == "PROPN":
        pass
    elif mention["identity"] and cols[1][:1].isupper() and cols[3] not in ("PRON", "DET"):
        pass
    elif mention["identity"] and mention["etype"] == "person":
        # "LibriVox founder Hugh McGuire" is headed by "founder": take the last name.
        names = [i for i in inside if words[i][3] == "PROPN"]
        if not names:
            return None
        head = names[-1]
    else:
        return None
    # Grow the run of name words around the head; link words only between name words.
    lo = head
    while lo - 1 >= start and (_is_name_word(words[lo - 1]) or (
            words[lo - 1][1].lower() in NAME_LINKS and lo - 2 >= start
            and _is_name_word(words[lo - 2]) and words[lo - 1][1] not in ("'s", "’s"))):
        lo -= 1
    hi = head + 1
    while hi < end and (_is_name_word(words[hi]) or (
            words[hi][1].lower() in NAME_LINKS and hi + 1 < end and _is_name_word(words[hi + 1])
            and words[hi][1] not in ("'s", "’s"))):
        hi += 1
    if mention["etype"] == "person":
        while lo < head and (words[lo][1].lower() in TITLES or words[lo][3] != "PROPN"):
            lo += 1
    while lo < head and words[lo][1].lower() in NAME_LINKS:
        lo += 1
    return lo, hi, head


def gum_named_entities(words: list[list[str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) names of one GUM sentence. A name
    holding other names keeps them inside ("Comic Corps of Canada" is one ORG),
    except a person's name, which loses a name at its left edge ("US" of
    "US President Donald Trump" is LOC, "Donald Trump" PER)."""
    cands = set()
    for mention in gum_mentions(words):
        label = GUM_TYPES.get(mention["etype"])
        span = named_span(words, mention) if label else None
        if span:
            if label == "PER" and words[span[2]][4] == "NNPS":
                label = NORP  # a group ("the Arabs"), as UNER's OTH
            cands.add((span[0], span[1], label, span[2]))
    chosen: list[tuple[int, int, str]] = []
    # Shortest first; on the same span (a group that GUM also marks as an
    # organization: "the Mets"), the other label before NORP, then by name, so
    # that the choice does not depend on the order of the set.
    for s, e, label, head in sorted(cands, key=lambda c: (c[1] - c[0], c[0], c[2] == NORP,
                                                          c[2], c[3])):
        inner = [c for c in chosen if s <= c[0] and c[1] <= e]
        if label == "PER":
            for cs, ce, _ in sorted(inner):
                if cs == s and ce <= head:
                    s = ce
            while s < head and words[s][1].lower() in NAME_LINKS:
                s += 1
        else:
            chosen = [c for c in chosen if c not in inner]
        if s >= e or any(s < ce and cs < e for cs, ce, _ in chosen):
            continue
        chosen.append((s, e, label))
    return sorted(chosen)


def demonym_candidates(words: list[list[str]], ents: list[tuple[int, int, str]]) -> list[int]:
    """Capitalized adjectives outside the names ("Iraqi", "Christian"; not the
    first word, capitalized anyway): UNER would tag most as NORP, GUM tags none."""
    inside = {i for s, e, _ in ents for i in range(s, e)}
    return [i for i, cols in enumerate(words)
            if i > 0 and i not in inside and cols[3] == "ADJ" and cols[1][:1].isupper()]


def gum_docs(data: Path, split: str, vocab, stats: Counter,
             genre: str | None = None) -> list:
    docs = []
    for path in gum_documents(data, split):
        if genre and not path.name.startswith(f"GUM_{genre}_"):
            continue
        sents = []
        for _, lines in read_blocks(path):
            words = word_lines(lines)
            ents = gum_named_entities(words)
            missing = demonym_candidates(words, ents)
            stats.update(label for _, _, label in ents)
            stats["adjectives without NER"] += len(missing)
            sents.append(sentence_doc(vocab, lines, ents, missing))
        docs.extend(group_docs(sents))
    return docs


# -- build -------------------------------------------------------------------------

def build(data: Path, out: Path) -> dict[str, Path]:
    """Write every .spacy file into ``out``; returns {name: path}."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    data, out = Path(data), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    sets: dict[str, list] = {}
    for split in SPLITS:
        stats: Counter = Counter()
        sets[f"ewt-{split}"] = group_docs(ewt_sentence_docs(data, split, vocab, stats))
        say(f"EWT {split} + UNER: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
        stats = Counter()
        sets[f"gum-{split}"] = gum_docs(data, split, vocab, stats)
        say(f"GUM {split}: {len(gum_documents(data, split))} documents, named mentions "
            + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    sets["gum-test-news"] = gum_docs(data, "test", vocab, Counter(), genre="news")
    sets["train"] = sets["ewt-train"] + sets["gum-train"]
    sets["dev"] = sets["ewt-dev"] + sets["gum-dev"]
    paths = {}
    for name, docs in sets.items():
        path = out / f"{name}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(path)
        paths[name] = path
        say(f"{path}: {len(docs)} docs, {sum(len(d) for d in docs):,} words")
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data",
                        help="folder with ud-english-ewt, ud-english-gum, uner-english-ewt")
    parser.add_argument("--out", type=Path, default=HERE / "corpus")
    args = parser.parse_args(argv)
    missing = missing_inputs(args.data)
    if missing:
        print(f"error: {missing[0]} not found (--data must hold {EWT_DIR}, {GUM_DIR} "
              f"and {UNER_DIR})", file=sys.stderr)
        return 1
    build(args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

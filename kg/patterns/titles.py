"""Titles written before a person's name: "Turkish President X" (X leads
Turkey), "RSF commander X" (X leads the RSF), "Turkey's communications
director X" and "State Department spokeswoman X" (X is a member)."""
from .registry import Confidence, candidate, register

MAX_TITLE_WORDS = 5
#: Words inside a title that are not its head: "military spokesman", "foreign minister".
TITLE_POS = ("NOUN", "PROPN", "ADJ")
TITLE_JOINERS = frozenset({"-", "of", "in"})


@register("title", family="roles", relations=("commands", "memberOf"), methods=("title",))
def titles(context, sentence):
    """The title before a person's name relates the person to the actor named before the title."""
    for mention in context.index.within(sentence):
        if len(mention.actors) != 1 or context.cls(mention.actors[0]) != "Person":
            continue
        words, holder = _title_before(context, mention)
        if not words or holder is None:
            continue
        words = " ".join(w.lower_.rstrip(".") for w in words).replace(" - ", "-").split()
        if any(word in context.lexicon.titles["former"] for word in (*words, _word_before(context, holder))):
            continue
        found = _relation(context, words, holder)
        if found:
            relation, target = found
            yield candidate(mention.actors, relation, target, "title", Confidence.DIRECT)


def _title_before(context, mention):
    """(title tokens, the token just before the title) for a name, or ([], None)."""
    doc, sentence = context.doc, context.doc[mention.start].sent
    position, words = mention.start - 1, []
    while position >= sentence.start and len(words) < MAX_TITLE_WORDS:
        token = doc[position]
        # "commander-in-chief", "chief of staff": a hyphen or "of"/"in" inside a title, after one of its words.
        joining = words and token.lower_ in TITLE_JOINERS and position > sentence.start \
            and (doc[position - 1].pos_ in TITLE_POS or doc[position - 1].lower_ in TITLE_JOINERS)
        # A role word is one whatever its tag ("RSF strongman X" with "strongman" read as a verb).
        role_word = token.lower_ in context.lexicon.person_roles and token.is_lower
        if not joining and (context.mentioned(token) or (token.pos_ not in TITLE_POS and not role_word)
                            or context.dictionary.by_demonym(token.text)):
            break
        words.insert(0, token)
        position -= 1
    if position >= sentence.start and doc[position].lower_ in ("'s", "’s", "'"):
        position -= 1
    holder = doc[position] if position >= sentence.start else None
    return words, holder


def _word_before(context, holder):
    """The word before the actor the title belongs to: "former" in "former Iraqi Prime Minister"."""
    mention = context.index.at(holder)
    start = mention.start if mention is not None else holder.i
    return context.doc[start - 1].lower_ if start > holder.sent.start else ""


def _relation(context, words, holder):
    """(relation, target actors) a title states between its holder and the actor before it."""
    titles = context.lexicon.titles
    joiner = max((k for k, word in enumerate(words) if word == "of"), default=None)
    if joiner and all(word in context.lexicon.office_words for word in words[joiner + 1:]):
        words = words[:joiner]  # "Secretary of State", "Minister of Foreign Affairs": the title is the first part
    phrase = " ".join(words)
    head = words[-1]
    subordinate = any(word in titles["subordinate"] for word in words)
    mention = context.index.at(holder)
    entry = None if mention is not None else context.dictionary.by_demonym(holder.text)
    if mention is None and entry is None:
        return None
    if mention is not None:
        targets = [a for a in mention.actors if context.cls(a) != "Person"]
        if not targets:
            return None
        if not subordinate and _is_head(phrase, head, titles):
            return "commands", targets
        return ("memberOf", targets) if _is_member(phrase, head, titles) or subordinate else None
    government = entry.government or entry.id
    if not subordinate and _ends_with(phrase, head, titles["heads_of_state"]):
        return "commands", [entry.id]
    if not subordinate and _ends_with(phrase, head, titles["heads_of_government"] | {"leader", "supreme leader"}):
        return "commands", [government]
    if head in titles["ranks"] or not (_is_member(phrase, head, titles) or subordinate):
        return None
    return "memberOf", [government]


def _ends_with(phrase, head, titles):
    return head in titles or any(phrase.endswith(title) for title in titles if " " in title)


def _is_head(phrase, head, titles):
    return any(_ends_with(phrase, head, titles[key]) for key in ("heads_of_state", "heads_of_government", "heads"))


def _is_member(phrase, head, titles):
    return _ends_with(phrase, head, titles["members"])

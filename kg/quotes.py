"""Quoted spans of a text: straight or curly double quotes, a quote left open
running to the end of its paragraph, as the convention for quotes across
paragraphs is; curly single quotes in paragraphs that use no double ones."""
import re
from dataclasses import dataclass

OPENING, CLOSING, STRAIGHT = "“", "”", '"'


@dataclass
class Quote:
    start: int        # first character inside the marks
    end: int          # one past the last character inside the marks
    paragraph: int    # index of the paragraph (line) holding the opening mark
    mark_start: int
    mark_end: int
    closed: bool = True


def adjacent(first, second):
    """Quotes in the same or the next paragraph."""
    return second.paragraph - first.paragraph <= 1


def find_quotes(text):
    """Quoted spans in straight or curly double quotes. An unclosed quote runs
    to the end of its paragraph (the convention for quotes across paragraphs)."""
    quotes = []
    for number, (line_start, line) in enumerate(_paragraphs(text)):
        opened = None
        for offset, char in enumerate(line):
            position = line_start + offset
            if char == OPENING or (char == STRAIGHT and opened is None):
                if opened is not None:
                    quotes.append(_quote(text, opened, position, number, position))
                opened = position
            elif char in (CLOSING, STRAIGHT) and opened is not None:
                quotes.append(_quote(text, opened, position, number, position + 1))
                opened = None
        if opened is not None:
            end = line_start + len(line)
            quotes.append(_quote(text, opened, end, number, end, closed=False))
        if OPENING not in line and STRAIGHT not in line:
            quotes.extend(_single_quotes(text, line_start, line, number))
    return [quote for quote in quotes if re.search(r"\w", text[quote.start:quote.end])]


#: ‘…’ in a paragraph without double quotes (the British convention): the
#: opening mark starts a word; the closing one follows or precedes punctuation,
#: unlike an apostrophe ("don’t", "the rebels’ positions").
_SINGLE_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\w)(.+?)(?:(?<=[,.!?])’|’(?=[,.;:!?]))")


def _single_quotes(text, line_start, line, paragraph):
    for match in _SINGLE_QUOTE.finditer(line):
        opened, closed_at = line_start + match.start(), line_start + match.end(1)
        yield _quote(text, opened, closed_at, paragraph, line_start + match.end())


def _quote(text, opened, closed_at, paragraph, mark_end, closed=True):
    start, end = opened + 1, closed_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Quote(start, end, paragraph, opened, mark_end, closed)


def _paragraphs(text):
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, line
        position += len(line) + 1


def inside_mask(length, quotes):
    mask = bytearray(length + 1)
    for quote in quotes:
        for position in range(quote.mark_start, min(quote.mark_end, length)):
            mask[position] = 1
    return mask

"""Remove page furniture from scraped text while keeping character offsets.

Junk is overwritten with spaces (newlines kept), so the cleaned text has the
same length as the original and every offset found in it points into the
original document unchanged.
"""
import re
from functools import lru_cache
from importlib import resources

#: Words that almost every English sentence or headline of five words or more
#: contains; a capitalised line without any is a menu or a share bar.
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be has have had "
    "not no that this it its their his her after over into against amid".split()
)
MIN_MENU_WORDS = 4


@lru_cache(maxsize=1)
def boilerplate_patterns():
    """The boilerplate phrases shipped in kg/data/boilerplate.txt, compiled."""
    text = resources.files("kg").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    return tuple(re.compile(line, re.IGNORECASE | re.MULTILINE) for line in lines if line and not line.startswith("#"))


def clean_text(text):
    """The text with junk lines and boilerplate phrases blanked out."""
    chars = list(text)
    for pattern in boilerplate_patterns():
        for match in pattern.finditer(text):
            _blank(chars, match.start(), match.end())
    for start, end in _line_spans(text):
        line = "".join(chars[start:end])
        if line.strip() and is_junk_line(line):
            _blank(chars, start, end)
    return "".join(chars)


def is_junk_line(line):
    """True for a line with no sentence structure: markup, menus, share bars."""
    stripped = line.strip()
    if re.fullmatch(r"<[^>]*>(\s*<[^>]*>)*", stripped):
        return True
    if re.fullmatch(r"[\W_]+", stripped):
        return True
    words = re.findall(r"[A-Za-z][\w'’&-]*", stripped)
    if len(words) < MIN_MENU_WORDS or re.search(r"[.!?:;\"“”]$", stripped):
        return False
    if any(word in FUNCTION_WORDS for word in words):
        return False
    if not all(word[0].isupper() for word in words):
        return False
    # A Title Case headline capitalises its function words ("Are", "In") but
    # rarely repeats words; a share bar repeats ("Mail Mail", "Angle Down").
    lowered = [word.lower() for word in words]
    repeats = len(lowered) - len(set(lowered))
    return repeats >= 2 or not any(word in FUNCTION_WORDS for word in lowered)


def _line_spans(text):
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _blank(chars, start, end):
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def trim(text, start, end):
    """(start, end) narrowed past surrounding whitespace, for evidence spans."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

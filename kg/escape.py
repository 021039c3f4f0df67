"""Text from documents is data: the escapes it needs wherever kg renders it.

* `terminal_text`: control characters (C0, DEL, C1), bidirectional overrides
  and lone surrogates shown as visible `\\x1b` / `\\u202e` escapes, so an
  article cannot move the cursor, recolour or retitle a terminal, or hide text.
* `spreadsheet_cell`: a CSV/TSV cell that a spreadsheet would run as a formula
  gets a leading apostrophe (CSV injection); plain numbers are left alone.
* `xml_text`: characters that XML 1.0 forbids (most C0 controls, lone
  surrogates, U+FFFE, U+FFFF) replaced, so GraphML and GEXF files parse.
* `json_text`: JSON whose strings carry no raw C1 controls, bidirectional
  overrides or lone surrogates (they are written as \\uXXXX escapes).
"""
import json
import re

#: Characters a terminal acts on or that reorder what it shows.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The same, less the C0 controls and DEL that JSON itself escapes or allows.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: What XML 1.0 does not allow in a document at all.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_AS_SPACE = {"\x0b": " ", "\x0c": " "}

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _escape(char):
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text):
    """`text` safe to print: unsafe characters become visible escapes; tab,
    newline and carriage return too, so the result is always one line."""
    return _TERMINAL_UNSAFE.sub(lambda match: _escape(match.group()), str(text))


def terminal_lines(text):
    """Like terminal_text, but keeps newlines (for multi-line reports)."""
    return "\n".join(terminal_text(line) for line in str(text).split("\n"))


def spreadsheet_cell(text):
    """A CSV/TSV cell that no spreadsheet runs as a formula: a leading
    apostrophe (which spreadsheets hide) before =, +, -, @, tab or carriage
    return (OWASP's list), unless the cell is a plain number such as -1.5."""
    text = "" if text is None else str(text)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def xml_text(text):
    """`text` with the characters XML 1.0 forbids replaced: vertical tab and
    form feed by a space, the rest by U+FFFD."""
    return _XML_INVALID.sub(lambda match: _XML_AS_SPACE.get(match.group(), "\ufffd"), str(text))


def json_text(value, **options):
    """json.dumps(value, ensure_ascii=False) with C1 controls, bidirectional
    overrides and lone surrogates written as \\uXXXX: the same data, safe to
    show in a terminal and always encodable as UTF-8."""
    encoded = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


def surrogate_free(text):
    """`text` with lone surrogates (which UTF-8 cannot encode) as U+FFFD; the
    length, and so every character offset, is unchanged."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)

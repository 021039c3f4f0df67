"""Reading documents and removing page furniture while keeping offsets."""
import json

import pytest

from kg.clean import clean_text, is_junk_line
from kg.corpus import read_corpus
from kg.errors import InputError


def test_seed_directory_reads_five_documents_with_titles():
    documents = read_corpus(["seeds"])
    assert [d.id for d in documents] == sorted(d.id for d in documents)
    assert len(documents) == 5
    titles = {d.id: d.title for d in documents}
    assert titles["001_141b8c43e20b0c7f"] == "Kurdish and Iraqi forces clash for the rest of Kirkuk district"
    # The boilerplate glued in front of this headline is not part of the title.
    assert titles["002_1e608d78b459dcbc"].startswith("Trump Vows Not to")


def test_cleaning_keeps_length_and_offsets():
    text = ("<img src=\"https://tracker.example/px\">\nHeadline here\n\nReal sentence one.\n"
            "Comments are closed.Next Headline of Note\nFacebook Twitter Instagram Mail Mail Angle Down Angle Up\n")
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert "tracker" not in cleaned and "Comments are closed" not in cleaned and "Facebook" not in cleaned
    start = text.index("Real sentence")
    assert cleaned[start:start + 18] == "Real sentence one."
    assert "Next Headline of Note" in cleaned


@pytest.mark.parametrize("text, kept", [
    ("KYIV, Dec 3 (Reuters) - Ukraine's military said it struck a base.", "Ukraine's military said it struck a base."),
    ("SANAA, Yemen — Yemen's Iran-aligned Houthi rebels said so.", "Yemen's Iran-aligned Houthi rebels said so."),
    ("ERBIL (Kurdistan 24) – The SDF captured eight fighters.", "The SDF captured eight fighters."),
    ("BAGHDAD: Members of the group set a fire.", "Members of the group set a fire."),
    ("US forces said - as before - they would stay.", "US forces said - as before - they would stay."),
    ("UN: the council met.", "UN: the council met."),
])
def test_a_wire_dateline_is_blanked_and_the_sentence_kept(text, kept):
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned.strip() == kept


@pytest.mark.parametrize("line, blanked", [
    ("RELATED: Iraq's Kurdistan halts oil exports after pipeline dispute", True),
    ("Read more: Turkey strikes PKK targets", True),
    ("By Staff Writer", True),
    ("By Jane Smith and John Doe", True),
    ("Published: 12 July 2025 | Updated: 13 July 2025", True),
    ("Photo: Smoke rises from the oil field near Erbil. (AFP)", True),
    ("Share this article", True),
    ("By Monday the army had retaken the city.", False),
    ("Updated figures show the militia lost ground.", False),
])
def test_links_bylines_dates_and_captions_are_page_furniture(line, blanked):
    cleaned = clean_text(line)
    assert len(cleaned) == len(line)
    assert (cleaned.strip() == "") is blanked


def test_a_dateline_no_longer_splits_the_first_sentence():
    from tests.extraction_helpers import edges

    assert ("iran", "backs", "houthis") in edges(
        "Houthis claim attack on ship\n\nSANAA, Yemen — Yemen's Iran-aligned Houthi rebels said on Tuesday they "
        "had targeted a commercial vessel in the Red Sea with missiles and drones.")


@pytest.mark.parametrize("line, junk", [
    ("About Our People Legal Stuff Careers", True),
    ("Facebook Twitter Pinterest Linked In Menu Close Angle Down Angle Up Grid Grid", True),
    ("Two US Partners Fighting ISIS Are Now Fighting Each Other", False),
    ("Iraqi forces clash with Kurdish troops near strategic border with Syria", False),
    ("The Kurds voted for independence.", False),
])
def test_junk_lines_by_structure(line, junk):
    assert is_junk_line(line) is junk


def test_html_keeps_text_and_drops_scripts(tmp_path):
    page = tmp_path / "report.html"
    page.write_text("<html><head><title>Clashes in Kirkuk</title><style>p{}</style></head><body>"
                    "<script>var x = 'Iran backs nobody';</script><p>Iran backs the PMF.</p>"
                    "<p>Turkey &amp; Iran objected.</p></body></html>", encoding="utf-8")
    [document] = read_corpus([page])
    assert document.title == "Clashes in Kirkuk"
    assert "Iran backs the PMF." in document.text and "Turkey & Iran objected." in document.text
    assert "nobody" not in document.text and "p{}" not in document.text


def test_jsonl_records(tmp_path):
    records = tmp_path / "feed.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a1", "text": "Iran backs the PMF.", "title": "T", "url": "https://example.org/a1", "date": "2017-10-16"},
        {"id": "a2", "text": "Turkey objected."},
    ]), encoding="utf-8")
    first, second = read_corpus([records])
    assert (first.id, first.title, first.url, first.date) == ("a1", "T", "https://example.org/a1", "2017-10-16")
    assert second.id == "a2"


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02abc", "binary"),
    ("latin.txt", "Kurdish caf\xe9".encode("latin-1"), "not UTF-8"),
    ("broken.jsonl", b'{"id": "x", "text": "ok"}\n{not json', "broken.jsonl:2"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
])
def test_bad_files_raise_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_corpus([path])


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus([tmp_path / "nope"])

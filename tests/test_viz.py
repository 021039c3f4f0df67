"""The offline graph page (kg.viz, `kg viz`) as HTML: self-contained,
escaped, deterministic. tests/test_browser.py runs it in a real browser."""
import base64
import hashlib
import json
import math
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.graphio import load_graph
from kg.viz import CLASS_STYLES, render_html, script_json
from tests.fixtures.viz.synthetic import copied_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "viz" / "graph.ttl"
XSS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
PMF = "https://w3id.org/actor-kg/id/actor/pmf"
PESHMERGA = "https://w3id.org/actor-kg/id/actor/peshmerga"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def parse(html):
    tags = Tags()
    tags.feed(html)
    return tags


@pytest.fixture(scope="module")
def graph():
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def html(graph):
    return render_html(graph, title="Fixture graph")


def json_blocks(html):
    """The page's data and its evidence table."""
    blocks = {attrs.get("id"): json.loads(text) for attrs, text in parse(html).scripts
              if attrs.get("type") == "application/json"}
    assert sorted(blocks) == ["graph-data", "graph-evidence"]
    return blocks["graph-data"], blocks["graph-evidence"]


def page_data(html):
    return json_blocks(html)[0]


def test_nothing_is_fetched(html):
    tags = parse(html)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "data", "poster"):
            assert name not in attrs or not re.match(r"\s*(https?:)?//", attrs[name]), (tag, attrs)
    assert not [tag for tag, attrs in tags.tags if tag == "link"]
    assert not [attrs for attrs, _ in tags.scripts if "src" in attrs]
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html)
    assert "@import" not in html


def test_vis_network_is_inlined(html):
    scripts = parse(html).scripts
    # The data, the evidence table, vis-network (several hundred kB) and the
    # page's own script.
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/json", "application/json", None, None]
    assert len(scripts[2][1]) > 100_000 and "vis-network" in scripts[2][1]


def test_csp_allows_exactly_the_inline_scripts(html):
    tags = parse(html)
    [policy] = [attrs["content"] for tag, attrs in tags.tags
                if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy
    allowed = set(re.findall(r"'sha256-([^']+)'", policy))
    run = {base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
           for attrs, text in tags.scripts if "type" not in attrs}
    assert allowed == run


def test_legend_lists_classes_and_relations(html):
    for name in ("Militia", "State", "ArmedForce", "Person", "Government", "GovernmentAgency",
                 "NonStateArmedGroup", "PoliticalParty", "InternationalOrganization"):
        assert re.search(rf"</svg>\s*{name}<span class=\"count\">", html), name
    for relation in ("backs", "opposes", "commands", "memberOf", "partOf"):
        assert f'<input type="checkbox" value="{relation}" checked>' in html


def test_untrusted_text_appears_only_escaped(graph):
    html = render_html(graph, title="Report on " + XSS[0] + XSS[1])
    for raw in XSS:
        assert raw not in html
    assert "<title>Report on &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html
    # Only the page's own four scripts: nothing from the data became markup.
    assert len(parse(html).scripts) == 4
    assert not [tag for tag, _ in parse(html).tags if tag == "img"]


def test_same_graph_gives_same_bytes(graph, html):
    assert render_html(graph, title="Fixture graph") == html
    # The same triples parsed in another order.
    lines = graph.serialize(format="nt").splitlines()
    random.Random(3).shuffle(lines)
    shuffled = Graph().parse(data="\n".join(lines), format="nt")
    assert render_html(shuffled, title="Fixture graph") == html


def evidence_of(html, edge_id):
    """An edge's evidence rows, looked up as the page does."""
    data, table = json_blocks(html)
    index = [e["id"] for e in data["edges"]].index(edge_id)
    documents = table["documents"]
    return [{"text": table["strings"][row[0]], "doc": documents[row[1]] if row[1] >= 0 else None,
             "start": row[2], "end": row[3], "confidence": row[4],
             "method": table["strings"][row[5]] if row[5] >= 0 else None} for row in table["edges"][index]]


def test_data_has_one_edge_per_relation_type_with_all_evidence(html):
    data = page_data(html)
    assert len(data["nodes"]) == 17
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {PMF, PESHMERGA}]
    assert sorted(data["edgeInfo"][e["id"]]["relation"] for e in between) == ["backs", "opposes"]
    iran_backs = "https://w3id.org/actor-kg/id/actor/iran backs " + PMF
    assert data["edgeInfo"][iran_backs]["sentences"] == 2
    evidence = evidence_of(html, iran_backs)
    assert [item["doc"][1] for item in evidence] == ["000_a5b7b3bba9f787a8", "001_141b8c43e20b0c7f"]
    assert evidence[1]["doc"][2] == "Kurdish and Iraqi forces clash for the rest of Kirkuk district"
    assert evidence[0]["text"] == "The largely Shia Muslim PMF is directly supported by the Iranian government."
    assert evidence[0]["method"] == "passive-agent"
    attacks = data["edgeInfo"]["https://w3id.org/actor-kg/id/actor/islamic-state opposes " + PESHMERGA]
    assert attacks["predicates"] == ["attacks"]
    assert all(e["arrows"] == "to" for e in data["edges"])
    # Dashed: the relation without a supporting sentence.
    assert [e["id"].rsplit("/", 1)[-1] for e in data["edges"] if e["dashes"]] == ["iraqi-government"]
    # Colour and shape by class (vis-network groups), size by degree; the
    # labels are painted by the page, not drawn by vis-network.
    pmf = next(n for n in data["nodes"] if n["id"] == PMF)
    un = next(n for n in data["nodes"] if n["id"].endswith("/united-nations"))
    groups = data["options"]["groups"]
    assert (groups[pmf["group"]]["shape"], groups[un["group"]]["shape"]) == ("triangleDown", "star")
    assert pmf["size"] > un["size"]
    assert all(set(node) == {"id", "group", "size"} for node in data["nodes"])
    assert data["nodeInfo"][PMF] == {"names": ["Popular Mobilization Forces", "Hashd al-Shaabi", "Hashd al-Shabi", "PMF"],
                                     "cls": "Militia", "degree": 5, "statements": 0}


def test_statements_are_in_the_evidence_table(html):
    data, table = json_blocks(html)
    abadi = "https://w3id.org/actor-kg/id/actor/haider-al-abadi"
    assert data["nodeInfo"][abadi]["statements"] == 1
    [[text, kind, document, mentions]] = table["statements"][abadi]
    assert table["strings"][text] == "the Iraqi government would not negotiate with the Kurds over the referendum"
    assert table["strings"][kind] == "indirect"
    assert [data["nodes"][index]["id"].rsplit("/", 1)[-1] for index in mentions] == ["iraqi-government"]


def test_counts_are_edges_sentences_and_standing_facts(html):
    data = page_data(html)
    assert data["counts"]["text"] == "15 edges: 14 stated in 15 sentences, 1 standing fact from the actor dictionary"
    assert '<p class="counts" id="relation-counts">15 edges: 14 stated in 15 sentences, 1 standing fact' in html
    # The legend counts edges too: one per (source, relation, target).
    assert re.search(r'value="opposes" checked>.*?opposes<span class="count">6</span>', html, re.S)


def lab(colour):
    """CIELAB of an sRGB '#rrggbb'."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_classes_with_one_shape_have_clearly_different_colours():
    by_shape = {}
    for cls, (colour, shape) in CLASS_STYLES.items():
        by_shape.setdefault(shape, []).append((cls, colour))
    for shape, styles in by_shape.items():
        for i, (a, colour_a) in enumerate(styles):
            for b, colour_b in styles[i + 1:]:
                assert math.dist(lab(colour_a), lab(colour_b)) > 30, (shape, a, b)
    # State and Government were two greens on the seed page.
    assert math.dist(lab(CLASS_STYLES["State"][0]), lab(CLASS_STYLES["Government"][0])) > 40


def test_evidence_is_stored_once_and_the_page_stays_small(graph):
    """As for 2,000 reprinted documents: each sentence once in the page, each
    supporting sentence a short row of numbers (the page that repeated every
    sentence per edge and document was 11.6 MB for 2,000 documents)."""
    copies = copied_corpus(graph, 400)
    html = render_html(copies, title="Copies")
    data, table = json_blocks(html)
    sentence = "The largely Shia Muslim PMF is directly supported by the Iranian government."
    assert html.count(sentence) == 1
    iran_backs = "https://w3id.org/actor-kg/id/actor/iran backs " + PMF
    assert len(evidence_of(html, iran_backs)) == 2 * 400
    assert data["counts"]["sentences"] == 15 * 400
    assert len(table["documents"]) == 2 * 400
    evidence_block = len(script_json(table).encode())
    assert evidence_block < 60 * data["counts"]["sentences"] + 200 * len(table["documents"])
    assert len(html.encode()) < 1_500_000
    # The small page does not grow by more than its own evidence.
    assert len(render_html(graph, title="Copies").encode()) < 800_000


def test_physics_stabilises_then_stops(html):
    options = page_data(html)["options"]
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] > 0
    assert isinstance(options["layout"]["randomSeed"], int)
    page_script = parse(html).scripts[3][1]
    assert 'network.once("stabilizationIterationsDone", layoutDone)' in page_script
    layout_done = page_script[page_script.index("function layoutDone"):]
    assert layout_done.index("physics: { enabled: false }") < layout_done.index("}")


def test_kg_viz_writes_the_page(tmp_path):
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(FIXTURE.read_bytes())
    result = CliRunner().invoke(cli, ["viz", str(graph_file)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<title>Actor graph: graph.ttl</title>" in page
    result = CliRunner().invoke(cli, ["viz", str(graph_file), "-o", str(tmp_path / "out" / "x.html"),
                                      "--title", "Kirkuk"])
    assert result.exit_code == 0 and "<title>Kirkuk</title>" in (tmp_path / "out" / "x.html").read_text()


def test_kg_viz_errors_are_one_line_and_keep_old_output(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    output = tmp_path / "graph.html"
    output.write_text("earlier page", encoding="utf-8")
    for arguments in (["viz", str(broken), "-o", str(output)], ["viz", str(tmp_path / "missing.ttl"), "-o", str(output)]):
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert "Traceback" not in result.output
    assert output.read_text(encoding="utf-8") == "earlier page"


def test_kg_viz_help_shows_an_example():
    result = CliRunner().invoke(cli, ["viz", "--help"])
    assert "Example:\n    kg viz out/graph.ttl -o out/graph.html\n" in result.output


def test_build_summary_and_page_count_relations_alike():
    """`kg build` prints the page's words and numbers: edges, the sentences
    that state them and standing facts from the dictionary (a fact that a
    sentence also states is one stated edge, not two)."""
    from kg.graph import build_graph
    from kg.pipeline import summary
    from kg.records import Actor, Document, Extraction, Relation

    text = "Iran backs the PMF and the PMF fights IS. Iran funds the PMF."
    extraction = Extraction(
        documents=[Document("d1", text, title="One")],
        actors={a.id: a for a in (Actor("iran", "Iran", "State"), Actor("pmf", "PMF", "Militia"),
                                  Actor("is", "IS", "NonStateArmedGroup"), Actor("un", "UN", "InternationalOrganization"))},
        relations=[
            # One sentence stating two relations, and a second sentence for the first.
            Relation("iran", "backs", "pmf", "d1", text[:40], 0, 40, 0.9, "svo"),
            Relation("pmf", "opposes", "is", "d1", text[:40], 0, 40, 0.9, "svo"),
            Relation("iran", "backs", "pmf", "d1", text[41:], 41, len(text), 0.9, "svo"),
        ],
        facts=[("iran", "backs", "pmf", "dictionary"), ("un", "opposes", "is", "dictionary"),
               ("pmf", "partOf", "iran", "dictionary")],
    )
    words = "4 edges: 2 stated in 2 sentences, 2 standing facts from the actor dictionary"
    lines = summary(extraction).splitlines()
    assert f"relations   {words}" in lines
    assert "            by type: backs 1, opposes 2, commands 0, memberOf 0, partOf 1" in lines
    html = render_html(build_graph(extraction))
    assert page_data(html)["counts"]["text"] == words
    assert f'id="relation-counts">{words}</p>' in html
    for relation, count in (("backs", 1), ("opposes", 2), ("partOf", 1)):
        assert re.search(rf'value="{relation}" checked>.*?{relation}<span class="count">{count}</span>', html, re.S)

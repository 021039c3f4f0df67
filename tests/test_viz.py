"""The offline graph page (kg.viz, `kg viz`) as HTML: self-contained,
escaped, deterministic. tests/test_browser.py runs it in a real browser."""
import base64
import hashlib
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.graphio import load_graph
from kg.viz import render_html

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


def page_data(html):
    scripts = [text for attrs, text in parse(html).scripts if attrs.get("type") == "application/json"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


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
    # The data, vis-network (several hundred kB) and the page's own script.
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/json", None, None]
    assert len(scripts[1][1]) > 100_000 and "vis-network" in scripts[1][1]


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
    # Only the page's own three scripts: nothing from the data became markup.
    assert len(parse(html).scripts) == 3
    assert not [tag for tag, _ in parse(html).tags if tag == "img"]


def test_same_graph_gives_same_bytes(graph, html):
    assert render_html(graph, title="Fixture graph") == html
    # The same triples parsed in another order.
    lines = graph.serialize(format="nt").splitlines()
    random.Random(3).shuffle(lines)
    shuffled = Graph().parse(data="\n".join(lines), format="nt")
    assert render_html(shuffled, title="Fixture graph") == html


def test_data_has_one_edge_per_relation_type_with_all_evidence(html):
    data = page_data(html)
    assert len(data["nodes"]) == 17
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {PMF, PESHMERGA}]
    assert sorted(data["edgeInfo"][e["id"]]["relation"] for e in between) == ["backs", "opposes"]
    iran_backs = data["edgeInfo"]["https://w3id.org/actor-kg/id/actor/iran backs " + PMF]
    assert [item["doc"].rsplit("/", 1)[-1] for item in iran_backs["evidence"]] == [
        "000_a5b7b3bba9f787a8", "001_141b8c43e20b0c7f"]
    assert data["documents"][iran_backs["evidence"][1]["doc"]]["title"] == (
        "Kurdish and Iraqi forces clash for the rest of Kirkuk district")
    attacks = data["edgeInfo"]["https://w3id.org/actor-kg/id/actor/islamic-state opposes " + PESHMERGA]
    assert attacks["predicates"] == ["attacks"]
    assert all(e["arrows"] == "to" for e in data["edges"])
    # Dashed: the relation without a supporting sentence.
    assert [e["id"].rsplit("/", 1)[-1] for e in data["edges"] if e["dashes"]] == ["iraqi-government"]
    # Colour and shape by class, size by degree.
    pmf = next(n for n in data["nodes"] if n["id"] == PMF)
    un = next(n for n in data["nodes"] if n["id"].endswith("/united-nations"))
    assert (pmf["shape"], un["shape"]) == ("triangleDown", "star")
    assert pmf["size"] > un["size"]
    assert data["nodeInfo"][PMF] == {"names": ["Popular Mobilization Forces", "Hashd al-Shaabi", "Hashd al-Shabi", "PMF"],
                                     "cls": "Militia", "degree": 5, "statements": []}


def test_physics_stabilises_then_stops(html):
    options = page_data(html)["options"]
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] > 0
    assert isinstance(options["layout"]["randomSeed"], int)
    page_script = parse(html).scripts[2][1]
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

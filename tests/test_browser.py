"""The graph page in a real, offline chromium (fixtures in conftest.py): it
draws, filters, finds actors by alias, lays out 500 actors, and runs no script
that a document smuggled in."""
import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from kg.graphio import load_graph
from kg.namespaces import ACTOR_CLASSES, KG, KGR, RELATIONS, bind_prefixes
from kg.viz import render_html

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "viz" / "graph.ttl"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
PMF = "https://w3id.org/actor-kg/id/actor/pmf"
XSS_ACTOR = "https://w3id.org/actor-kg/id/actor/xss-brigade"
XSS_EDGE = f"{XSS_ACTOR} opposes https://w3id.org/actor-kg/id/actor/united-nations"

# Runs before any page script: records what an injected script would do.
RECORD_ALERTS = """
window.__alerts = [];
window.alert = function (message) { window.__alerts.push(String(message)); };
"""


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(render_html(load_graph(FIXTURE), title="Fixture graph"), encoding="utf-8")
    return path


def open_page(page, path, timeout=60_000):
    page.add_init_script(RECORD_ALERTS)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-stabilized=true]", timeout=timeout)


def dom_position(page, node_id):
    """Where a node is drawn, in page coordinates."""
    return page.evaluate("""id => {
        const net = kgGraph.network, box = document.getElementById("network").getBoundingClientRect();
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        return {x: box.left + at.x, y: box.top + at.y};
    }""", node_id)


def edge_position(page, edge_id):
    """The middle of an edge's curve, in page coordinates."""
    return page.evaluate("""id => {
        const net = kgGraph.network, box = document.getElementById("network").getBoundingClientRect();
        const at = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
        return {x: box.left + at.x, y: box.top + at.y};
    }""", edge_id)


def drawn_pixels(page):
    """How many canvas pixels are not background."""
    return page.evaluate("""() => {
        const canvas = document.querySelector("#network canvas");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
        return drawn;
    }""")


def test_page_draws_offline_and_click_shows_details(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    counts = page.evaluate("""() => [kgGraph.network.body.data.nodes.length,
        kgGraph.network.body.data.edges.length, kgGraph.network.physics.options.enabled]""")
    assert counts == [17, 15, False]
    assert drawn_pixels(page) > 5000
    position = dom_position(page, PMF)
    page.mouse.click(position["x"], position["y"])
    details = page.locator("#details")
    assert details.locator("h3").inner_text() == "Popular Mobilization Forces"
    assert "Hashd al-Shaabi; Hashd al-Shabi; PMF" in details.inner_text()
    assert "Militia" in details.inner_text()
    # A relation lists every evidence sentence with its document.
    details.get_by_role("button", name="Iran backs Popular Mobilization Forces (2)").click()
    evidence = details.locator("ol > li")
    assert evidence.count() == 2
    assert "Kurdish and Iraqi forces clash for the rest of Kirkuk district" in evidence.nth(1).inner_text()
    assert "(001_141b8c43e20b0c7f)" in evidence.nth(1).inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert page.errors == []


def test_relation_filter_hides_other_relations(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    for relation in ("opposes", "commands", "memberOf", "partOf"):
        page.locator(f"#relation-filter input[value={relation}]").uncheck()
    shown = page.evaluate("""() => kgGraph.network.body.data.edges.get().map(
        edge => edge.id.split(" ")[1])""")
    assert shown == ["backs"] * 3
    page.locator("#relation-filter input[value=opposes]").check()
    shown = page.evaluate("() => kgGraph.network.body.data.edges.get().map(edge => edge.id.split(' ')[1])")
    assert sorted(set(shown)) == ["backs", "opposes"] and len(shown) == 9
    assert page.errors == []


def test_search_finds_an_actor_by_alias(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    page.locator("#search-input").fill("hashd AL-shaabi")
    page.locator("#search-input").press("Enter")
    assert page.evaluate("() => kgGraph.network.getSelectedNodes()") == [PMF]
    assert page.locator("#details h3").inner_text() == "Popular Mobilization Forces"
    page.locator("#search-input").fill("no such actor")
    page.locator("#search-input").press("Enter")
    assert page.locator("#status").inner_text() == "No actor named \u201cno such actor\u201d"
    assert page.errors == []


def test_markup_in_documents_is_shown_not_run(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    position = dom_position(page, XSS_ACTOR)
    page.mouse.move(position["x"] - 30, position["y"] - 30)
    page.mouse.move(position["x"], position["y"], steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert "Brigade <img src=x onerror=alert(1)>" in tooltip.inner_text()
    assert "Also: <script>alert(1)</script>" in tooltip.inner_text()
    page.mouse.click(position["x"], position["y"])
    details = page.locator("#details")
    assert details.locator("h3").inner_text() == "Brigade <img src=x onerror=alert(1)>"
    assert "<script>alert(1)</script> we reject <img src=x onerror=alert(1)> all talks" in details.inner_text()
    position = edge_position(page, XSS_EDGE)
    page.mouse.click(position["x"], position["y"])
    assert "condemned the UN </script><script>alert(1)</script> mission." in details.inner_text()
    assert page.evaluate("() => window.__alerts") == []
    assert page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("() => document.scripts.length") == 3
    assert page.errors == []


def generated_graph(size=500, relations=900, seed=1):
    """A synthetic graph of `size` actors of every class."""
    rng = random.Random(seed)
    graph = bind_prefixes(Graph())
    document = KGR["doc/generated"]
    graph.add((document, RDF.type, KG.Document))
    actors = [KGR[f"actor/a{i:03d}"] for i in range(size)]
    for i, actor in enumerate(actors):
        graph.add((actor, RDF.type, KG[ACTOR_CLASSES[i % len(ACTOR_CLASSES)]]))
        graph.add((actor, SKOS.prefLabel, Literal(f"Actor {i}", lang="en")))
    for j in range(relations):
        source, target = rng.sample(actors, 2)
        relation = KG[rng.choice(RELATIONS)]
        assertion = KGR[f"assertion/g{j}"]
        graph.add((source, relation, target))
        for predicate, value in ((RDF.type, KG.Assertion), (RDF.subject, source), (RDF.predicate, relation),
                                 (RDF.object, target), (KG.evidence, Literal(f"Sentence {j}.")),
                                 (PROV.wasDerivedFrom, document)):
            graph.add((assertion, predicate, value))
    return graph


def test_500_actors_render_and_stabilise(offline_page, tmp_path):
    page = offline_page
    path = tmp_path / "large.html"
    path.write_text(render_html(generated_graph(), title="500 actors"), encoding="utf-8")
    open_page(page, path, timeout=120_000)
    counts = page.evaluate("""() => [kgGraph.network.body.data.nodes.length,
        kgGraph.network.physics.options.enabled]""")
    assert counts == [500, False]
    assert drawn_pixels(page) > 5000
    page.locator("#search-input").fill("actor 417")
    page.locator("#search-input").press("Enter")
    assert page.evaluate("() => kgGraph.network.getSelectedNodes()") == [f"{KGR}actor/a417"]
    assert page.errors == []


def test_empty_graph_page_says_so(offline_page, tmp_path):
    page = offline_page
    path = tmp_path / "empty.html"
    path.write_text(render_html(Graph(), title="Nothing"), encoding="utf-8")
    open_page(page, path)
    assert page.locator("#status").inner_text() == "No actors in this graph"
    assert page.errors == []

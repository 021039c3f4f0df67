"""The graph page in a real, offline chromium (fixtures in conftest.py): it
draws, filters, finds actors by alias, focuses on a neighbourhood, thins out
by degree, puts actors without relations aside, labels the most connected
actors readably at the first fit (50 and 500 actors), loads evidence when an
edge is clicked, and runs no script that a document smuggled in.

Screenshots go to test-artifacts/ for a person to look at."""
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from kg.graphio import actor_nodes, load_graph
from kg.namespaces import KGR
from kg.subgraph import relation_edges
from kg.viz import render_html
from tests.fixtures.viz.synthetic import actor_graph, copied_corpus

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "viz" / "graph.ttl"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
PMF = "https://w3id.org/actor-kg/id/actor/pmf"
PESHMERGA = "https://w3id.org/actor-kg/id/actor/peshmerga"
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


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    """500 synthetic actors: a few hubs, many with one or two relations, 40 without any."""
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(render_html(actor_graph(500), title="500 actors"), encoding="utf-8")
    return path


def open_page(page, path, timeout=60_000):
    page.add_init_script(RECORD_ALERTS)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-stabilized=true]", timeout=timeout)


def settle(page):
    """Wait until an animated move of the view (focus, fit) has finished."""
    page.wait_for_selector("body:not([data-moving])", state="attached")


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def degrees(graph):
    count = Counter({node: 0 for node in actor_nodes(graph)})
    for edge in relation_edges(graph):
        count[edge.source] += 1
        count[edge.target] += 1
    return {str(node): n for node, n in count.items()}


def shown_nodes(page):
    return set(page.evaluate("() => kgGraph.visibleNodes.getIds()"))


def positions(page):
    return page.evaluate("() => kgGraph.network.getPositions()")


def overlapping(labels):
    """Pairs of drawn labels whose boxes overlap."""
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]


def dom_position(page, node_id):
    """Where a node is drawn, in page coordinates."""
    return page.evaluate("""id => {
        const net = kgGraph.network, box = document.getElementById("network").getBoundingClientRect();
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        return {x: box.left + at.x, y: box.top + at.y};
    }""", node_id)


def edge_position(page, edge_id):
    """A point of an edge's curve, near its middle, where a click finds the
    edge (not a node drawn over it), in page coordinates."""
    return page.evaluate("""id => {
        const net = kgGraph.network, box = document.getElementById("network").getBoundingClientRect();
        for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
            const at = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
            const clear = [[0, 0], [-8, -8], [8, -8], [-8, 8], [8, 8]].every(
                ([dx, dy]) => net.getNodeAt({x: at.x + dx, y: at.y + dy}) === undefined);
            if (clear && net.getEdgeAt(at) === id) return {x: box.left + at.x, y: box.top + at.y};
        }
        throw new Error("no clear point on " + id);
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
    settle(page)
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
    screenshot(page, "graph.png")
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
    settle(page)
    details = page.locator("#details")
    assert details.locator("h3").inner_text() == "Brigade <img src=x onerror=alert(1)>"
    assert "<script>alert(1)</script> we reject <img src=x onerror=alert(1)> all talks" in details.inner_text()
    position = edge_position(page, XSS_EDGE)
    page.mouse.click(position["x"], position["y"])
    assert "condemned the UN </script><script>alert(1)</script> mission." in details.inner_text()
    assert page.evaluate("() => window.__alerts") == []
    assert page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("() => document.scripts.length") == 4
    assert page.errors == []


def test_500_actors_render_and_stabilise(offline_page, large_page):
    page = offline_page
    open_page(page, large_page, timeout=120_000)
    counts = page.evaluate("""() => [kgGraph.network.body.data.nodes.length,
        kgGraph.network.physics.options.enabled]""")
    assert counts == [500, False]
    assert drawn_pixels(page) > 5000
    page.locator("#search-input").fill("Republic of Halabja")
    page.locator("#search-input").press("Enter")
    [found] = page.evaluate("() => kgGraph.network.getSelectedNodes()")
    assert page.evaluate("id => kgGraph.nodes.get(id)", found)["id"] == found
    assert page.locator("#details h3").inner_text() == "Republic of Halabja"
    assert page.errors == []


def test_labels_of_the_top_actors_are_readable_at_the_first_fit(offline_page, large_page):
    page = offline_page
    open_page(page, large_page, timeout=120_000)
    screenshot(page, "graph-500.png")
    labels = page.evaluate("() => kgGraph.labels()")
    assert page.evaluate("() => kgGraph.network.getScale()") < 0.5  # 9 px or less for vis-network's labels
    drawn = {label["id"]: label for label in labels}
    by_degree = sorted(degrees(actor_graph(500)).items(), key=lambda item: (-item[1], item[0]))
    top = [node for node, _ in by_degree[:10]]
    assert set(top) <= set(drawn), [node for node in top if node not in drawn]
    assert all(drawn[node]["px"] >= 13 for node in top)
    assert len(labels) >= 60 and all(label["px"] >= 12 for label in labels)
    assert overlapping(labels) == []
    box = page.locator("#network").bounding_box()
    assert all(0 <= label["x1"] and label["x2"] <= box["width"] and 0 <= label["y1"] and label["y2"] <= box["height"]
               for label in labels)
    # Zooming in shows more names, never smaller ones.
    page.evaluate("() => kgGraph.network.moveTo({scale: kgGraph.network.getScale() * 3})")
    page.wait_for_timeout(100)
    zoomed = page.evaluate("() => kgGraph.labels()")
    assert overlapping(zoomed) == [] and all(label["px"] >= 12 for label in zoomed)
    assert page.errors == []


def test_every_label_shows_at_the_first_fit_of_a_small_graph(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    labels = page.evaluate("() => kgGraph.labels()")
    assert len(labels) == 17 and overlapping(labels) == []
    assert min(label["px"] for label in labels) >= 12
    assert {label["text"] for label in labels} >= {"Popular Mobilization Forces", "United Nations", "Iran",
                                                   "Iraqi government", "Brigade <img src=x onerror=alert(1)>"}
    assert page.errors == []


def isolated_outside_the_rest(page, graph):
    degree = degrees(graph)
    isolated = {node for node, n in degree.items() if n == 0}
    at = positions(page)
    rest = [at[node] for node in degree if node not in isolated]
    left, right = min(p["x"] for p in rest), max(p["x"] for p in rest)
    top, bottom = min(p["y"] for p in rest), max(p["y"] for p in rest)
    inside = [node for node in isolated if left <= at[node]["x"] <= right and top <= at[node]["y"] <= bottom]
    return isolated, inside


def test_actors_without_relations_are_put_aside(offline_page, fixture_page, large_page):
    page = offline_page
    open_page(page, fixture_page)
    isolated, inside = isolated_outside_the_rest(page, load_graph(FIXTURE))
    assert isolated == {f"{KGR}actor/united-states"} and inside == []
    assert "United States" in {label["text"] for label in page.evaluate("() => kgGraph.labels()")}
    open_page(page, large_page, timeout=120_000)
    isolated, inside = isolated_outside_the_rest(page, actor_graph(500))
    assert len(isolated) == 40 and inside == []
    assert page.errors == []


def test_clicking_an_actor_shows_only_its_neighbourhood(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    before = positions(page)
    position = dom_position(page, PMF)
    page.mouse.click(position["x"], position["y"])
    settle(page)
    neighbours = {str(e.target if str(e.source) == PMF else e.source)
                  for e in relation_edges(load_graph(FIXTURE)) if PMF in (str(e.source), str(e.target))}
    assert len(neighbours) == 4
    assert shown_nodes(page) == neighbours | {PMF}
    shown_edges = page.evaluate("() => kgGraph.visibleEdges.get().map(edge => [edge.from, edge.to])")
    assert shown_edges and all(set(pair) <= neighbours | {PMF} for pair in shown_edges)
    assert page.locator("#status").inner_text() == "Popular Mobilization Forces and 4 neighbours"
    assert page.locator("#show-all").is_visible()
    screenshot(page, "graph-focus.png")
    # Another actor of the neighbourhood moves the focus there.
    position = dom_position(page, PESHMERGA)
    page.mouse.click(position["x"], position["y"])
    settle(page)
    assert PESHMERGA in shown_nodes(page) and PMF in shown_nodes(page)
    assert page.evaluate("() => kgGraph.network.getSelectedNodes()") == [PESHMERGA]
    # Show all brings everyone back where they were.
    page.locator("#show-all").click()
    settle(page)
    assert len(shown_nodes(page)) == 17 and not page.locator("#show-all").is_visible()
    after = positions(page)
    assert all(abs(after[n]["x"] - before[n]["x"]) <= 1 and abs(after[n]["y"] - before[n]["y"]) <= 1 for n in before)
    # So does Escape.
    page.evaluate("id => kgGraph.focusOn(id)", PMF)
    assert len(shown_nodes(page)) == 5
    page.locator("#network").press("Escape")
    assert len(shown_nodes(page)) == 17
    assert page.errors == []


def test_the_slider_hides_actors_with_fewer_relations(offline_page, fixture_page, large_page):
    page = offline_page
    open_page(page, fixture_page)
    degree = degrees(load_graph(FIXTURE))
    slider = page.locator("#min-degree")
    assert slider.get_attribute("max") == "5"
    slider.fill("2")
    assert shown_nodes(page) == {node for node, n in degree.items() if n >= 2}
    assert page.locator("#min-degree-value").inner_text() == "2"
    assert page.locator("#shown-count").inner_text() == f"{len(shown_nodes(page))} of 17 actors shown."
    edges = page.evaluate("() => kgGraph.visibleEdges.get().map(edge => [edge.from, edge.to])")
    assert all(degree[a] >= 2 and degree[b] >= 2 for a, b in edges)
    slider.fill("0")
    assert len(shown_nodes(page)) == 17
    open_page(page, large_page, timeout=120_000)
    degree = degrees(actor_graph(500))
    page.locator("#min-degree").fill("8")
    settle(page)
    assert shown_nodes(page) == {node for node, n in degree.items() if n >= 8}
    # Fewer actors, fitted again: nearly all of them named.
    labelled = {label["id"] for label in page.evaluate("() => kgGraph.labels()")}
    assert labelled <= shown_nodes(page) and len(labelled) >= 0.8 * len(shown_nodes(page))
    screenshot(page, "graph-500-min8.png")
    assert page.errors == []


def test_evidence_is_loaded_when_an_edge_is_clicked(offline_page, fixture_page):
    page = offline_page
    open_page(page, fixture_page)
    assert page.evaluate("() => kgGraph.evidenceLoaded()") is False
    edge = f"{KGR}actor/iran backs {PMF}"
    position = edge_position(page, edge)
    page.mouse.click(position["x"], position["y"])
    details = page.locator("#details")
    assert details.locator("h3").inner_text() == "Iran backs Popular Mobilization Forces"
    evidence = details.locator("ol > li")
    assert evidence.count() == 2
    assert "The largely Shia Muslim PMF is directly supported by the Iranian government." in evidence.nth(0).inner_text()
    assert "“Iran-backed militias move on Kirkuk” (000_a5b7b3bba9f787a8) 2017-10-16" in evidence.nth(0).inner_text()
    assert "confidence 0.9 · passive-agent" in evidence.nth(0).inner_text()
    assert page.evaluate("() => kgGraph.evidenceLoaded()") is True
    assert page.errors == []


def test_a_sentence_reprinted_in_many_documents_is_shown_once(offline_page, tmp_path):
    page = offline_page
    path = tmp_path / "copies.html"
    path.write_text(render_html(copied_corpus(load_graph(FIXTURE), 5), title="Copies"), encoding="utf-8")
    open_page(page, path)
    page.evaluate("id => kgGraph.selectEdge(id)", f"{KGR}actor/iran backs {PMF}")
    evidence = page.locator("#details ol > li")
    assert evidence.count() == 2
    first = evidence.nth(0)
    assert "in 5 documents" in first.inner_text()
    assert first.locator(".source").count() == 1 + 2 * 3
    first.get_by_role("button", name="and 2 more").click()
    assert first.locator(".source").count() == 1 + 2 * 5
    assert "(000_a5b7b3bba9f787a8-copy4)" in first.inner_text()
    assert page.errors == []


def test_empty_graph_page_says_so(offline_page, tmp_path):
    page = offline_page
    path = tmp_path / "empty.html"
    path.write_text(render_html(Graph(), title="Nothing"), encoding="utf-8")
    open_page(page, path)
    assert page.locator("#status").inner_text() == "No actors in this graph"
    assert page.errors == []

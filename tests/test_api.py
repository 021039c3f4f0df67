"""The documented library API: `from kg import ...` builds, reads, queries,
selects, renders and validates without the CLI."""
import subprocess
import sys

import kg


def test_every_public_name_resolves():
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_importing_kg_does_not_load_spacy():
    code = "import sys, kg; kg.load_graph; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_build_query_select_render_validate(tmp_path):
    corpus = tmp_path / "story.txt"
    corpus.write_text("Iran-backed Kata'ib Hezbollah shelled the base overnight.\n", encoding="utf-8")
    build = kg.build_corpus([str(corpus)])
    path = tmp_path / "graph.ttl"
    kg.write_graph(build.graph, str(path))
    graph = kg.load_graph(str(path))
    result = kg.run_named_query(graph, "backers", {"actor": "Kataib Hezbollah"})
    assert any("Iran" in str(value) for row in result.rows for value in row)
    assert len(kg.select_subgraph(graph, actor="Iran", hops=1)) > 0
    assert "Iran" in kg.render_html(graph)
    assert kg.validate_graph(graph).conforms


def test_actor_mentions_component_puts_spans_on_the_doc():
    nlp = kg.load_pipeline()
    from kg.components import ActorMentions
    from kg.actors import ActorDictionary
    mentions = ActorMentions(ActorDictionary.load(), nlp.tokenizer)
    doc = mentions(nlp("Iraqi and Kurdish forces clashed near the PMF base."))
    found = {(span.text, span.kb_id_, span.label_) for span in doc.spans["actors"]}
    assert ("Iraqi and Kurdish forces", "isf|peshmerga", "collective") in found
    assert ("PMF", "pmf", "alias") in found
    assert doc._.actor_index.mentions


def test_actor_mentions_is_a_registered_spacy_factory():
    import spacy
    import kg.components  # noqa: F401  (registers the factory)
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_actor_mentions")
    doc = nlp("Hezbollah fired rockets.")
    assert [span.kb_id_ for span in doc.spans["actors"]] == ["hezbollah"]

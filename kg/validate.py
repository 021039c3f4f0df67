"""Checking a graph against the contract: the SHACL shapes of kg/data/shapes.ttl
with the ontology of kg/data/ontology.ttl."""
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery

from .namespaces import KG, KGR, PREFIXES

KGSH = Namespace("https://w3id.org/actor-kg/shapes#")
ONTOLOGY_FILE = files("kg") / "data" / "ontology.ttl"
SHAPES_FILE = files("kg") / "data" / "shapes.ttl"

#: Most severe first: the order of a report.
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES.values())}
TARGET_PREDICATES = {SH.target, SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf}
#: Longest namespace first, so that a term gets its most specific prefix.
SHORT_PREFIXES = sorted(((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()),
                        key=lambda item: -len(item[1]))
#: Datatypes whose literals read unambiguously without quotes, as in Turtle.
BARE_DATATYPES = {XSD.integer, XSD.decimal, XSD.boolean}
#: Longest value format_report prints before cutting it short.
MAX_VALUE_CHARS = 80


@dataclass(frozen=True)
class Violation:
    """One validation result. Terms are short names: kgr:assertion/3f9a, kg:evidence."""

    severity: str  # "Violation", "Warning" or "Info"; only a Violation fails the graph
    focus_node: str  # the node that breaks the rule
    path: str | None  # the property, as a SPARQL path (^kg:states); None for a rule on the node
    message: str  # the rule broken, from the shape's sh:message
    value: str | None  # the offending value, Turtle-style; None when a value is missing


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool  # no result of severity Violation; warnings are allowed
    violations: list  # every Violation, warnings included, in a stable order
    triples: int  # size of the data graph checked

    def count(self, severity):
        return sum(1 for violation in self.violations if violation.severity == severity)

    def as_dict(self):
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": [asdict(violation) for violation in self.violations],
        }


@dataclass(frozen=True)
class SparqlConstraint:
    """A SHACL-SPARQL constraint of the shapes, run once over the whole graph."""

    target_classes: tuple
    query: object  # a prepared rdflib query in which $this is free
    message: str
    severity: str
    text: str = ""  # the query's text, for other engines
    prefixes: tuple = ()  # its (prefix, namespace) declarations


@lru_cache(maxsize=1)
def ontology_graph():
    """The ontology, parsed once; callers must not modify it."""
    return Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph():
    """The SHACL shapes, parsed once; callers must not modify it."""
    return Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")


def standing_facts(actor_files=()):
    """The (subject, predicate, object) IRIs of every standing fact of the actor
    dictionary (the built-in one merged with `actor_files`): relations that
    `kg build` writes without a sentence, because no document states them."""
    from .actors import ActorDictionary  # YAML loads only when facts are needed

    dictionary = ActorDictionary.load(tuple(actor_files))
    return frozenset((KGR[f"actor/{entry.id}"], KG[predicate], KGR[f"actor/{obj}"])
                     for entry in dictionary for predicate, obj, _note in entry.facts)


def validate_graph(data_graph, facts=None):
    """Validate `data_graph` (left unchanged) against the shapes and the ontology.
    `facts`: the standing facts (see standing_facts; default: the built-in
    dictionary's) that may stand without an assertion. An rdflib Graph is
    checked by pyshacl; a GraphStore (kg.store) by kg.shacl, the same rules
    over the store, in seconds where pyshacl takes minutes."""
    from .graphio import offline
    from .store import GraphStore

    if isinstance(data_graph, GraphStore):
        from .shacl import validate_store

        found = validate_store(data_graph, standing_facts() if facts is None else facts)
        violations = sorted(found, key=_sort_key)
        conforms = not any(violation.severity == "Violation" for violation in violations)
        return ValidationReport(conforms=conforms, violations=violations, triples=len(data_graph))

    # The ontology is mixed in for its rdfs:subClassOf and rdfs:subPropertyOf
    # triples. No RDFS inference: it would apply the ontology's domains and
    # ranges and type any untyped node used in a relation as an actor.
    graph = Graph()
    graph += data_graph
    graph += ontology_graph()
    # Each standing fact present is marked for the shapes (kgsh:StandingFact,
    # reified like an assertion), so it is not reported as unevidenced.
    for triple in standing_facts() if facts is None else facts:
        if triple in data_graph:
            mark = BNode()
            graph.add((mark, RDF.type, KGSH.StandingFact))
            for part, term in zip((RDF.subject, RDF.predicate, RDF.object), triple):
                graph.add((mark, part, term))
    import pyshacl  # only here: every reading command imports this module for its names

    core_shapes, sparql_constraints = split_shapes()
    with offline():
        _, results_graph, _ = pyshacl.validate(
            graph, shacl_graph=core_shapes, inference="none", allow_warnings=True, inplace=True
        )
        found = set(read_results(results_graph))
        for constraint in sparql_constraints:
            found.update(run_sparql_constraint(graph, constraint))
    violations = sorted(found, key=_sort_key)
    conforms = not any(violation.severity == "Violation" for violation in violations)
    return ValidationReport(conforms=conforms, violations=violations, triples=len(data_graph))


@lru_cache(maxsize=1)
def split_shapes():
    """The shapes without their SPARQL constraints, for pyshacl, and those
    constraints, which validate_graph runs itself.

    pyshacl parses and runs a constraint's query once per focus node, which
    takes minutes on a graph of a few thousand triples; the same query with
    $this left free finds every offending focus node in one run."""
    shapes = shapes_graph()
    core = Graph()
    core += shapes
    constraints = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql)):
        core.remove((shape, SH.sparql, node))
        core -= shapes.triples((node, None, None))
        constraints.append(_read_sparql_constraint(shapes, shape, node))
    return core, tuple(constraints)


def _read_sparql_constraint(shapes, shape, node):
    targets = set(shapes.predicates(shape)) & TARGET_PREDICATES
    if targets != {SH.targetClass}:
        # run_sparql_constraint finds the focus nodes of class targets only.
        raise ValueError(f"the SPARQL constraint of {shape} needs sh:targetClass alone, not {sorted(targets)}")
    namespaces = {
        str(shapes.value(declaration, SH.prefix)): URIRef(str(shapes.value(declaration, SH.namespace)))
        for prefixes in shapes.objects(node, SH.prefixes)
        for declaration in shapes.objects(prefixes, SH.declare)
    }
    return SparqlConstraint(
        target_classes=tuple(sorted(shapes.objects(shape, SH.targetClass))),
        query=prepareQuery(str(shapes.value(node, SH.select)), initNs=namespaces),
        message=english(shapes.objects(node, SH.message)) or english(shapes.objects(shape, SH.message)),
        severity=SEVERITIES[shapes.value(shape, SH.severity) or SH.Violation],
        text=str(shapes.value(node, SH.select)),
        prefixes=tuple(sorted((prefix, str(namespace)) for prefix, namespace in namespaces.items())),
    )


def run_sparql_constraint(graph, constraint):
    """The Violations of one SPARQL constraint, for all its focus nodes at once."""
    focus_nodes = {
        node
        for target in constraint.target_classes
        for cls in graph.transitive_subjects(RDFS.subClassOf, target)
        for node in graph.subjects(RDF.type, cls)
    }
    for row in graph.query(constraint.query):
        bindings = row.asdict()
        if bindings.get("this") in focus_nodes:
            yield make_violation(constraint.severity, bindings["this"], bindings.get("path"),
                             constraint.message, bindings.get("value"), graph)


def read_results(results_graph):
    """The Violations of a pyshacl results graph."""
    # Only the report's own results: those of shapes nested with sh:node hang
    # below them as sh:detail and would repeat the problem in pyshacl's words.
    report = results_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    for result in results_graph.objects(report, SH.result):
        yield make_violation(
            SEVERITIES[results_graph.value(result, SH.resultSeverity)],
            results_graph.value(result, SH.focusNode),
            results_graph.value(result, SH.resultPath),
            english(results_graph.objects(result, SH.resultMessage))
            or short_name(results_graph.value(result, SH.sourceConstraintComponent)),
            results_graph.value(result, SH.value),
            results_graph,
        )


def make_violation(severity, focus_node, path, message, value, graph):
    return Violation(
        severity=severity,
        focus_node=short_name(focus_node),
        path=path_text(graph, path) if path is not None else None,
        message=message,
        # A rule on the node itself reports the node as its value too: say it once.
        value=short_name(value) if value is not None and value != focus_node else None,
    )


def english(messages):
    """The English (or untagged) message of several, else any; None for none."""
    ranked = sorted(messages, key=lambda message: (message.language not in ("en", None), str(message)))
    return str(ranked[0]) if ranked else None


def format_report(report):
    """One line per result, then a summary line."""
    lines = [_format_violation(violation) for violation in report.violations]
    errors, warnings = report.count("Violation"), report.count("Warning")
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"{verdict}: {errors} violation{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} in {report.triples:,} triples"
    )
    return "\n".join(lines)


def _format_violation(violation):
    where = f"{violation.focus_node} {violation.path}" if violation.path else violation.focus_node
    line = f"{violation.severity}: {where}: {violation.message}"
    if violation.value is not None:
        value = violation.value
        if len(value) > MAX_VALUE_CHARS:
            value = value[: MAX_VALUE_CHARS - 1] + "…"
        line += f" (value: {value})"
    return line


def _sort_key(violation):
    return (SEVERITY_RANK[violation.severity], violation.focus_node,
            violation.path or "", violation.message, violation.value or "")


def short_name(term):
    """A term as a reader wants it: kgr:actor/iran, kg:backs, 1.7, "text"@en."""
    if isinstance(term, Literal):
        return _literal_text(term)
    if isinstance(term, URIRef):
        for prefix, namespace in SHORT_PREFIXES:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    return f"_:{term}"


def _literal_text(literal):
    if literal.datatype in BARE_DATATYPES:
        return str(literal)
    quoted = '"' + str(literal).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    if literal.datatype and literal.datatype != XSD.string:
        return f"{quoted}^^{short_name(literal.datatype)}"
    return quoted


def path_text(graph, path):
    """A SHACL property path in SPARQL syntax: kg:evidence, ^kg:states, a/b, (a|b)."""
    if isinstance(path, URIRef):
        return short_name(path)
    if (path, RDF.first, None) in graph:
        return "/".join(path_text(graph, step) for step in Collection(graph, path))
    if (inverse := graph.value(path, SH.inversePath)) is not None:
        return "^" + path_text(graph, inverse)
    if (alternatives := graph.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(path_text(graph, step) for step in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (repeated := graph.value(path, predicate)) is not None:
            return path_text(graph, repeated) + suffix
    return short_name(path)

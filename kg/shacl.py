"""The graph contract's SHACL shapes checked over an Oxigraph store (kg.store),
as pyshacl checks them over an rdflib graph, in a fraction of the time.

It reads the data once per property the shapes name (one SPARQL query each),
keeps the values of each focus node in memory and applies the constraint
components the shapes use: targets by class, subjects and objects; on a node
sh:class, sh:nodeKind, sh:datatype, sh:pattern, sh:minLength, sh:in,
sh:minInclusive, sh:maxInclusive, sh:node, sh:or, sh:not; on a property path
(an IRI or sh:inversePath) sh:minCount, sh:maxCount, sh:lessThan and the
same value constraints; sh:severity and sh:message. The SHACL-SPARQL
constraints run in Oxigraph. The results are pyshacl's, as validate.py reads
them: one per focus node, path, rule and value. A shape with another
component raises UnsupportedShape, and validate_store falls back to pyshacl."""
import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .store import ONTOLOGY, QUERY_PREFIXES, to_ox
from .validate import SEVERITIES, english, make_violation, short_name, split_shapes

XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING, _LANG_STRING = XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES = {XSD + name for name in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_NUMERIC_TYPES = _INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}
#: Lexical forms pyshacl (rdflib) accepts for the datatypes it checks by value.
_WELL_FORMED = {
    XSD + "integer": re.compile(r"\s*[+-]?[0-9]+\s*"),
    XSD + "decimal": re.compile(r"\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*"),
    XSD + "boolean": re.compile(r"\s*(true|false|1|0)\s*"),
}
_NODE_KINDS = {SH.IRI: (ox.NamedNode,), SH.BlankNode: (ox.BlankNode,), SH.Literal: (ox.Literal,),
               SH.BlankNodeOrIRI: (ox.NamedNode, ox.BlankNode), SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
               SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal)}
_VALUE_COMPONENTS = {SH["class"], SH.nodeKind, SH.datatype, SH.pattern, SH.flags, SH.minLength, SH["in"],
                     SH.minInclusive, SH.maxInclusive, SH.node, SH["or"], SH["not"]}
_PROPERTY_COMPONENTS = {SH.minCount, SH.maxCount, SH.lessThan}
_DESCRIPTIVE = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.path, SH.property, SH.target,
                SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.name,
                SH.description, SH.sparql, SH.order, SH.group}


class UnsupportedShape(Exception):
    """The shapes use a constraint component this module does not apply."""


def validate_store(store, facts):
    """The Violations of GraphStore `store` (as kg.validate reads pyshacl's)."""
    core, constraints = split_shapes()
    try:
        checker = _Checker(store, core)
        found = set(checker.run())
    except UnsupportedShape:
        from .validate import validate_graph

        return set(validate_graph(store.to_rdflib(), facts=facts).violations)
    for constraint in constraints:
        found.update(_run_sparql_constraint(store, checker, constraint, facts))
    return found


class _Checker:
    def __init__(self, store, shapes):
        self.store, self.shapes = store, shapes
        self.originals = store.originals
        self._values = {}  # (predicate IRI, inverse) -> {focus: set of values}
        self._types = None
        self._closure = None
        self._cache = {}
        self._compiled = {}

    # --- reading the data (and the ontology), once per property -----------------
    def values(self, path):
        """focus -> the set of its values along `path` (predicate, inverse)."""
        if path not in self._values:
            predicate, inverse = path
            table = {}
            for subject, object_ in self._pairs(predicate):
                if inverse:
                    table.setdefault(object_, set()).add(subject)
                else:
                    table.setdefault(subject, set()).add(object_)
            self._values[path] = table
        return self._values[path]

    def _pairs(self, predicate):
        node = to_ox(predicate)
        for graph_name in (ox.DefaultGraph(), ONTOLOGY):
            for quad in self.store.store.quads_for_pattern(None, node, None, graph_name):
                yield quad.subject, quad.object

    def classes(self, node):
        """The node's types and all their superclasses."""
        if self._types is None:
            self._types = self.values((RDF.type, False))
            parents = self.values((RDFS.subClassOf, False))
            closure = {}
            for start in set(parents) | {t for types in self._types.values() for t in types}:
                seen, todo = {start}, [start]
                while todo:
                    for parent in parents.get(todo.pop(), ()):
                        if parent not in seen:
                            seen.add(parent)
                            todo.append(parent)
                closure[start] = seen
            self._closure = closure
        found = set()
        for cls in self._types.get(node, ()):
            found |= self._closure.get(cls, {cls})
        return found

    def instances(self, cls):
        target = to_ox(cls)
        self.classes(None)
        return {node for node, types in self._types.items()
                if any(target in self._closure.get(t, {t}) for t in types)}

    def original(self, term):
        return self.originals.get(term, term) if type(term) is ox.Literal else term

    # --- shapes ------------------------------------------------------------------
    def run(self):
        shapes = self.shapes
        for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)),
                            key=str):
            focus = self.focus_nodes(shape)
            if focus:
                yield from self.check_shape(shape, focus)

    def focus_nodes(self, shape):
        shapes, found = self.shapes, set()
        for predicate in (SH.target, SH.targetNode):
            if (shape, predicate, None) in shapes:
                raise UnsupportedShape(f"{shape} {predicate}")
        for cls in shapes.objects(shape, SH.targetClass):
            found |= self.instances(cls)
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            found |= set(self.values((prop, False)))
        for prop in shapes.objects(shape, SH.targetObjectsOf):
            found |= set(self.values((prop, True)))
        return found

    def _reported(self, shape):
        """The severity and the message of the results of `shape`."""
        self._supported(shape)
        return (SEVERITIES[self.shapes.value(shape, SH.severity) or SH.Violation],
                english(self.shapes.objects(shape, SH.message)))

    def check_shape(self, shape, focus):
        """Results (Violations) of `shape` for each focus node."""
        severity, message = self._reported(shape)
        if self.shapes.value(shape, SH.path) is None:
            for node in focus:
                for component in self._failed_components(shape, node):
                    yield self._result(severity, node, None, message, component, node)
            for prop in self.shapes.objects(shape, SH.property):
                yield from self.check_property(prop, focus)
        else:
            yield from self.check_property(shape, focus)

    def check_property(self, shape, focus):
        shapes = self.shapes
        severity, message = self._reported(shape)
        path, path_term = self._path(shapes.value(shape, SH.path))
        table = self.values(path)
        minimum, maximum = shapes.value(shape, SH.minCount), shapes.value(shape, SH.maxCount)
        less_than = list(shapes.objects(shape, SH.lessThan))
        for node in focus:
            node_ox = to_ox(node) if not isinstance(node, (ox.NamedNode, ox.BlankNode, ox.Literal)) else node
            values = table.get(node_ox, set())
            if minimum is not None and len(values) < int(minimum):
                yield self._result(severity, node_ox, path_term, message, SH.MinCountConstraintComponent, None)
            if maximum is not None and len(values) > int(maximum):
                yield self._result(severity, node_ox, path_term, message, SH.MaxCountConstraintComponent, None)
            for other in less_than:
                limits = self.values((other, False)).get(node_ox, set())
                for value in values:
                    if any(not self._less(value, limit) for limit in limits):
                        yield self._result(severity, node_ox, path_term, message,
                                           SH.LessThanConstraintComponent, value)
            for value in values:
                for component in self._failed_components(shape, value):
                    yield self._result(severity, node_ox, path_term, message, component, value)

    def _supported(self, shape):
        for predicate in set(self.shapes.predicates(shape)):
            if predicate not in _VALUE_COMPONENTS | _PROPERTY_COMPONENTS | _DESCRIPTIVE:
                raise UnsupportedShape(f"{shape} {predicate}")
        if (shape, SH.flags, None) in self.shapes:
            raise UnsupportedShape(f"{shape} sh:flags")

    def _path(self, path):
        if isinstance(path, URIRef):
            return (path, False), path
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(set(self.shapes.predicate_objects(path))) == 1:
            return (inverse, True), path
        raise UnsupportedShape(f"the path {path}")

    def _result(self, severity, node, path, message, component, value):
        term = self.store.term
        node = node if isinstance(node, (URIRef, BNode, Literal)) else term(node)
        value = None if value is None else (value if isinstance(value, (URIRef, BNode, Literal)) else term(value))
        return make_violation(severity, node, path, message or short_name(component), value, self.shapes)

    # --- value constraints ----------------------------------------------------------
    def conforms(self, shape, value):
        """Does `value` conform to the node shape `shape`?"""
        key = (shape, value)
        if key not in self._cache:
            self._supported(shape)
            self._cache[key] = not any(True for _component in self._failed_components(shape, value))
        return self._cache[key]

    def _components(self, shape):
        """The value constraints of `shape`, read once: (component, argument)."""
        if shape not in self._compiled:
            self._supported(shape)
            shapes, found = self.shapes, []
            found += [(SH.ClassConstraintComponent, to_ox(cls)) for cls in shapes.objects(shape, SH["class"])]
            found += [(SH.NodeKindConstraintComponent, _NODE_KINDS[kind]) for kind in shapes.objects(shape, SH.nodeKind)]
            found += [(SH.DatatypeConstraintComponent, str(datatype)) for datatype in shapes.objects(shape, SH.datatype)]
            found += [(SH.PatternConstraintComponent, re.compile(str(pattern)))
                      for pattern in shapes.objects(shape, SH.pattern)]
            found += [(SH.MinLengthConstraintComponent, int(length)) for length in shapes.objects(shape, SH.minLength)]
            found += [(SH.InConstraintComponent, frozenset(to_ox(member) for member in Collection(shapes, members)))
                      for members in shapes.objects(shape, SH["in"])]
            found += [(SH.MinInclusiveConstraintComponent, self._number(to_ox(bound)))
                      for bound in shapes.objects(shape, SH.minInclusive)]
            found += [(SH.MaxInclusiveConstraintComponent, self._number(to_ox(bound)))
                      for bound in shapes.objects(shape, SH.maxInclusive)]
            found += [(SH.NodeConstraintComponent, other) for other in shapes.objects(shape, SH.node)]
            found += [(SH.OrConstraintComponent, tuple(Collection(shapes, members)))
                      for members in shapes.objects(shape, SH["or"])]
            found += [(SH.NotConstraintComponent, other) for other in shapes.objects(shape, SH["not"])]
            self._compiled[shape] = tuple(found)
        return self._compiled[shape]

    def _failed_components(self, shape, value):
        """The value constraint components of `shape` that `value` fails."""
        value = to_ox(value) if isinstance(value, (URIRef, BNode, Literal)) else value
        for component, argument in self._components(shape):
            if not self._passes(component, argument, value):
                yield component

    def _passes(self, component, argument, value):
        kind = type(value)
        if component == SH.ClassConstraintComponent:
            return kind is not ox.Literal and argument in self.classes(value)
        if component == SH.NodeKindConstraintComponent:
            return isinstance(value, argument)
        if component == SH.DatatypeConstraintComponent:
            return self._has_datatype(value, argument)
        if component == SH.PatternConstraintComponent:
            return kind is not ox.BlankNode and argument.search(self.original(value).value) is not None
        if component == SH.MinLengthConstraintComponent:
            return kind is not ox.BlankNode and len(self.original(value).value) >= argument
        if component == SH.InConstraintComponent:
            return self.original(value) in argument
        if component in (SH.MinInclusiveConstraintComponent, SH.MaxInclusiveConstraintComponent):
            number = self._number(value)
            if number is None or argument is None:
                return False
            return number >= argument if component == SH.MinInclusiveConstraintComponent else number <= argument
        if component == SH.NodeConstraintComponent:
            return self.conforms(argument, value)
        if component == SH.OrConstraintComponent:
            return any(self.conforms(member, value) for member in argument)
        if component == SH.NotConstraintComponent:
            return not self.conforms(argument, value)
        raise UnsupportedShape(str(component))

    def _has_datatype(self, value, datatype):
        if type(value) is not ox.Literal:
            return False
        original = self.original(value)
        if datatype == _LANG_STRING:
            return bool(original.language)
        if original.language:
            return False
        if original.datatype.value != datatype:
            return False
        pattern = _WELL_FORMED.get(datatype)
        if pattern is not None:
            return bool(pattern.fullmatch(original.value))
        if datatype in _INTEGER_TYPES:
            return bool(_WELL_FORMED[XSD + "integer"].fullmatch(original.value))
        if datatype in (XSD + "double", XSD + "float"):
            try:
                float(original.value)
            except ValueError:
                return False
        return True

    @staticmethod
    def _number(term):
        if type(term) is ox.Literal and term.datatype.value in _NUMERIC_TYPES and not term.language:
            try:
                number = Decimal(term.value.strip())
            except InvalidOperation:
                return None
            return None if number.is_nan() else number
        return None

    def _less(self, value, limit):
        left, right = self._number(value), self._number(limit)
        if left is not None and right is not None:
            return left < right
        if type(value) is type(limit) is ox.Literal and value.datatype == limit.datatype \
                and value.datatype.value == _STRING and not value.language:
            return self.original(value).value < self.original(limit).value
        return False


def _run_sparql_constraint(store, checker, constraint, facts):
    """The Violations of a SHACL-SPARQL constraint, run once in Oxigraph over
    the data and the ontology, kept for the focus nodes of its target classes.
    A standing fact of the actor dictionary needs no assertion."""
    focus = set()
    for cls in constraint.target_classes:
        focus |= checker.instances(cls)
    prefixes = {**QUERY_PREFIXES, **dict(constraint.prefixes)}
    rows = _solutions(store.store, constraint.text, prefixes)
    term = store.term
    standing = set(facts)
    for row in rows:
        node = row["this"]
        if node not in focus:
            continue
        path, value = _binding(row, "path"), _binding(row, "value")
        focus_term = term(node)
        if path is not None and value is not None and (focus_term, term(path), term(value)) in standing:
            continue
        yield make_violation(constraint.severity, focus_term, None if path is None else term(path),
                             constraint.message, None if value is None else term(value), None)


#: Solutions of a constraint's outer pattern up to which its FILTER NOT EXISTS
#: is asked once per solution (Oxigraph evaluates a NOT EXISTS whose pattern
#: is large slowly, an ASK with the solution's values at once).
ROW_BY_ROW = 5000
_TOKENS = re.compile(r'''"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*'''
                     r"|(\bFILTER\s+NOT\s+EXISTS\s*\{)|(\{)|(\})|[?$]([A-Za-z0-9_]+)", re.IGNORECASE)


def _solutions(store, text, prefixes):
    """The solutions of a constraint's query, as dicts of variable name to term."""
    dataset = [ox.DefaultGraph(), ONTOLOGY]
    split = _split_not_exists(text)
    if split is not None:
        outer, inner, names = split
        results = store.query(outer, prefixes=prefixes, default_graph=dataset)
        variables = [variable for variable in results.variables if variable.value in names]
        solutions = list(results)
        if len(solutions) <= ROW_BY_ROW:
            return [solution for solution in solutions
                    if not store.query(inner, prefixes=prefixes, default_graph=dataset,
                                       substitutions={variable: solution[variable] for variable in variables
                                                      if solution[variable] is not None})]
    return list(store.query(text, prefixes=prefixes, default_graph=dataset))


def _split_not_exists(text):
    """(SELECT * over the pattern, ASK of the NOT EXISTS pattern, the
    variables it names) for a query whose WHERE clause ends in one
    FILTER NOT EXISTS { ... }; None for any other query."""
    depth, start, inner_depth, end, names = 0, None, None, None, set()
    for match in _TOKENS.finditer(text):
        if match.group(1):
            if start is not None or depth != 1:
                return None
            start, inner_depth = match.start(), depth + 1
            depth += 1
        elif match.group(2):
            depth += 1
        elif match.group(3):
            depth -= 1
            if inner_depth is not None and end is None and depth == inner_depth - 1:
                end = match.end()
        elif match.group(4) and start is not None and end is None:
            names.add(match.group(4))
    if start is None or end is None or text[end:].strip() != "}":
        return None
    head = re.match(r"(?is)\s*SELECT\s+(.*?)\s+WHERE\s*\{", text)
    if head is None:
        return None
    body = text[head.end():start]
    inner = text[text.index("{", start) + 1:end - 1]
    return f"SELECT * WHERE {{{body}}}", f"ASK {{{inner}}}", names


def _binding(row, name):
    try:
        return row[name]
    except (KeyError, IndexError):
        return None

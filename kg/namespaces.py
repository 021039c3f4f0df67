"""The RDF namespaces of the graph contract (see CONTRACT in the README)."""
import functools

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

class _TermCache(Namespace):
    """A Namespace whose terms are made once: rdflib makes and checks a new
    URIRef at each `KG.backs`, and a large build asks for them millions of times."""

    @functools.lru_cache(maxsize=1024)
    def term(self, name):
        return super().term(name)


KG = _TermCache("https://w3id.org/actor-kg/ontology#")
KGR = Namespace("https://w3id.org/actor-kg/id/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: The five core relation properties, by local name.
RELATIONS = ("backs", "opposes", "commands", "memberOf", "partOf")

PREFIXES = {
    "kg": KG, "kgr": KGR, "prov": PROV, "skos": SKOS, "rdfs": RDFS, "rdf": RDF,
    "owl": OWL, "dcterms": DCTERMS, "xsd": XSD, "schema": SCHEMA, "wd": WD,
}


def bind_prefixes(graph):
    """Bind the contract's prefixes so every serialisation reads the same."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph

#: Actor classes of the contract (local names in kg:); ontology.ttl defines
#: each as rdfs:subClassOf kg:Actor.
ACTOR_CLASSES = (
    "Person", "State", "Organization", "Government", "GovernmentAgency",
    "ArmedForce", "Militia", "NonStateArmedGroup", "PoliticalParty",
    "InternationalOrganization", "Coalition", "MediaOrganization", "ThinkTank",
)

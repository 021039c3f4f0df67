"""Remote SPARQL stores: queries over the SPARQL 1.1 Protocol (filled in below)."""


class Endpoint:
    """A remote SPARQL 1.1 Protocol endpoint."""

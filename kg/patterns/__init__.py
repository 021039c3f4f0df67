"""Relation patterns, one module per family, each pattern a registered
function `find(context, sentence)` yielding Candidates.

    >>> from kg.patterns import PATTERNS
    >>> sorted(PATTERNS)                     # every registered pattern
    >>> PATTERNS["hyphen-compound"].methods  # the kg:method values it writes

Add a family by writing a module here that decorates its functions with
`@register(...)`, and importing it below; cue words go to kg/data/cues.yaml.
"""
from . import compounds, events, names, nominals, roles, support, titles, verbs  # noqa: F401  (registers the patterns)
from .context import PatternContext
from .registry import PATTERNS, Candidate, Confidence, Pattern, register

__all__ = ["PATTERNS", "Candidate", "Confidence", "Pattern", "PatternContext", "register"]

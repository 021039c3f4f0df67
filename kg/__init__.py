"""actor-kg: evidence-backed knowledge graphs of who backs, opposes, commands
and speaks about whom, built offline from news text."""

__version__ = "0.1.0"

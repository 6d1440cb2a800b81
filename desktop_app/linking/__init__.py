"""Link suggestion for imported documents (no Qt): text similarity and explicit references."""

from __future__ import annotations

from .references import Reference, find_references
from .suggest import (
    ACCEPT_THRESHOLD,
    Suggestion,
    UnitSuggestions,
    accepted_links,
    link_units,
    suggest_links,
    target_documents,
    to_link,
)

__all__ = [
    "ACCEPT_THRESHOLD",
    "Reference",
    "Suggestion",
    "UnitSuggestions",
    "accepted_links",
    "find_references",
    "link_units",
    "suggest_links",
    "target_documents",
    "to_link",
]

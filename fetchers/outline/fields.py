"""The outline's fields, as tables: which keys each level takes and how a claim's are read.

The walker (fetchers/outline/walker.py) reads a claim field by its `CLAIM_FIELDS` row, so a
new claim field is a row here, its `Claim` attribute (store/models.py) and, if stored, a
claims column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from store.models import CLAIM_SCOPES, CLAIM_TYPES, DEFAULT_CLAIM_TYPE

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ARTICLE_FIELDS = ("title", "source", "subject", "topics", "screening_reasons")
TOPIC_FIELDS = ("id", "title", "claims")
SUBJECT_FIELDS = ("name", "query")

STR_TAG = "tag:yaml.org,2002:str"
BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class ClaimField:
    """How one claim field is read: text, a choice from a list, or a true/false flag."""

    key: str
    kind: str = "text"  # "text" | "choice" | "flag"
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str = ""


#: Every field a claim may have, in the order "unknown field" errors list them.
CLAIM_FIELDS: tuple[ClaimField, ...] = (
    ClaimField("id", required=True),
    ClaimField("claim", required=True),
    ClaimField("query", required=True),
    ClaimField("group"),
    ClaimField("notes"),
    ClaimField("reference_query"),
    ClaimField("scope", "choice", choices=CLAIM_SCOPES, default="any"),
    ClaimField("context", "flag"),
    ClaimField("restates"),
    ClaimField("type", "choice", choices=CLAIM_TYPES, default=DEFAULT_CLAIM_TYPE),
)
CLAIM_KEYS: tuple[str, ...] = tuple(f.key for f in CLAIM_FIELDS)


def raw_id(node: yaml.Node) -> str | None:
    """The `id` of a mapping node before validation, so early errors can name their claim."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value) or None
    return None


__all__ = [
    "ARTICLE_FIELDS",
    "CLAIM_FIELDS",
    "CLAIM_KEYS",
    "SLUG",
    "SUBJECT_FIELDS",
    "TOPIC_FIELDS",
    "ClaimField",
    "raw_id",
]

"""How long an outline id may be: what the database's id columns hold.

Kept apart from the outline lint so it stays one small check. PostgreSQL refuses a
`claim_id` or `topic_id` longer than its VARCHAR(200) (SQLite would take it), so an id
that passes `outline check` must fit there; tests/test_cli_hostile_input.py checks this
number against store.db.schema.
"""

from __future__ import annotations

#: Longest topic or claim id, in characters (store.db.schema: claims.claim_id, topics.topic_id).
ID_MAX_CHARS = 200


def id_too_long(value: str, kind: str) -> str | None:
    """The problem with an over-long id, or None."""
    if len(value) <= ID_MAX_CHARS:
        return None
    return (
        f"{kind} id '{value[:40]}...' is {len(value)} characters long; "
        f"the database holds at most {ID_MAX_CHARS}"
    )

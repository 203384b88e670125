"""What a night's tests against the hostile server share: a script of answers (searches,
records), a small outline, a client with fast retries, and readers of the store."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from fetchers.eutils.client import EutilsClient
from fetchers.settings import EutilsSettings
from store.db.schema import claim_articles
from store.models import Claim, Outline, Topic
from tests.hostile.server import HostileServer, Reply, Request, article_set, esearch_json

KEY = "K3y-0123456789abcdefSECRET"
EMAIL = "night.owl+tracker@example.org"


@dataclass
class Script:
    """What the hostile server answers: per query term (Count, ids), per PMID the record's
    bytes, a DOCTYPE sent whenever one of `doctype_for` is asked for, and records added to
    every efetch answer (e.g. ones without a PMID)."""

    searches: dict[str, tuple[int | str, list]] = field(default_factory=dict)
    records: dict[int, bytes] = field(default_factory=dict)
    doctype_for: dict[int, bytes] = field(default_factory=dict)
    extra: list[bytes] = field(default_factory=list)
    search_extra: dict = field(default_factory=dict)

    def __call__(self, request: Request) -> Reply:
        if request.endpoint == "esearch":
            count, ids = self.searches.get(request.params.get("term", ""), (0, []))
            return esearch_json(count, ids, **self.search_extra)
        if request.endpoint == "efetch":
            ids = request.ids
            doctype = b"".join(self.doctype_for.get(i, b"") for i in ids)
            found = [self.records[i] for i in ids if i in self.records]
            return Reply(article_set(*found, *self.extra, doctype=doctype))
        return Reply(b"not found", 404)


def outline_of(*queries: str) -> Outline:
    claims = tuple(
        Claim(
            claim_id=f"c{n}",
            topic_id="t",
            claim=f"claim {n}",
            query=query,
            position=n,
            reference_query="",
        )
        for n, query in enumerate(queries, 1)
    )
    return Outline("Reliability", "tests", "nothing", (Topic("t", "Topic", claims),), "r.yaml")


def client_for(server: HostileServer, **kwargs) -> EutilsClient:
    settings = EutilsSettings(base_url=server.url, api_key=KEY, email=EMAIL)
    kwargs.setdefault("backoff_base", 0.001)
    kwargs.setdefault("backoff_cap", 0.01)
    kwargs.setdefault("rate", 1000)
    return EutilsClient(settings, **kwargs)


def rows(engine, table, *where) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.select(table).where(*where)).all()


def linked(engine, claim_id: str) -> set[int]:
    return {
        r.pmid
        for r in rows(
            engine,
            claim_articles,
            claim_articles.c.claim_id == claim_id,
            claim_articles.c.dropped_at.is_(None),
        )
    }

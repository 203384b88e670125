"""One export's options as one value: what the CLI's flags and the dashboard's filters say,
checked in one place and passed whole to the writer, so no export path can drop one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.read.publications import PublicationFilter

#: Export kinds in the order `littrack export --help` lists them.
KINDS: tuple[str, ...] = ("publications", "summary", "ris", "screening")
#: Kinds that take at most one --topic and one --claim (the screening sheet takes several).
SINGLE_SCOPE: frozenset[str] = frozenset({"publications", "summary", "ris"})


@dataclass(frozen=True)
class ExportOptions:
    """What to export. `topic_ids`/`claim_ids` select claims (a claim must belong to the
    topic when both are given); `since` keeps records PubMed added on or after that day;
    `where` is the Publications page's filter (the dashboard's download is this export,
    filtered as on screen). `basis` and `all_records` apply to the summary; `unscreened`
    `reviewer` and `order` (newest first, or the Screen page's priority order) to the
    screening sheet; RIS never gets a byte-order mark."""

    kind: str
    topic_ids: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()
    since: str | None = None
    bom: bool = True
    basis: str = "publication"
    all_records: bool = False
    unscreened: bool = False
    reviewer: str | None = None
    order: str = "newest"
    notes: bool = True
    where: PublicationFilter | None = field(default=None, compare=False)

    @property
    def topic_id(self) -> str | None:
        return self.topic_ids[0] if self.topic_ids else None

    @property
    def claim_id(self) -> str | None:
        return self.claim_ids[0] if self.claim_ids else None

    @property
    def writes_bom(self) -> bool:
        return self.bom and self.kind != "ris"

    def filters(self) -> dict[str, str | None]:
        """The notes file's description of the selection (no URL, no key)."""
        shown: dict[str, str | None] = {
            "topic": ", ".join(self.topic_ids) or None,
            "claim": ", ".join(self.claim_ids) or None,
            "since": self.since,
        }
        if self.kind == "summary":
            shown["by"] = self.basis
            shown["counted"] = "all records" if self.all_records else "evidence"
        if self.kind == "screening":
            shown.pop("since")
            shown["unscreened"] = "yes" if self.unscreened else None
            shown["reviewer"] = self.reviewer
            shown["order"] = None if self.order == "newest" else self.order
        return shown

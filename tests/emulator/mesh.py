"""esearch on db=mesh: is a name a MeSH descriptor (or a subheading)?

PubMed's MeSH database answers `"Pain, Postoperative"[mh]` with the descriptor's UID
(68 followed by the digits of its D number, e.g. D007649 -> 68007649). The emulator knows the
descriptors that occur in the samples' MeshHeadingLists plus the real ones listed in
`mesh-descriptors.txt` (headings the shipped outlines use that no sample happens to carry),
and the MeSH qualifiers (subheadings) in `mesh-qualifiers.txt`. A name it does not know
gives Count 0, with QuotedPhraseNotFound for a quoted name and PhraseNotFound otherwise,
as PubMed does for a descriptor that does not exist. Entry terms (synonyms) are not modelled.
"""

from __future__ import annotations

import functools
import zlib
from pathlib import Path

from tests.emulator import responses as r
from tests.emulator.query import BinOp, Term, parse
from tests.emulator.records import key

HERE = Path(__file__).resolve().parent
DESCRIPTOR_FILE = HERE / "mesh-descriptors.txt"
QUALIFIER_FILE = HERE / "mesh-qualifiers.txt"


def _names(path: Path) -> dict[str, str]:
    """Normalised name -> UI ('' when the file gives none) from a 'Name<TAB>UI' list."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, ui = line.partition("\t")
        found[key(name)] = ui.strip()
    return found


@functools.cache
def listed_descriptors() -> dict[str, str]:
    return _names(DESCRIPTOR_FILE)


@functools.cache
def listed_qualifiers() -> dict[str, str]:
    return _names(QUALIFIER_FILE)


def mesh_uid(ui: str, name: str) -> int:
    """The MeSH database UID of a descriptor: 68 + the digits of its D/Q number."""
    digits = "".join(c for c in ui if c.isdigit())
    if digits:
        return int("68" + digits.zfill(6)) if ui.startswith("D") else int("681" + digits.zfill(5))
    return 69_000_000 + zlib.crc32(name.encode()) % 1_000_000  # stable made-up UID


def descriptors(corpus) -> dict[str, int]:
    """Every known descriptor (normalised name) -> MeSH UID."""
    found: dict[str, int] = {}
    with corpus.lock:
        names = [k for k in corpus.exact["mh"] if "/" not in k]
        ui = dict(corpus.ui)
    for name in names:
        found[name] = mesh_uid(ui.get(name, ""), name)
    for name, listed_ui in listed_descriptors().items():
        found.setdefault(name, mesh_uid(listed_ui or ui.get(name, ""), name))
    return found


def esearch_mesh(emu, params: dict[str, str]):
    """esearch db=mesh: OR/AND/NOT over descriptor and qualifier names."""
    from tests.emulator.handlers import JSON, XML, Response, _error, _retmode

    term = (params.get("term") or "").strip()
    if not term:
        return _error("esearch", params, "Empty term and query_key - nothing todo")
    known = descriptors(emu.corpus)
    qualifiers = {n: mesh_uid(ui, n) for n, ui in listed_qualifiers().items()}
    not_found: list[str] = []
    quoted_not_found: list[str] = []

    def lookup(t: Term) -> tuple[set[int] | None, str | None]:
        name = key(t.text)
        if t.tag == "sh":
            table, label = qualifiers, "MeSH Subheading"
        else:
            table, label = {**qualifiers, **known}, "MeSH Terms"
        uid = table.get(name)
        if uid is None:
            if t.quoted:
                quoted_not_found.append(t.text)
            else:
                not_found.append(t.typed())
            return None, None
        return {uid}, f'"{name}"[{label}]'

    def node(n) -> tuple[set[int] | None, str | None]:
        if isinstance(n, BinOp):
            left, lt = node(n.left)
            right, rt = node(n.right)
            if left is None:
                return (None, None) if n.op == "NOT" else (right, rt)
            if right is None:
                return left, lt
            if n.op == "AND":
                return left & right, f"({lt} AND {rt})"
            if n.op == "OR":
                return left | right, f"({lt} OR {rt})"
            return left - right, f"({lt} NOT {rt})"
        if isinstance(n, Term):
            return lookup(n)
        return None, None

    parsed = parse(term)
    ids, translation = node(parsed.root) if parsed.root is not None else (None, None)
    ids = ids or set()
    if translation is None and (not_found or quoted_not_found):
        translation = "(" + " ".join(not_found + quoted_not_found) + ")"
    messages = list(parsed.messages)
    if not ids:
        messages.append("No items found.")
    errors = {"PhraseNotFound": not_found, "FieldNotFound": []}
    warnings = {
        "PhraseIgnored": [],
        "QuotedPhraseNotFound": quoted_not_found,
        "OutputMessage": messages,
    }
    json_mode = _retmode(params) == "json"
    build = r.esearch_json if json_mode else r.esearch_xml
    body = build(len(ids), sorted(ids), 0, translation or "", None, None, errors, warnings)
    return Response(200, body, JSON if json_mode else XML)

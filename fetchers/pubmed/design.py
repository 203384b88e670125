"""A parsed record's design, flags and species, by the rules in store.evidence.design_rules.

The rules themselves (tables of publication types, MeSH headings and wording) live in the
store because the schema migration recomputes stored records with them; this module only
feeds them the parser's fields. See store/evidence/design_rules.py and docs/evidence.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.evidence.design_rules import (
    ANIMALS_UI,
    HUMANS_UI,
    classify,
    flags_of_types,
    registry_ids,
    type_set,
)
from store.evidence.species_text import species_from_text
from store.evidence.wording import Wording
from store.models import MeshHeading

__all__ = ["design_fields", "species", "species_fields"]


def design_fields(
    *,
    publication_types: tuple[str, ...],
    mesh: tuple[MeshHeading, ...] = (),
    title: str = "",
    abstract: str = "",
    citation_status: str = "",
    data_banks: Iterable[tuple[str, Iterable[str]]] = (),
    wording: Wording | None = None,
) -> dict:
    """study_design, design_source, preprint, veterinary and registry_ids for a record.
    `wording` (Wording(title, abstract)) is scanned once for this and species_fields."""
    if wording is None:
        wording = Wording(title, abstract)
    types, flags = _types_and_flags(publication_types)
    design, source = classify(
        publication_types,
        (m.descriptor for m in mesh),  # read only when the types say nothing
        title,
        abstract,
        citation_status,
        wording=wording,
        types=types,
    )
    fields = dict(flags)
    fields["study_design"] = design
    fields["design_source"] = source
    fields["registry_ids"] = registry_ids(data_banks, abstract, citation_status, wording=wording)
    return fields


#: (type_set, flags_of_types) per tuple of publication types as the parser reads them:
#: types come from NLM's short controlled list, so a run meets a few hundred tuples (186
#: over the sample records) and most records repeat one. Only short tuples are kept, and
#: at most _TYPES_MAX of them, so hostile input cannot grow it.
_TYPES: dict[tuple[str, ...], tuple[frozenset[str], dict[str, bool]]] = {}
_TYPES_MAX = 1024


def _types_and_flags(
    publication_types: Iterable[str],
) -> tuple[frozenset[str], dict[str, bool]]:
    """The type set and flags of a record's publication types, worked out once per tuple
    (the flags dict is shared: callers copy it)."""
    cacheable = type(publication_types) is tuple and sum(map(len, publication_types)) <= 500
    if cacheable:
        known = _TYPES.get(publication_types)
        if known is not None:
            return known
    types = frozenset(type_set(publication_types))
    known = (types, flags_of_types(types))
    if cacheable and len(_TYPES) < _TYPES_MAX:
        _TYPES[publication_types] = known
    return known


def species(mesh: Iterable[MeshHeading | str]) -> tuple[bool, bool]:
    """(humans, animals) from the Humans / Animals check tags, by UI or by descriptor name.

    Both can be true (a study of humans and animals); both false means not indexed yet
    (no MeSH: shown as "unknown") or neither (e.g. in-vitro work)."""
    humans = animals = False
    for heading in mesh:
        if type(heading) is MeshHeading:
            ui = heading.ui
            if ui:
                if ui == HUMANS_UI:
                    humans = True
                elif ui == ANIMALS_UI:
                    animals = True
                continue
            name = heading.descriptor
        else:
            name = heading
        if name == "Humans":
            humans = True
        elif name == "Animals":
            animals = True
    return humans, animals


def species_fields(
    mesh: tuple[MeshHeading, ...],
    title: str = "",
    abstract: str = "",
    wording: Wording | None = None,
) -> dict[str, bool | str]:
    """humans, animals and species_source for a record.

    An indexed record's check tags decide (`mesh`; neither tag is NLM's "neither"); a record
    without MeSH (not indexed yet, or PubMed-not-MEDLINE, which never gets MeSH) is read from
    its wording (`text`: "rats", "porcine", "in vitro" ...), or `none` when the wording names
    no species either."""
    if mesh:
        humans, animals = species(mesh)
        return {"humans": humans, "animals": animals, "species_source": "mesh"}
    read = species_from_text(title, abstract, wording=wording)
    if read is None:
        return {"humans": False, "animals": False, "species_source": "none"}
    return {"humans": read[0], "animals": read[1], "species_source": "text"}

"""Publication types → one study-design class; MeSH check tags → humans / animals.

A record has several publication types ("Journal Article", "Randomized Controlled Trial",
"Multicenter Study", ...). The class is the strongest design among them, in the order of
`store.models.STUDY_DESIGNS`: meta-analysis > systematic review > rct > clinical trial >
observational > case report > review > other.

Choices worth knowing:
- "Comparative Study", "Multicenter Study", "Validation Study", "Evaluation Study" and
  "Twin Study" are not designs here: NLM puts Comparative/Multicenter on trials, lab and
  animal work alike, so counting them as observational would inflate that class. Only
  "Observational Study" (and its veterinary twin) counts as observational.
- "Clinical Trial Protocol" and "Clinical Study" stay "other": a protocol reports no results
  and "Clinical Study" covers trials and observational work alike.
- "Scoping Review" is a review, not a systematic review; "Network Meta-Analysis" is a
  meta-analysis.
- Publication types arrive with MEDLINE indexing, weeks after a record appears, so a new
  record's class is usually "other" (or "review") until PubMed indexes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.models import STUDY_DESIGNS, MeshHeading

_DESIGN_OF_TYPE: dict[str, str] = {
    "meta-analysis": "meta-analysis",
    "network meta-analysis": "meta-analysis",
    "systematic review": "systematic review",
    "randomized controlled trial": "rct",
    "randomized controlled trial, veterinary": "rct",
    "clinical trial": "clinical trial",
    "clinical trial, phase i": "clinical trial",
    "clinical trial, phase ii": "clinical trial",
    "clinical trial, phase iii": "clinical trial",
    "clinical trial, phase iv": "clinical trial",
    "clinical trial, veterinary": "clinical trial",
    "controlled clinical trial": "clinical trial",
    "pragmatic clinical trial": "clinical trial",
    "equivalence trial": "clinical trial",
    "adaptive clinical trial": "clinical trial",
    "observational study": "observational",
    "observational study, veterinary": "observational",
    "case reports": "case report",
    "review": "review",
    "scoping review": "review",
}

#: Highest level of evidence first (the order of STUDY_DESIGNS).
_RANK = {design: rank for rank, design in enumerate(STUDY_DESIGNS)}

HUMANS_UI = "D006801"
ANIMALS_UI = "D000818"


def study_design(publication_types: Iterable[str]) -> str:
    """The strongest design class among a record's publication types ("other" if none)."""
    best = "other"
    for publication_type in publication_types:
        design = _DESIGN_OF_TYPE.get(publication_type.strip().lower())
        if design is not None and _RANK[design] < _RANK[best]:
            best = design
    return best


def species(mesh: Iterable[MeshHeading | str]) -> tuple[bool, bool]:
    """(humans, animals) from the Humans / Animals check tags, by UI or by descriptor name.

    Both can be true (a study of humans and animals); both false means not indexed yet or
    neither (e.g. in-vitro work)."""
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

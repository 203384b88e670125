"""Article plain text → draft outline.

Reads text in the shape of web articles copied as plain text (the ketamine seed is one):
section headings on their own line, sub-headings ending in ':' that open a list, bullets
`• Label: sentence`, and paragraphs. Every bullet becomes one claim; its draft query is the
subject AND the bullet label's key words in [tiab]. A draft is for a person to refine (MeSH
terms, synonyms), but it always passes `outline check`.

Plain text keeps no heading levels, so a heading's role is read from its neighbours: a
heading right after another heading is the first one's lead sub-heading; a heading whose
section holds no bullets (a closing remark, an FAQ question, page furniture) opens no topic,
except that a 'Title: Subtitle' heading without bullets lends its title to the untitled
sub-section that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from store.errors import OutlineImportError

BULLET_MARKS = ("•", "◦", "▪", "- ", "* ", "– ")
_MIN_READ = re.compile(r"\s*\d+\s*min(ute)?s? read\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")

#: Words too general to search on: English function words and article filler.
STOP_WORDS = frozenset(
    """
    a about above across after again against all almost also although always am among an and
    any are around as at be because been before being below between both but by can could did
    do does doing down during each either enough especially even ever every few for from
    further had has have having he her here hers him his how however i if in into is it its
    itself just least less like made make makes making many may me might more most much must my
    near neither no nor not of off often on once only or other our out over own per perhaps
    rather same she should since so some such than that the their them then there these they
    this those though through thus to too toward towards under until up upon us very via was
    we were what when where whether which while who whom whose why will with within without
    would yet you your
    potential potentially role roles new novel various different certain specific key
    approach approaches aspect aspects issue issues consideration considerations understanding
    exploring addressing investigating identifying analyzing analysing assessing tracking
    delving uncovering unveiling navigating enhancing improving improved improvement enabling
    empowering setting ensure ensuring individuals people patients patient use used using
    effect effects impact influence way ways level levels based focus further ongoing
    """.split()
)


@dataclass
class _Bullet:
    label: str
    sentence: str
    group: str


@dataclass
class _Section:
    title: str
    bullets: list[_Bullet] = field(default_factory=list)


def slugify(text: str, *, max_words: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(words[:max_words]) or "item"


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLET_MARKS)


def _is_group(line: str) -> bool:
    return line.endswith(":") and len(line.split()) <= 12 and not _is_bullet(line)


def _is_heading(line: str) -> bool:
    """Short lines without sentence-ending punctuation (FAQ questions count as headings)."""
    return (
        not _is_bullet(line)
        and not _is_group(line)
        and len(line.split()) <= 16
        and not line.endswith((".", "!", ";", ","))
    )


def parse_article(text: str) -> tuple[str, list[_Section]]:
    """(article title, sections with their bullets), in the rules of the module docstring."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise OutlineImportError("the article is empty")
    title = _MIN_READ.sub("", lines[0]).strip()
    sections: list[_Section] = []
    current: _Section | None = None
    group = ""
    previous_was_heading = True  # the title line counts as a heading
    for line in lines[1:]:
        if _is_bullet(line):
            body = line.lstrip("•◦▪-*– ").strip()
            label, sep, sentence = body.partition(":")
            if not sep:
                label, sentence = " ".join(body.split()[:6]), body
            if current is None:
                current = _Section("Introduction")
                sections.append(current)
            current.bullets.append(_Bullet(label.strip(), sentence.strip(), group))
            previous_was_heading = False
        elif _is_group(line):
            group = line[:-1].strip()
            previous_was_heading = False
        elif _is_heading(line):
            if not previous_was_heading:
                current = _Section(line)
                sections.append(current)
            group = ""  # bullets after a sub-heading no longer sit under the old list heading
            previous_was_heading = True
        else:
            previous_was_heading = False
    return title, _settle(sections)


def _settle(sections: list[_Section]) -> list[_Section]:
    """Drop bullet-less sections; a 'Title: Subtitle' one names the untitled section after it."""
    kept: list[_Section] = []
    pending: str | None = None
    for i, section in enumerate(sections):
        if section.bullets:
            if pending:
                section.title = pending
            pending = None
            kept.append(section)
            continue
        following = sections[i + 1] if i + 1 < len(sections) else None
        if ": " in section.title and following is not None and ": " not in following.title:
            pending = section.title
        else:
            pending = None
    return kept


def key_terms(text: str, subject: str, *, limit: int = 3) -> list[str]:
    subject_words = {w.lower() for w in _WORD.findall(subject)}
    terms: list[str] = []
    for raw in _WORD.findall(text.replace("’s", "").replace("'s", "")):
        word = raw.lower()
        if len(word) < 3 or word in STOP_WORDS or word in subject_words or word in terms:
            continue
        terms.append(word)
        if len(terms) == limit:
            break
    return terms


def _tiab(term: str) -> str:
    return f'"{term}"[tiab]' if not term.isalnum() else f"{term}[tiab]"


def draft_query(subject: str, label: str, sentence: str) -> str:
    """Subject AND the label's key words; the sentence lends words when the label has none."""
    subject_part = f'"{subject}"[tiab]' if " " in subject or "-" in subject else f"{subject}[tiab]"
    terms = key_terms(label, subject)
    if not terms:
        terms = key_terms(sentence, subject, limit=2)
    if not terms:
        return subject_part
    return f"{subject_part} AND ({' AND '.join(_tiab(t) for t in terms)})"


def build_outline(text: str, *, subject: str, source: str) -> dict:
    """The draft outline as plain data, ready for yaml.safe_dump."""
    subject = " ".join(subject.split())
    if not subject or '"' in subject or any(c in subject for c in "()[]"):
        raise OutlineImportError(f"--subject {subject!r}: give a plain term such as 'ketamine'")
    try:
        title, sections = parse_article(text)
    except OutlineImportError as exc:
        raise OutlineImportError(f"{source}: {exc}") from None
    if not sections:
        raise OutlineImportError(
            f"{source}: no bullets found: the importer needs lines starting with '•'"
        )
    used_topics: set[str] = set()
    used_claims: set[str] = set()
    topics = []
    for section in sections:
        topic_id = _unique(slugify(section.title.split(":")[0], max_words=5), used_topics)
        claims = []
        for bullet in section.bullets:
            claim: dict[str, str] = {
                "id": _unique(slugify(bullet.label), used_claims),
            }
            if bullet.group:
                claim["group"] = bullet.group
            sentence = bullet.sentence or bullet.label
            claim["claim"] = sentence
            claim["query"] = draft_query(subject, bullet.label, sentence)
            claim["notes"] = (
                f"Bullet '{bullet.label}'. Draft query from its words: add MeSH terms and synonyms."
            )
            claims.append(claim)
        topics.append({"id": topic_id, "title": section.title, "claims": claims})
    return {"title": title, "source": source, "subject": subject, "topics": topics}


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate = f"{slug}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def import_article(
    article: str | Path, *, subject: str, out: str | Path, force: bool = False
) -> dict:
    """Write a draft outline for `article` to `out`; returns the outline data written."""
    article, out = Path(article), Path(out)
    if article.is_dir():
        raise OutlineImportError(f"{article}: is a directory; give the article's text file")
    if not article.is_file():
        raise OutlineImportError(f"{article}: no such file")
    if out.exists() and not force:
        raise OutlineImportError(f"{out}: already exists (use --force to overwrite)")
    try:
        text = article.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise OutlineImportError(f"{article}: not UTF-8 text") from None
    data = build_outline(text, subject=subject, source=str(article))
    header = (
        f"# Draft outline made by `littrack outline import` from {article}.\n"
        "# Refine each claim and query (MeSH terms, synonyms) before tracking it;\n"
        "# claim ids become database keys once fetched: do not rename them afterwards.\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise OutlineImportError(f"{out}: cannot write: {exc.strerror}") from None
    return data


__all__ = ["build_outline", "draft_query", "import_article", "key_terms", "parse_article"]

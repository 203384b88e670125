"""Outline loading and validation, the shipped ketamine outline, and `littrack outline check`."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from fetchers.cli import cli
from fetchers.outline.load import OutlineError, check_outline, load_outline
from store.models import Outline

HERE = Path(__file__).resolve().parent
OUTLINES = HERE / "outlines"
ROOT = HERE.parent
KETAMINE = ROOT / "data" / "outlines" / "ketamine-analgesia.yaml"
SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "ketamine-analgesic-article.txt"


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line of `path` containing `needle` (read from the file)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- loading ---------------------------------------------------------------------------


def test_load_valid_outline_builds_models():
    outline = load_outline(OUTLINES / "valid-minimal.yaml")
    assert isinstance(outline, Outline)
    assert outline.subject == "ketamine"
    assert [t.topic_id for t in outline.topics] == ["postoperative"]
    first, second = outline.claims
    assert first.claim_id == "postop-opioid-sparing"
    assert first.topic_id == "postoperative"
    assert first.group == "Revolutionizing Postoperative Care"
    assert first.query.startswith("(ketamine[mh] OR ketamine[tiab]) AND")
    assert "\n" not in first.query  # folded YAML becomes one line
    assert first.reference_query.startswith('("Pain, Postoperative"[mh]')
    assert (first.position, second.position) == (0, 1)
    assert second.notes == "Mostly case series of recreational users."
    assert second.group == "" and second.reference_query == ""


def test_load_raises_one_line_error_naming_file_line_and_claim():
    path = OUTLINES / "broken-fields.yaml"
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    message = str(info.value)
    assert "\n" not in message
    # the first problem in file order is the missing 'subject' at the top
    assert message.startswith(f"{path}:")
    assert "missing field 'subject'" in message
    assert re.search(r"\(and \d+ more; run 'littrack outline check ", message)


def test_load_error_for_a_bad_query_names_the_claim(tmp_path):
    path = tmp_path / "outline.yaml"
    path.write_text(
        "title: t\nsource: s\nsubject: ketamine\ntopics:\n"
        "  - id: pain\n    title: Pain\n    claims:\n"
        "      - id: postop-opioid-sparing\n        claim: c\n"
        "        query: (ketamine[tiab] AND opioid*[tiab]\n",
        encoding="utf-8",
    )
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert str(info.value) == f"{path}:10: claim 'postop-opioid-sparing': unbalanced '(' in query"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.yaml", "{p}: no such file"),
        (lambda p: p, "{p}: is a directory, not an outline file"),
    ],
)
def test_bad_paths_raise(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(OutlineError) as info:
        check_outline(path)
    assert str(info.value) == message.format(p=path)


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(
        OutlineError, match=r"latin1.yaml: not UTF-8 text \(bad byte at offset 10\)"
    ):
        check_outline(path)


# --- validation: each error type, located --------------------------------------------------

BROKEN = OUTLINES / "broken-fields.yaml"


def _errors(path: Path) -> list[str]:
    return [str(e) for e in check_outline(path).errors]


@pytest.mark.parametrize(
    ("claim_id", "needle", "problem"),
    [
        ("unbalanced-paren", "query: (ketamine[mh] OR", "unbalanced '(' in query"),
        ("unbalanced-quote", '"Pain, Postoperative[mh]', "unbalanced '\"' in query"),
        ("dangling-operator", "query: ketamine[tiab] AND\n", "query ends with Boolean operator"),
        ("unknown-tag", "ketamine[tiabs]", "unknown field tag '[tiabs]'"),
        ("empty-parens", "AND ()", "empty parentheses '()' in query"),
        ("bad-reference", "AND OR analgesia", "reference_query: Boolean operators 'AND OR'"),
        ("typo-field", "qeury:", "unknown field 'qeury' in a claim"),
        ("Not_A_Slug", "id: Not_A_Slug", "claim id 'Not_A_Slug' is not a slug"),
    ],
)
def test_each_error_names_claim_and_line(claim_id, needle, problem):
    text = BROKEN.read_text(encoding="utf-8")
    if needle.endswith("\n"):
        line = text[: text.index(needle)].count("\n") + 1
    else:
        line = line_of(BROKEN, needle)
    expected_prefix = f"{BROKEN}:{line}: claim '{claim_id}': {problem}"
    assert any(e.startswith(expected_prefix) for e in _errors(BROKEN)), _errors(BROKEN)


def test_missing_fields_and_duplicates():
    errors = _errors(BROKEN)
    first_id = line_of(BROKEN, "- id: unbalanced-paren")
    second_id = line_of(BROKEN, "claim: A claim id used twice") - 1
    assert (
        f"{BROKEN}:{second_id}: claim 'unbalanced-paren': "
        f"duplicate claim id (first at line {first_id})" in errors
    )
    missing_at = line_of(BROKEN, "- id: missing-query")
    assert f"{BROKEN}:{missing_at}: claim 'missing-query': missing field 'query'" in errors
    assert f"{BROKEN}:{line_of(BROKEN, 'title: An outline')}: missing field 'subject'" in errors
    first_topic = line_of(BROKEN, "- id: fields")
    second_topic = line_of(BROKEN, "title: A topic id used twice") - 1
    assert (
        f"{BROKEN}:{second_topic}: topic 'fields': duplicate topic id (first at line {first_topic})"
        in errors
    )


def test_report_counts_and_every_error_collected():
    report = check_outline(BROKEN)
    assert not report.ok
    assert report.outline is None
    text = BROKEN.read_text(encoding="utf-8")
    assert report.topics == text.count("\n  - id: ")
    assert report.claims == text.count("\n      - id: ")
    # one error per broken claim/field in the file, none dropped after the first
    assert len(report.errors) == 12


def test_yaml_syntax_error_has_line_and_column():
    path = OUTLINES / "broken-syntax.yaml"
    report = check_outline(path)
    (error,) = report.errors
    lines = path.read_text(encoding="utf-8").splitlines()
    end_line = len(lines) + 1  # the unterminated quote runs to the end of the stream
    quote_line = line_of(path, 'title: "Postoperative pain')
    quote_col = lines[quote_line - 1].index('"') + 1
    assert error.line == end_line and error.column == 1
    assert str(error) == (
        f"{path}:{end_line}: YAML syntax error at line {end_line}, column 1: found unexpected end "
        f"of stream (while scanning a quoted scalar that starts at line {quote_line}, column "
        f"{quote_col})"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty file: no outline in it"),
        ("- just\n- a list\n", "the outline must be a mapping of fields"),
        ("title: t\nsource: s\nsubject: k\ntopics: []\n", "'topics' must be a non-empty list"),
        ("title: t\nsource: s\nsubject: k\ntopics:\n  - id: a\n    title: A\n    claims: []\n",
         "topic 'a': 'claims' must be a non-empty list"),
        ("title: 12\nsource: s\nsubject: k\ntopics: x\n", "field 'title' must be text"),
        ("title:\nsource: s\nsubject: k\ntopics: x\n", "field 'title' is empty"),
        ("title: t\ntitle: u\nsource: s\nsubject: k\ntopics: x\n",
         "duplicate field 'title' (first at line 1)"),
        ("title: t\nsource: s\nsubject: k\ntopics:\n  - id: Pain Topic\n    title: A\n"
         "    claims:\n      - {id: c, claim: c, query: 'q[tiab]'}\n",
         "topic 'Pain Topic': topic id 'Pain Topic' is not a slug"),
    ],
)  # fmt: skip
def test_structural_errors(tmp_path, text, problem):
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    errors = _errors(path)
    assert any(problem in e for e in errors), errors


# --- the shipped ketamine outline ---------------------------------------------------------


def _seed_lines() -> list[str]:
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    # web-page furniture after the last FAQ answer
    while lines[-1] in ("Author picture", "Scroll to Top"):
        lines.pop()
    return lines


def _kind(line: str) -> str:
    if line.startswith("•"):
        return "bullet"
    if line.endswith(":") and len(line.split()) <= 12:
        return "group"
    if len(line.split()) <= 16 and not line.endswith((".", "!")):
        return "heading"
    return "paragraph"


def seed_structure():
    """Sections, headings and bullets-per-list read from the article itself.

    A section heading is a heading in 'Title: Subtitle' form (or one that carries its own
    lead sub-heading) that does not itself follow a heading and is not an FAQ question.
    """
    lines = _seed_lines()[1:]  # the first line is the article title
    kinds = [_kind(ln) for ln in lines]
    sections: list[str] = []
    sub_headings: list[str] = []
    bullets_per_group: dict[tuple[str, str], int] = {}
    intro_bullets = 0
    group = None
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        prev = kinds[i - 1] if i else "paragraph"
        nxt = kinds[i + 1] if i + 1 < len(kinds) else "paragraph"
        if kind == "heading":
            is_section = (
                prev != "heading" and not line.endswith("?") and (": " in line or nxt == "heading")
            )
            (sections if is_section else sub_headings).append(line)
            group = None
        elif kind == "group":
            group = line[:-1]
        elif kind == "bullet":
            if not sections:
                intro_bullets += 1
            else:
                key = (sections[-1], group)
                bullets_per_group[key] = bullets_per_group.get(key, 0) + 1
    return sections, sub_headings, bullets_per_group, intro_bullets


def test_seed_structure_matches_the_issue():
    sections, _, bullets, intro = seed_structure()
    assert intro == 6
    assert sum(bullets.values()) == 74
    assert len(sections) >= 18


def test_ketamine_outline_is_valid_and_large_enough():
    report = check_outline(KETAMINE)
    assert report.ok, [str(e) for e in report.errors]
    assert report.claims >= 74
    outline = load_outline(KETAMINE)
    assert outline.subject == "ketamine"
    assert Path(outline.source).name == SEED.name


def test_ketamine_outline_has_one_topic_per_section_in_article_order():
    sections, _, _, _ = seed_structure()
    outline = load_outline(KETAMINE)
    assert [t.title for t in outline.topics] == sections


def test_every_bullet_list_of_the_article_is_covered_claim_for_claim():
    _, _, bullets, _ = seed_structure()
    outline = load_outline(KETAMINE)
    by_title = {t.title: t for t in outline.topics}
    for (section, group), count in bullets.items():
        claims = [c for c in by_title[section].claims if c.group == group]
        assert len(claims) == count, (section, group)


def test_every_sub_heading_is_a_group_and_every_section_has_an_opening_claim():
    sections, sub_headings, bullets, _ = seed_structure()
    outline = load_outline(KETAMINE)
    groups = {c.group for c in outline.claims}
    missing = [h for h in sub_headings if h not in groups]
    assert not missing
    bullet_groups = {g for _, g in bullets}
    for topic in outline.topics:
        # at least one claim comes from prose (an opening paragraph or lead sub-heading)
        assert any(c.group not in bullet_groups for c in topic.claims), topic.topic_id


def test_ketamine_queries_use_the_subject_block_and_the_emulator_subset():
    allowed = {"mh", "mh:noexp", "majr", "sh", "tiab", "ti", "ab", "la", "dp", "tw", "all"}
    outline = load_outline(KETAMINE)
    assert "esketamine[tiab]" in outline.subject_query and "Spravato[tiab]" in outline.subject_query
    for claim in outline.claims:
        if claim.context:
            assert claim.block == "" and "ketamine" not in claim.query.lower(), claim.claim_id
        else:
            assert claim.query.startswith(f"{outline.subject_query} AND ("), claim.claim_id
            # the subject's own terms are not repeated in a claim's block
            assert not re.search(r"\bketamine\[", claim.block, flags=re.I), claim.claim_id
        tags = {t.lower() for t in re.findall(r"\[([^\]]+)\]", claim.query)}
        # no design ([pt]) or subset ([sb]) filter in a claim query; a context claim may
        # bound itself to syntheses (its literature is a yardstick, not the article's)
        assert tags <= (allowed | {"pt", "sb"} if claim.context else allowed), (
            claim.claim_id,
            tags - allowed,
        )
        for word in re.findall(r"[\w\-]+\*", claim.query):
            assert len(word) - 1 >= 4, (claim.claim_id, word)
        if claim.reference_query:
            # the reference query is the claim's question without the subject
            assert not claim.context, claim.claim_id
            assert claim.reference_query == claim.block, claim.claim_id


def test_ketamine_outline_revision_numbers():
    """The revised outline (issue 12): 115 claims in 20 topics, the Alternatives bullets as
    context claims, FAQ restatements marked, clinical claims scoped to humans."""
    outline = load_outline(KETAMINE)
    claims = {c.claim_id: c for c in outline.claims}
    assert (len(outline.topics), len(claims)) == (20, 115)
    context = {c.claim_id for c in outline.claims if c.context}
    assert context == {
        "opioids-established-relief", "opioid-dependency-misuse", "nsaids-anti-inflammatory",
        "nsaid-gi-cardiovascular-risk", "physical-therapy-function",
        "physical-therapy-time-intensive", "acupuncture-holistic",
        "alternative-therapy-variable-efficacy",
    }  # fmt: skip
    assert all(c.topic_id == "alternatives" for c in outline.claims if c.context)
    restating = {c.claim_id: c.restates for c in outline.claims if c.restates}
    assert len(restating) == 8
    assert all(cid.startswith("faq-") and target in claims for cid, target in restating.items())
    assert sum(c.scope == "humans" for c in outline.claims) == 89
    assert claims["heart-rate-increase"].scope == "humans"
    # abuse liability is measured in animal self-administration studies
    assert claims["lower-dependency-than-opioids"].scope == "any"
    assert claims["faq-dependency-lower"].scope == "any"
    assert claims["nmda-antagonism-analgesia"].scope == "any"
    assert "chronic-noncancer-pain" in claims
    assert "Departs from the article" in claims["faq-approval-status"].notes
    # a harm is tied to ketamine: no free subheading, which attaches to any heading
    assert not any("[sh]" in c.query for c in outline.claims)
    for harm in (
        "respiratory-depression-high-dose",
        "mood-swings",
        "anxiety-confusion",
        "urinary-frequency",
        "bladder-dysfunction-cystitis",
        "side-effects-inform-decisions",
    ):
        assert '"Ketamine/adverse effects"[mh]' in claims[harm].query, harm
    # every claim has a type; what is high-level evidence follows it (store.evidence.badge)
    types = Counter(c.type for c in outline.claims)
    assert types == {
        "efficacy": 33, "practice": 31, "mechanism": 24, "safety": 23, "epidemiology": 4
    }  # fmt: skip
    assert claims["nmda-antagonism-analgesia"].type == "mechanism"
    assert claims["bladder-dysfunction-cystitis"].type == "safety"


def test_ketamine_outline_keeps_every_claim_id_of_0_1_0():
    """Claim ids are database keys: the revision added one claim and renamed none."""
    old = subprocess.run(
        ["git", "show", "c8dd896:data/outlines/ketamine-analgesia.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if old.returncode != 0:
        pytest.skip("git history not available")
    old_ids = set(re.findall(r"^      - id: ([a-z0-9-]+)$", old.stdout, flags=re.M))
    new_ids = {c.claim_id for c in load_outline(KETAMINE).claims}
    assert len(old_ids) == 114
    assert old_ids <= new_ids and new_ids - old_ids == {"chronic-noncancer-pain"}


def test_ketamine_claim_ids_are_unique_slugs():
    outline = load_outline(KETAMINE)
    ids = [c.claim_id for c in outline.claims]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


# --- CLI --------------------------------------------------------------------------------


def test_cli_check_default_outline_summary(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, ["outline", "check"])
    assert result.exit_code == 0, result.output
    outline = load_outline(KETAMINE)
    assert f"topics: {len(outline.topics)}\n" in result.output
    assert f"claims: {len(outline.claims)}\n" in result.output
    for topic in outline.topics:
        assert re.search(rf"^  {topic.topic_id}\s+{len(topic.claims)}$", result.output, re.M)
    # the revised shipped outline has no lint warning either: it passes --strict
    assert result.output.rstrip().splitlines()[-1] == "valid"
    strict = runner.invoke(cli, ["outline", "check", "--strict"])
    assert strict.exit_code == 0, strict.output
    assert "warning" not in strict.output


def test_cli_check_uses_littrack_outline_setting(runner, monkeypatch):
    monkeypatch.setenv("LITTRACK_OUTLINE", str(OUTLINES / "valid-minimal.yaml"))
    result = runner.invoke(cli, ["outline", "check"])
    assert result.exit_code == 0
    assert "claims: 2\n" in result.output


def test_cli_check_json_shape(runner):
    result = runner.invoke(
        cli, ["outline", "check", "--json", str(OUTLINES / "valid-minimal.yaml")]
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == {"topics": 1, "claims": 2, "errors": [], "warnings": []}


def test_cli_check_json_errors(runner):
    result = runner.invoke(cli, ["outline", "check", "--json", str(BROKEN)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"topics", "claims", "errors", "warnings"}
    assert (data["topics"], data["claims"]) == (3, 11)
    by_claim = {e["claim"]: e for e in data["errors"] if e["claim"]}
    unknown = by_claim["unknown-tag"]
    assert unknown["line"] == line_of(BROKEN, "ketamine[tiabs]")
    assert unknown["problem"] == "unknown field tag '[tiabs]'"
    assert (
        unknown["message"]
        == f"{BROKEN}:{unknown['line']}: claim 'unknown-tag': {unknown['problem']}"
    )


def test_cli_check_invalid_exits_1_and_lists_errors(runner):
    result = runner.invoke(cli, ["outline", "check", str(BROKEN)])
    assert result.exit_code == 1
    assert "12 error(s):" in result.output
    assert f"{BROKEN}:{line_of(BROKEN, 'ketamine[tiabs]')}: claim 'unknown-tag'" in result.output


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("nope.yaml", "Error: nope.yaml: no such file\n"),
        (".", "Error: .: is a directory, not an outline file\n"),
    ],
)
def test_cli_bad_path_one_line_error(runner, monkeypatch, tmp_path, arg, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["outline", "check", arg])
    assert result.exit_code == 1
    assert result.output == message
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_unknown_option_is_one_line_usage_error(runner):
    result = runner.invoke(cli, ["outline", "check", "--bogus"])
    assert result.exit_code == 2
    assert "No such option: --bogus" in result.output or "No such option '--bogus'" in result.output


@pytest.mark.parametrize("args", [["outline"], ["outline", "check"], ["outline", "import"]])
def test_help_has_example(runner, args):
    result = runner.invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    assert "Example: littrack outline" in result.output

"""`littrack outline import`: article text → a draft outline that passes `outline check`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fetchers.cli import cli
from fetchers.outline.article_import import draft_query, key_terms
from fetchers.outline.load import check_outline, load_outline

HERE = Path(__file__).resolve().parent
SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "ketamine-analgesic-article.txt"
MELATONIN = HERE / "outlines" / "article-melatonin-sleep.txt"

ARTICLES = [
    pytest.param(SEED, "ketamine", id="ketamine-seed"),
    pytest.param(MELATONIN, "melatonin", id="melatonin-test-article"),
]


def bullets_of(path: Path) -> list[tuple[str, str]]:
    """(label, sentence) of every '•' line, read straight from the article."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("•"):
            body = line[1:].strip()
            label, sep, sentence = body.partition(":")
            found.append((label.strip(), sentence.strip()) if sep else ("", body))
    return found


def list_headings_of(path: Path) -> set[str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return {ln[:-1] for ln in lines if ln.endswith(":") and len(ln.split()) <= 12}


@pytest.mark.parametrize(("article", "subject"), ARTICLES)
def test_every_bullet_becomes_a_claim_and_the_draft_passes_check(
    runner, tmp_path, article, subject
):
    out = tmp_path / "draft.yaml"
    result = runner.invoke(
        cli, ["outline", "import", str(article), "--subject", subject, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = check_outline(out)
    assert report.ok, [str(e) for e in report.errors]
    outline = load_outline(out)
    bullets = bullets_of(article)
    assert len(outline.claims) == len(bullets)
    # in article order, each claim carries its bullet's sentence
    assert [c.claim for c in outline.claims] == [s or lbl for lbl, s in bullets]
    assert all(c.query.startswith(f"{subject}[tiab]") for c in outline.claims)
    assert outline.subject == subject and outline.source == str(article)
    # every list heading (a line ending in ':') is kept as a claim group
    assert {c.group for c in outline.claims if c.group} == list_headings_of(article)
    assert f"{out}: {len(outline.topics)} topics, {len(bullets)} claims (draft)" in result.output


def test_seed_topics_follow_the_sections_that_hold_bullets():
    out_text = SEED.read_text(encoding="utf-8")
    from fetchers.outline.article_import import build_outline

    data = build_outline(out_text, subject="ketamine", source="seed")
    titles = [t["title"] for t in data["topics"]]
    assert titles[0] == "Introduction"
    # 'Weighing Benefits…' holds its bullets under the sub-heading 'Navigating a Psychotropic
    # Realm'; the section's own title must win
    assert "Weighing Benefits and Concerns: The Ketamine Conundrum" in titles
    assert "Navigating a Psychotropic Realm" not in titles
    for title in titles[1:]:
        assert title in out_text.splitlines() or f"{title}\n" in out_text
    assert (
        data["title"]
        == "Is Ketamine an Analgesic? Exploring Its Powerful Pain-Relieving Properties"
    )


def test_melatonin_article_structure():
    from fetchers.outline.article_import import build_outline

    data = build_outline(MELATONIN.read_text(encoding="utf-8"), subject="melatonin", source="m")
    assert [t["title"] for t in data["topics"]] == [
        "Introduction",
        "Melatonin and the Circadian Clock: A Hormone of Darkness",
        "Clinical Uses: From Jet Lag to Insomnia",
        "Safety and Dosing: Keeping It Simple",
    ]
    assert data["title"] == "Does Melatonin Help You Sleep? What the Evidence Says"
    sleep_onset = data["topics"][2]["claims"][2]
    assert sleep_onset["id"] == "sleep-onset"
    assert sleep_onset["group"] == "Insomnia in Older Adults"
    assert sleep_onset["query"] == "melatonin[tiab] AND (sleep[tiab] AND onset[tiab])"


def test_refuses_to_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "draft.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    args = ["outline", "import", str(MELATONIN), "--subject", "melatonin", "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.output == f"Error: {out}: already exists (use --force to overwrite)\n"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["subject"] == "melatonin"


def test_missing_article_is_one_line_error(runner, tmp_path):
    result = runner.invoke(
        cli,
        [
            "outline",
            "import",
            str(tmp_path / "no.txt"),
            "--subject",
            "x",
            "--out",
            str(tmp_path / "o.yaml"),
        ],
    )
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'no.txt'}: no such file\n"


def test_article_without_bullets_is_refused(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("A title\n\nJust a paragraph of prose, nothing listed.\n", encoding="utf-8")
    result = runner.invoke(
        cli,
        ["outline", "import", str(article), "--subject", "x", "--out", str(tmp_path / "o.yaml")],
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {article}: no bullets found")
    assert len(result.output.splitlines()) == 1
    assert not (tmp_path / "o.yaml").exists()


def test_empty_article_names_the_file(runner, tmp_path):
    article = tmp_path / "empty.txt"
    article.write_text("\n \n", encoding="utf-8")
    result = runner.invoke(
        cli,
        ["outline", "import", str(article), "--subject", "x", "--out", str(tmp_path / "o.yaml")],
    )
    assert result.exit_code == 1
    assert result.output == f"Error: {article}: the article is empty\n"


def test_a_directory_is_not_an_article(runner, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    result = runner.invoke(
        cli,
        ["outline", "import", str(folder), "--subject", "x", "--out", str(tmp_path / "o.yaml")],
    )
    assert result.exit_code == 1
    assert result.output == f"Error: {folder}: is a directory; give the article's text file\n"
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize("subject", ['ket"amine', "(ketamine", ""])
def test_bad_subject_refused(runner, tmp_path, subject):
    result = runner.invoke(
        cli,
        [
            "outline",
            "import",
            str(MELATONIN),
            "--subject",
            subject,
            "--out",
            str(tmp_path / "o.yaml"),
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: --subject")


def test_key_terms_drop_stop_words_and_the_subject():
    assert key_terms("Ketamine’s Potential Role in the Opioid Crisis", "ketamine") == [
        "opioid",
        "crisis",
    ]


def test_draft_query_falls_back_to_the_sentence_and_quotes_multiword_subjects():
    assert draft_query("deep brain stimulation", "Potential Role", "Tremor improves.") == (
        '"deep brain stimulation"[tiab] AND (tremor[tiab] AND improves[tiab])'
    )

"""`littrack outline check` and `littrack outline import`."""

from __future__ import annotations

import json

import click

from fetchers import settings
from fetchers.cli.options import json_option
from fetchers.outline.article_import import import_article
from fetchers.outline.load import OutlineReport, check_outline


@click.group()
def outline() -> None:
    """Check an outline, or draft one from an article's text.

    Example: littrack outline check data/outlines/ketamine-analgesia.yaml
    """


@outline.command("check")
@click.argument("path", required=False, metavar="[PATH]")
@json_option('Print {"topics": N, "claims": N, "errors": [...]} instead of the summary.')
def check(path: str | None, as_json: bool) -> None:
    """Validate the outline at PATH (default: LITTRACK_OUTLINE, else the ketamine outline).

    Reports YAML syntax errors with line and column, missing or unknown fields, duplicate or
    malformed ids, and query problems (unbalanced parentheses or quotes, empty terms, dangling
    Boolean operators, unknown field tags), each naming its claim. Exit status 0 when valid,
    1 when not.

    Example: littrack outline check --json data/outlines/ketamine-analgesia.yaml
    """
    path = settings.resolve("outline", path)
    report = check_outline(path)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(_summary(report))
    if not report.ok:
        raise SystemExit(1)


def _summary(report: OutlineReport) -> str:
    lines = []
    if report.title:
        lines.append(f"{report.path}: {report.title}")
    else:
        lines.append(report.path)
    lines.append(f"topics: {report.topics}")
    lines.append(f"claims: {report.claims}")
    if report.claims_per_topic:
        lines.append("claims per topic:")
        width = max(len(topic_id) for topic_id, _, _ in report.claims_per_topic)
        for topic_id, _title, n in report.claims_per_topic:
            lines.append(f"  {topic_id:<{width}}  {n:>3}")
    if report.errors:
        lines.append(f"{len(report.errors)} error(s):")
        lines.extend(str(e) for e in report.errors)
    else:
        lines.append("valid")
    return "\n".join(lines)


@outline.command("import")
@click.argument("article", metavar="ARTICLE")
@click.option(
    "--subject",
    required=True,
    metavar="TERM",
    help="The article's subject, ANDed into every draft query (e.g. ketamine).",
)
@click.option(
    "--out",
    required=True,
    metavar="FILE",
    help="Where to write the draft outline YAML.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def import_(article: str, subject: str, out: str, force: bool) -> None:
    """Draft an outline from ARTICLE, a plain-text article.

    Section headings become topics, sub-headings ending in ':' become groups, and every
    bullet ('• Label: sentence') becomes a claim whose draft query is the subject AND the
    label's key words in [tiab]. Refine the queries by hand before tracking them.

    Example: littrack outline import article.txt --subject ketamine --out data/outlines/new.yaml
    """
    data = import_article(article, subject=subject, out=out, force=force)
    report = check_outline(out)
    claims = sum(len(t["claims"]) for t in data["topics"])
    click.echo(f"{out}: {len(data['topics'])} topics, {claims} claims (draft)")
    if not report.ok:  # pragma: no cover - the importer writes only checked shapes
        for error in report.errors:
            click.echo(str(error), err=True)
        raise SystemExit(1)
    click.echo(f"next: edit the queries, then run: littrack outline check {out}")

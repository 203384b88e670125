"""`littrack outline check`, `outline import`, `outline history` and `outline explain`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from fetchers import settings
from fetchers.cli.explain import explain
from fetchers.cli.options import db_option, eutils_url_option, json_option
from fetchers.outline.article_import import import_article
from fetchers.outline.load import OutlineReport, check_outline


@click.group()
def outline() -> None:
    """Check an outline, or draft one from an article's text.

    Example: littrack outline check data/outlines/ketamine-analgesia.yaml
    """


@outline.command("check")
@click.argument("path", required=False, metavar="[PATH]")
@json_option(
    'Print {"topics": N, "claims": N, "errors": [...], "warnings": [...]} '
    '(with --online also "online": {...}) instead of the summary.'
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option(
    "--online",
    is_flag=True,
    help="Also ask PubMed how it reads each query: Count, QueryTranslation, warnings, and "
    "whether each [mh]/[majr] heading exists (answers cached per query text).",
)
@click.option(
    "--refresh", is_flag=True, help="With --online: ask PubMed again, ignoring cached answers."
)
@eutils_url_option
def check(
    path: str | None,
    as_json: bool,
    strict: bool,
    online: bool,
    refresh: bool,
    eutils_url: str | None,
) -> None:
    """Validate the outline at PATH (default: LITTRACK_OUTLINE, else the ketamine outline).

    Errors: YAML syntax (with line and column), missing or unknown fields, duplicate or
    malformed ids, query syntax PubMed would reinterpret (unbalanced parentheses or quotes,
    dangling Boolean operators, unknown field tags), unknown MeSH subheadings. Warnings
    (lint, see docs/outlines.md): design filters in claim queries, short or broad
    truncations, check-tag-only blocks, reference queries that are not the query without
    its subject block. Each names its file, line and claim. The last line is the verdict;
    exit status 1 on errors (and on warnings with --strict), else 0.

    Example: littrack outline check --strict --online data/outlines/ketamine-analgesia.yaml
    """
    path = settings.resolve("outline", path)
    report = check_outline(path)
    online_report = None
    if online and report.ok:
        online_report = _check_online(report, refresh=refresh, eutils_url=eutils_url)
    if as_json:
        data = report.as_json()
        if online_report is not None:
            data["online"] = online_report.as_json()
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(_summary(report))
        if online_report is not None:
            from fetchers.ops.query_online import format_table

            base = settings.resolve("eutils_url", eutils_url)
            if base != settings.DEFAULT_EUTILS_URL:
                click.echo(f"note: the answers below come from {base}, not NCBI's PubMed")
            click.echo(format_table(online_report))
        elif online:
            click.echo("not asking PubMed: fix the errors first")
    errors, warnings = len(report.errors), len(report.warnings)
    if online_report is not None:
        errors += len(online_report.errors)
        warnings += len(online_report.warnings)
    verdict, failed = _verdict(errors, warnings, strict)
    if not as_json:
        click.echo(verdict)
    if failed:
        raise SystemExit(1)


def _verdict(errors: int, warnings: int, strict: bool) -> tuple[str, bool]:
    """The last line of `outline check`, and whether it fails (exit 1): they always agree."""
    if errors:
        return f"not valid: {errors} error{'' if errors == 1 else 's'}", True
    if warnings and strict:
        return f"not valid under --strict: {warnings} warning{'' if warnings == 1 else 's'}", True
    return ("valid, with warnings" if warnings else "valid"), False


def _check_online(report: OutlineReport, *, refresh: bool, eutils_url: str | None):
    from fetchers.eutils.client import EutilsClient
    from fetchers.ops.query_online import AnswerCache, check_online, default_cache_path
    from fetchers.settings import EutilsSettings

    assert report.outline is not None
    cache = AnswerCache(default_cache_path(), refresh=refresh)
    client = EutilsClient(EutilsSettings.from_env(base_url=eutils_url))
    progress: Callable[[str], None] | None = None
    if sys.stderr.isatty():
        total = len(report.outline.claims)
        done: list[str] = []

        def show(what: str) -> None:
            claim_id = what.split()[0]
            if claim_id not in done:
                done.append(claim_id)
                click.echo(f"\rasking PubMed: claim {len(done)}/{total}", err=True, nl=False)

        progress = show

    try:
        return check_online(report.outline, client, cache, progress=progress)
    finally:
        if progress is not None:
            click.echo("", err=True)
        problem = cache.save()
        if problem:
            click.echo(f"note: answers not cached: {problem}", err=True)
        client.close()


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
    if report.warnings:
        lines.append(f"{len(report.warnings)} warning(s):")
        lines.extend(str(w) for w in report.warnings)
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


@outline.command("history")
@click.argument("claim_id", metavar="CLAIM_ID")
@db_option
@json_option("Print a list of {version, query, first_run, last_run, gained, lost}.")
def history(claim_id: str, db: str | None, as_json: bool) -> None:
    """Every version of CLAIM_ID's query, and the PMIDs each edit gained and lost.

    A version's gained/lost PMIDs are recorded by its first complete fetch, against the
    records the previous version matched; until then they are unknown.

    Example: littrack outline history postop-opioid-sparing --json
    """
    from store.db.connect import open_engine
    from store.fetch.ledger import claim_known, query_history

    engine = open_engine(db)
    try:
        if not claim_known(engine, claim_id):
            raise click.ClickException(
                f"claim '{claim_id}': not in the store (run 'littrack fetch' first, or "
                "check the id)"
            )
        versions = query_history(engine, claim_id)
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps([v.as_dict() for v in versions], indent=2))
        return
    for v in versions:
        runs = f"runs {v.first_run} .. {v.last_run}" if v.first_run else "not fetched yet"
        click.echo(f"version {v.version}  {runs}")
        click.echo(f"  query: {v.query or '(text not kept: older than the ledger)'}")
        if v.gained is None:
            if v.version > 1:
                click.echo("  gained/lost: not measured yet")
            continue
        click.echo(
            f"  vs version {v.compared_with}: gained {len(v.gained)}, lost {len(v.lost or [])}"
        )
        if v.gained:
            click.echo("  gained: " + " ".join(map(str, v.gained)))
        if v.lost:
            click.echo("  lost: " + " ".join(map(str, v.lost)))


# `outline explain` lives in its own module (fetchers/cli/explain.py).
outline.add_command(explain)

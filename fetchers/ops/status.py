"""`littrack status`: one report for people and monitoring alike (text or JSON, exit code).

The next scheduled run is not in the database; it comes from the installed cron entry or
systemd timer (fetchers.ops.schedule.state). Only masked database URLs are shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fetchers.ops.schedule.state import installed
from fetchers.ops.schedule.when import ScheduleError
from store.db.connect import mask_url, open_engine, parse_utc, resolve_db_url
from store.defaults import STALE_HOURS
from store.errors import StoreError
from store.evidence import counting as queries
from store.read import health, runs

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: Failed or stale claims listed by name in the text report (all are in the JSON).
LIST_LIMIT = 15


def _schedule_part(crontab_file: Path | None, unit_dir: Path | None, now: datetime) -> dict:
    try:
        found = installed(crontab_file, unit_dir)
    except ScheduleError as exc:
        return {"installed": [], "next_run": None, "error": str(exc)}
    items = [
        {
            "kind": item.kind,
            "where": item.where,
            "time": str(item.when) if item.when else None,
            "next_run": item.next_run(now).isoformat() if item.when else None,
        }
        for item in found
    ]
    runs = sorted(i["next_run"] for i in items if i["next_run"])
    nxt = min(runs, key=lambda t: datetime.fromisoformat(t)) if runs else None
    return {"installed": items, "next_run": nxt}


def collect_status(
    db: str | None,
    *,
    stale_hours: float = STALE_HOURS,
    crontab_file: Path | None = None,
    unit_dir: Path | None = None,
    now: datetime | None = None,
) -> dict:
    now = now or datetime.now(UTC)
    url = resolve_db_url(db)
    report: dict = {
        "database": mask_url(url),
        "checked_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "stale_hours": stale_hours,
        "schedule": _schedule_part(crontab_file, unit_dir, now),
    }
    try:
        engine = open_engine(url, create=False)
    except StoreError as exc:
        return {**report, "status": "no-data", "exit_code": health.NO_DATA, "message": str(exc)}
    try:
        if not queries.has_littrack_tables(engine):
            return {
                **report,
                "status": "no-data",
                "exit_code": health.NO_DATA,
                "message": "the database has no littrack tables (run `littrack fetch`)",
            }
        verdict = health.verdict(engine, stale_hours=stale_hours, now=now)
        claims = runs.claim_freshness(engine)
        report.update(
            status=verdict.state,
            exit_code=verdict.code,
            message=verdict.message,
            last_success_at=verdict.last_success_at,
            age_hours=None if verdict.age_hours is None else round(verdict.age_hours, 2),
            totals=health.totals(engine),
            last_runs=runs.last_runs(engine, 5),
        )
        newest = report["last_runs"]
        report["skipped_records"] = _skipped(engine, newest[0]["run_id"]) if newest else []
    finally:
        engine.dispose()
    for claim in claims:
        ok_at = parse_utc(claim["last_ok_at"])
        claim["fresh"] = bool(ok_at and (now - ok_at).total_seconds() <= stale_hours * 3600)
    report["claims"] = claims
    report["failed_claims"] = [c["claim_id"] for c in claims if c["last_status"] == "failed"]
    report["incomplete_claims"] = [
        c["claim_id"] for c in claims if c["last_status"] == "incomplete"
    ]
    report["stale_claims"] = [c["claim_id"] for c in claims if not c["fresh"]]
    return report


def _skipped(engine: Engine, run_id: int) -> list[dict]:
    """The newest run's unreadable records, as plain values for the JSON report."""
    frame = runs.skipped(engine, run_id=run_id, limit=100).drop(columns=["run_id"])
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict(orient="records")


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:LIST_LIMIT])
    return shown + (f", ... ({len(ids) - LIST_LIMIT} more)" if len(ids) > LIST_LIMIT else "")


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


_LABELS = {"ok": "OK", "warn": "WARN", "failed": "FAILED", "stale": "STALE", "no-data": "NO DATA"}


def _totals_lines(report: dict) -> list[str]:
    totals = report.get("totals")
    if not totals:
        return []
    raw = totals.get("all_records", totals["records"])
    # Evidence records, as the dashboard counts them; the raw retrieval beside them when
    # letters, editorials, notices or retracted records make a difference.
    also = f" ({raw} with non-evidence and retracted)" if raw != totals["records"] else ""
    return [
        f"{_count(totals['records'], 'record')}{also}, "
        f"{_count(totals['links'], 'claim link')}, "
        f"{_count(totals['claims'], 'claim')} in {_count(totals['topics'], 'topic')}"
    ]


def _schedule_lines(report: dict) -> list[str]:
    schedule = report["schedule"]
    if not schedule.get("next_run"):
        return ["Next scheduled run: none installed (littrack schedule install)"]
    kinds = ", ".join(f"{i['kind']} {i['time']}" for i in schedule["installed"])
    return [f"Next scheduled run: {schedule['next_run']} ({kinds})"]


def _run_line(run: dict) -> str:
    return (
        f"  #{run['run_id']} {run['started_at']} {run['status']}: "
        f"{_count(run['claims_total'], 'claim')}, {run['claims_failed']} failed, "
        f"{run.get('claims_incomplete', 0)} incomplete, "
        f"{_count(run.get('records_skipped', 0), 'record')} skipped, "
        f"{_count(run['new_records'], 'new record')}, "
        f"{_count(run['requests'], 'request')}, "
        f"{_count(run['retries'], 'retry', 'retries')}"
    )


def _runs_lines(report: dict) -> list[str]:
    runs = report.get("last_runs") or []
    return ["Last runs:", *map(_run_line, runs)] if runs else []


#: Claims listed by their last status: (report key, claim status, heading).
_CLAIM_GROUPS = (
    ("failed_claims", "failed", "Claims whose last fetch failed"),
    ("incomplete_claims", "incomplete", "Claims whose last fetch was incomplete"),
)


def _claim_group_lines(report: dict) -> list[str]:
    lines: list[str] = []
    for key, status, heading in _CLAIM_GROUPS:
        ids = report.get(key) or []
        if not ids:
            continue
        lines.append(f"{heading} ({len(ids)}): {_names(ids)}")
        first = next(
            (c for c in report["claims"] if c["last_status"] == status and c["last_error"]), None
        )
        if first is not None:
            lines.append(f"  {first['claim_id']}: {first['last_error'].splitlines()[0]}")
    return lines


def _skipped_lines(report: dict) -> list[str]:
    skipped = report.get("skipped_records") or []
    if not skipped:
        return []
    lines = [f"Records the last run skipped ({len(skipped)}):"]
    for row in skipped[:LIST_LIMIT]:
        pmid = "PMID ?" if row["pmid"] is None else f"PMID {row['pmid']}"
        lines.append(f"  {pmid} at {row['position']}: {row['reason']}")
    return lines


def _stale_lines(report: dict) -> list[str]:
    stale = report.get("stale_claims") or []
    if not (stale and report.get("claims")):
        return []
    return [
        f"Claims without a successful fetch in {report['stale_hours']:g} h "
        f"({len(stale)} of {len(report['claims'])}): {_names(stale)}"
    ]


#: The text report, section by section, in order.
_SECTIONS = (
    _totals_lines,
    _schedule_lines,
    _runs_lines,
    _claim_group_lines,
    _skipped_lines,
    _stale_lines,
)


def render_status(report: dict) -> str:
    """The text report: a verdict line, the database, then each section that has content."""
    state = _LABELS.get(report["status"], report["status"])
    lines = [f"littrack status: {state} - {report['message']}", f"Database: {report['database']}"]
    for section in _SECTIONS:
        lines.extend(section(report))
    return "\n".join(lines)

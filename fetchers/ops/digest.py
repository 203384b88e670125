"""The digest: publications first linked to a claim since a date, per topic and claim, as
Markdown or HTML, optionally sent by SMTP.

Only evidence is listed by default (no letters, editorials, notices, no retracted records;
`--all-records` lists every record), and an "Integrity alerts" section names the records
linked to a claim that became retracted or got an expression of concern in the window.

"New" means new to littrack (store/evidence/novelty.py), not newly published: a record PubMed
indexes with MeSH terms weeks after entry shows up when it starts matching. A claim's first
fetch is its baseline and lists nothing; each claim lists at most `per_claim` records plus a
count.
PubMed titles are data: escaped in HTML and in Markdown, never trusted as markup. The plain
text (standard output by default, and the e-mail's text part) is not Markdown: nothing in it
is escaped, so a text-only reader sees `Sub-Lingual`, not `Sub\\-Lingual`.
"""

from __future__ import annotations

import html
import re
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import getaddresses

from fetchers.settings import resolve
from store.db.connect import open_engine
from store.errors import DigestError, StoreError
from store.evidence import counting as queries
from store.evidence import novelty
from store.formats.links import doi_url, pubmed_url
from store.formats.markdown import md_escape
from store.formats.text import one_line
from store.read import health

DEFAULT_PER_CLAIM = 20


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`7d`, `36h`, `2w`, a date `2026-11-01` (midnight UTC) or an ISO timestamp.

    Shared by `digest --since` and `export --since`, so both accept the same words."""
    now = now or datetime.now(UTC)
    value = text.strip()
    match = re.fullmatch(r"(\d+)\s*([hdw])", value, flags=re.IGNORECASE)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        hours = {"h": 1, "d": 24, "w": 24 * 7}[unit] * amount
        try:
            return (now - timedelta(hours=hours)).replace(microsecond=0)
        except (OverflowError, ValueError):
            raise DigestError(
                f"--since {text!r}: reaches back before the year 1; give a date instead"
            ) from None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise DigestError(
            f"--since {text!r}: expected a duration (7d, 36h, 2w) or a date (2026-11-01)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso_utc(moment: datetime) -> str:
    """The form timestamps are stored in, so text comparison in SQL is time comparison."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class ClaimSection:
    claim_id: str
    claim: str
    items: list[dict]
    total: int


@dataclass
class TopicSection:
    topic_id: str
    title: str
    claims: list[ClaimSection]


def group(rows: Iterable[dict], per_claim: int = DEFAULT_PER_CLAIM) -> list[TopicSection]:
    """Rows from store.evidence.novelty.new_links (already ordered) → topics → claims."""
    topics: list[TopicSection] = []
    for row in rows:
        if not topics or topics[-1].topic_id != row["topic_id"]:
            topics.append(TopicSection(row["topic_id"], row["topic"], []))
        claims = topics[-1].claims
        if not claims or claims[-1].claim_id != row["claim_id"]:
            claims.append(ClaimSection(row["claim_id"], row["claim"], [], 0))
        section = claims[-1]
        section.total += 1
        if len(section.items) < per_claim:
            section.items.append(row)
    return topics


def _where(row: dict) -> str:
    parts = [row.get("journal_iso") or row.get("journal") or "", row.get("pub_date") or ""]
    if not parts[1] and row.get("pub_year"):
        parts[1] = str(row["pub_year"])
    return one_line(", ".join(p for p in parts if p))


def _summary_line(topics: list[TopicSection]) -> tuple[int, int]:
    links = sum(c.total for t in topics for c in t.claims)
    claims = sum(len(t.claims) for t in topics)
    return links, claims


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary_text(topics: list[TopicSection], now: datetime) -> str:
    links, n_claims = _summary_line(topics)
    return (
        f"{_plural(links, 'new claim–publication link')} in {_plural(n_claims, 'claim')} "
        f"({_plural(len(topics), 'topic')}), as of {iso_utc(now)}."
    )


def _empty_text(topics: list[TopicSection], baseline: int) -> list[str]:
    """Why a digest lists nothing, or what it did not list: the first fetch's baseline."""
    lines = ["Nothing new."] if not topics else []
    if baseline:
        lines.append(
            f"{_plural(baseline, 'link')} from the claims' first fetch "
            f"{'is' if baseline == 1 else 'are'} the baseline and not listed "
            "(a claim's first fetch is its baseline; later fetches list what is new)."
        )
    return lines


def _flag_words(row: dict) -> str:
    return " and ".join(
        w
        for w, on in (
            ("retracted", row.get("retracted")),
            ("expression of concern", row.get("concern")),
        )
        if on
    )


def render_markdown(
    topics: list[TopicSection],
    since: datetime,
    now: datetime,
    flagged: Iterable[dict] = (),
    baseline: int = 0,
) -> str:
    flagged = list(flagged)
    out = [f"# littrack digest: new since {iso_utc(since)}", "", _summary_text(topics, now), ""]
    if flagged:
        out += ["## Integrity alerts", ""]
        for row in flagged:
            out.append(
                f"- `{row['claim_id']}`: {md_escape(row['title'] or '(no title)')} — "
                f"**{_flag_words(row)}** — [PubMed {row['pmid']}]({pubmed_url(row['pmid'])})"
            )
        out.append("")
    for line in _empty_text(topics, baseline):  # littrack's own words: nothing to escape
        out += [line, ""]
    for topic in topics:
        out += [f"## {md_escape(topic.title)}", ""]
        for claim in topic.claims:
            out += [f"### {md_escape(claim.claim)} (`{claim.claim_id}`)", ""]
            for row in claim.items:
                flag = "**RETRACTED** " if row.get("retracted") else ""
                links_md = f"[PubMed {row['pmid']}]({pubmed_url(row['pmid'])})"
                if row.get("doi"):
                    links_md += f" · [doi:{md_escape(row['doi'])}]({doi_url(row['doi'])})"
                where = md_escape(_where(row))
                design = row.get("design") or ""
                out.append(
                    f"- {flag}{md_escape(row['title'] or '(no title)')} — {where}"
                    f"{' — ' + design if design else ''} — {links_md}"
                )
            if claim.total > len(claim.items):
                out.append(f"- … and {claim.total - len(claim.items)} more")
            out.append("")
    return "\n".join(out)


def render_html(
    topics: list[TopicSection],
    since: datetime,
    now: datetime,
    flagged: Iterable[dict] = (),
    baseline: int = 0,
) -> str:
    e = html.escape
    flagged = list(flagged)
    title = f"littrack digest: new since {iso_utc(since)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(_summary_text(topics, now))}</p>",
    ]
    if flagged:
        out.append("<h2>Integrity alerts</h2>")
        out.append("<ul>")
        for row in flagged:
            link = f'<a href="{e(pubmed_url(row["pmid"]))}">PubMed {int(row["pmid"])}</a>'
            out.append(
                f"<li><code>{e(row['claim_id'])}</code>: {e(row['title'] or '(no title)')} — "
                f"<strong>{e(_flag_words(row))}</strong> — {link}</li>"
            )
        out.append("</ul>")
    out += [f"<p>{e(line)}</p>" for line in _empty_text(topics, baseline)]
    for topic in topics:
        out.append(f"<h2>{e(topic.title)}</h2>")
        for claim in topic.claims:
            out.append(f"<h3>{e(claim.claim)} <code>{e(claim.claim_id)}</code></h3>")
            out.append("<ul>")
            for row in claim.items:
                flag = "<strong>RETRACTED</strong> " if row.get("retracted") else ""
                link = f'<a href="{e(pubmed_url(row["pmid"]))}">PubMed {int(row["pmid"])}</a>'
                if row.get("doi"):
                    link += f' · <a href="{e(doi_url(row["doi"]))}">doi:{e(row["doi"])}</a>'
                design = e(row.get("design") or "")
                out.append(
                    f"<li>{flag}{e(row['title'] or '(no title)')} — {e(_where(row))}"
                    f"{' — ' + design if design else ''} — {link}</li>"
                )
            if claim.total > len(claim.items):
                out.append(f"<li>… and {claim.total - len(claim.items)} more</li>")
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_text(
    topics: list[TopicSection],
    since: datetime,
    now: datetime,
    flagged: Iterable[dict] = (),
    baseline: int = 0,
) -> str:
    """Plain text, nothing escaped: standard output and the e-mail's text part."""
    out = [f"littrack digest: new since {iso_utc(since)}", "", _summary_text(topics, now), ""]
    flagged = list(flagged)
    if flagged:
        out += ["Integrity alerts", ""]
        for row in flagged:
            out.append(
                f"- {row['claim_id']}: {one_line(row['title'] or '(no title)')} — "
                f"{_flag_words(row).upper()} — {pubmed_url(row['pmid'])}"
            )
        out.append("")
    out += [line for text in _empty_text(topics, baseline) for line in (text, "")]
    for topic in topics:
        out += [one_line(topic.title), "=" * min(len(one_line(topic.title)), 79), ""]
        for claim in topic.claims:
            out += [f"{one_line(claim.claim)} ({claim.claim_id})", ""]
            for row in claim.items:
                flag = "RETRACTED " if row.get("retracted") else ""
                design = row.get("design") or ""
                out.append(
                    f"- {flag}{one_line(row['title'] or '(no title)')} — {_where(row)}"
                    f"{' — ' + design if design else ''}"
                )
                links = pubmed_url(row["pmid"])
                if row.get("doi"):
                    links += f" · {doi_url(row['doi'])}"
                out.append(f"  {links}")
            if claim.total > len(claim.items):
                out.append(f"- … and {claim.total - len(claim.items)} more")
            out.append("")
    return "\n".join(out)


@dataclass(frozen=True)
class Digest:
    """One digest in three formats: plain text is the mail's text part, HTML its rich part,
    Markdown for pasting into notes."""

    links: int
    markdown: str
    html: str
    text: str = ""

    def body(self, fmt: str) -> str:
        return {"md": self.markdown, "html": self.html}.get(fmt, self.text)

    def subject(self, since_text: str) -> str:
        return f"littrack: {self.links} new publication links since {since_text}"


def build_digest(
    db: str | None,
    since: datetime,
    now: datetime,
    *,
    per_claim: int = DEFAULT_PER_CLAIM,
    all_records: bool = False,
) -> Digest:
    """Read the links first seen since `since` (evidence only unless `all_records`) and the
    records flagged since then from the store at `db`, and render them."""
    engine = open_engine(db, create=False)
    try:
        if not queries.has_littrack_tables(engine):
            raise StoreError("the database has no littrack tables (run `littrack fetch`)")
        frame = novelty.new_links(engine, iso_utc(since), all_records=all_records)
        rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        flagged = health.newly_flagged(engine, iso_utc(since))
        baseline = novelty.count_baseline_links(engine, iso_utc(since), all_records=all_records)
    finally:
        engine.dispose()
    topics = group(rows, per_claim)
    return Digest(
        len(rows),
        render_markdown(topics, since, now, flagged, baseline),
        render_html(topics, since, now, flagged, baseline),
        render_text(topics, since, now, flagged, baseline),
    )


def send_digest(digest: Digest, since_text: str, smtp: SmtpSettings) -> None:
    send(build_message(digest.subject(since_text), digest.text, digest.html, smtp), smtp)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    recipients: tuple[str, ...]

    def __repr__(self) -> str:
        return f"SmtpSettings(host={self.host!r}, port={self.port!r}, user=***, password=***)"

    @classmethod
    def from_env(cls, to: str | None = None) -> SmtpSettings:
        host = resolve("smtp_host")
        if not host:
            raise DigestError("--send: LITTRACK_SMTP_HOST is not set")
        port_text = resolve("smtp_port")
        try:
            port = int(port_text)
        except ValueError:
            raise DigestError(f"LITTRACK_SMTP_PORT {port_text!r}: not a port number") from None
        recipients = tuple(addr for _, addr in getaddresses([resolve("digest_to", to)]) if addr)
        if not recipients:
            raise DigestError("--send: no recipient (use --to or LITTRACK_DIGEST_TO)")
        user = resolve("smtp_user")
        sender = resolve("digest_from") or (user if "@" in user else "littrack@localhost")
        return cls(host, port, user, resolve("smtp_password"), sender, recipients)


def build_message(subject: str, text: str, html_body: str, smtp: SmtpSettings) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = smtp.sender
    message["To"] = ", ".join(smtp.recipients)
    message.set_content(text)
    message.add_alternative(html_body, subtype="html")
    return message


def send(message: EmailMessage, smtp: SmtpSettings, *, timeout: float = 30.0) -> None:
    """Port 465: TLS from the start; otherwise STARTTLS when the server offers it. A password
    is never sent over an unencrypted connection except to this machine (127.0.0.1/localhost).
    Errors name the server, never the credentials or the recipients."""
    where = f"SMTP {smtp.host}:{smtp.port}"
    local = smtp.host in ("127.0.0.1", "::1", "localhost")
    try:
        if smtp.port == 465:
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=timeout, context=ssl.create_default_context()
            )
            encrypted = True
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
            client.ehlo()
            encrypted = False
            if client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
                encrypted = True
        with client:
            if smtp.user:
                if not encrypted and not local:
                    raise DigestError(f"{where}: no TLS offered; refusing to send the password")
                client.login(smtp.user, smtp.password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DigestError(f"{where}: login refused (check LITTRACK_SMTP_USER/PASSWORD)") from None
    except smtplib.SMTPRecipientsRefused:
        raise DigestError(f"{where}: the server refused the recipients") from None
    except smtplib.SMTPResponseException as exc:
        # The server's text may echo addresses: report the code only.
        raise DigestError(f"{where}: the server answered {exc.smtp_code}") from None
    except (smtplib.SMTPException, OSError) as exc:
        detail = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0]
        raise DigestError(f"{where}: cannot send: {detail}") from None

"""Every dashboard page through streamlit.testing's AppTest (no browser).

The main tests read `fetched_db_url`, a database filled by the real fetch path (two
`run_fetch` nights against the E-utilities emulator), and compare the numbers on screen
with counts the test makes itself in plain SQL. A few tests use the seeded store of
tests/support/dashboard_seed.py for cases the fetched data lacks (a failed claim, a title starting
with '=', normalisation totals, a new fetch arriving while the app is open)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from store.db.connect import open_engine
from store.fetch import writes
from store.formats.markdown import md_escape
from tests.support.dashboard_seed import FORMULA_TITLE, PUBMED_TOTALS, build_seed

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"

LIVE = """
    FROM claim_articles ca
    JOIN articles a ON a.pmid = ca.pmid
    JOIN claims c ON c.claim_id = ca.claim_id
    WHERE ca.dropped_at IS NULL AND a.deleted_at IS NULL AND c.active
      AND NOT (c.scope = 'humans' AND a.animals AND NOT a.humans)
      AND NOT (c.scope = 'animals' AND a.humans AND NOT a.animals)
      AND NOT (c.scope = 'humans' AND a.species_source = 'text' AND NOT a.humans
               AND NOT a.animals)
"""
#: The evidence condition (store.evidence.counting.evidence_condition) in SQL, appended to LIVE.
EVIDENCE = " AND a.study_design != 'non-evidence' AND NOT a.retracted"


def sql(url: str, query: str, **params):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(query), params).all()
    finally:
        engine.dispose()


def scalar(url: str, query: str, **params):
    return sql(url, query, **params)[0][0]


def run_app(monkeypatch, url: str, page: str | None = None) -> AppTest:
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame_with(at: AppTest, *columns: str, exact: bool = False):
    for element in at.dataframe:
        found = set(element.value.columns)
        if found == set(columns) if exact else set(columns) <= found:
            return element.value
    raise AssertionError(f"no table with columns {columns}")


# -- on the database the real fetch path filled -------------------------------------------


#: Per record, when it was first seen by littrack in the whole store, the claim's first
#: successful fetch being its baseline (written here in SQL,
#: independently of store.evidence.novelty):
#: '' for a record any claim's baseline brought in.
RECORD_SEEN = """
    SELECT ca.pmid,
           min(CASE WHEN ca.first_run_id > b.run THEN ca.first_seen ELSE '' END) AS seen
    FROM claim_articles ca
    JOIN articles a ON a.pmid = ca.pmid
    JOIN claims c ON c.claim_id = ca.claim_id
    LEFT JOIN (SELECT claim_id, min(run_id) AS run FROM claim_counts
               WHERE status = 'ok' GROUP BY claim_id) b ON b.claim_id = ca.claim_id
    WHERE ca.dropped_at IS NULL AND a.deleted_at IS NULL AND c.active {where}
    GROUP BY ca.pmid
"""


def test_overview_numbers_equal_the_database(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url)
    article = scalar(url, "SELECT max(outline_title) FROM topics")
    assert article and at.title[0].value == md_escape(article)  # shown as text, as written
    assert [h.value for h in at.header] == [
        "Topics", "Evidence map", "Records per year", "PRISMA 2020 flow",
    ]  # fmt: skip
    shown = metrics(at)
    active_topics = scalar(url, "SELECT count(DISTINCT topic_id) FROM claims WHERE active")
    active_claims = scalar(url, "SELECT count(*) FROM claims WHERE active")
    assert shown["Topics"] == f"{active_topics:,}"
    assert shown["Claims"] == f"{active_claims:,}"
    # Headline record numbers are distinct PMIDs: a record in several topics counts once.
    # Evidence by default; the toggle shows raw retrieval.
    # Context claims (background, not the article's evidence) are out of the headline.
    headline = " AND NOT c.context"
    evidence = scalar(url, f"SELECT count(DISTINCT ca.pmid) {LIVE}{EVIDENCE}{headline}")
    everything = scalar(url, f"SELECT count(DISTINCT ca.pmid) {LIVE}{headline}")
    assert 0 < evidence < everything
    assert shown["Evidence records"] == f"{evidence:,}"
    week_ago = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    new_7d = scalar(
        url,
        f"SELECT count(*) FROM ({RECORD_SEEN.format(where=EVIDENCE + headline)}) AS r "
        "WHERE r.seen >= :w",
        w=week_ago,
    )
    # Night one was every claim's baseline; night two's late-indexed record is new.
    assert 0 < new_7d < evidence
    assert shown["New this week"] == f"{new_7d:,}"
    assert "PubMed Count (sum)" not in shown  # shared papers would be counted twice
    tables = [t.value for t in at.table]
    rule = next(t for t in tables if "1 point from" in t.columns)
    assert len(rule) == 3 and all("evidence" in axis for axis in rule.index[::2])
    labels = next(t for t in tables if "Total points" in t.columns)
    assert list(labels.index) == ["substantial", "moderate", "thin", "none"]

    # One card per topic, with its numbers in words.
    cards = [m.value for m in at.markdown if " claims · " in m.value]
    assert len(cards) == active_topics

    for raw, where in ((False, EVIDENCE), (True, "")):
        at.toggle(key="overview.all_records").set_value(raw).run()
        assert not at.exception
        if raw:
            assert metrics(at)["Records stored"] == f"{everything:,}"
        table = frame_with(at, "topic_id", "records", "claims").set_index("topic_id")
        expected = dict(
            sql(
                url,
                f"SELECT c.topic_id, count(DISTINCT ca.pmid) {LIVE}{where} GROUP BY c.topic_id",
            )
        )
        assert len(table) == active_topics
        for topic_id, row in table.iterrows():
            assert row["records"] == expected.get(topic_id, 0), topic_id
            assert row["claims"] == scalar(
                url, "SELECT count(*) FROM claims WHERE active AND topic_id = :t", t=topic_id
            )
        assert table["records"].sum() > 0
    assert len(at.get("plotly_chart")) == 1, "the trend chart is missing"
    assert "overview.all_records" in at.session_state and at.query_params["all"] == "1"
    frame_with(at, "Claim", "Claim id", "Counts", "Conflicts")  # the evidence map


def _busiest_claim(url: str) -> tuple[str, str, int]:
    rows = sql(
        url,
        f"""SELECT c.claim_id, c.topic_id, count(*) AS n {LIVE}
            GROUP BY c.claim_id, c.topic_id ORDER BY n DESC, c.claim_id LIMIT 1""",
    )
    return rows[0][0], rows[0][1], int(rows[0][2])


def test_claim_page_numbers_equal_the_database(monkeypatch, fetched_db_url):
    url = fetched_db_url
    claim_id, topic_id, n = _busiest_claim(url)
    at = run_app(monkeypatch, url, "views/claim.py")
    at.selectbox(key="claim.topic").select(topic_id).run()
    at.selectbox(key="claim.claim").select(claim_id).run()
    assert not at.exception
    evidence = scalar(url, f"SELECT count(*) {LIVE}{EVIDENCE} AND ca.claim_id = :c", c=claim_id)
    assert metrics(at)["Evidence records"] == f"{evidence:,}"
    designs = frame_with(at, "Study design", "Records", exact=True)
    expected = dict(
        sql(
            url,
            f"SELECT a.study_design, count(*) {LIVE}{EVIDENCE} AND ca.claim_id = :c GROUP BY 1",
            c=claim_id,
        )
    )
    assert dict(zip(designs["Study design"], designs["Records"], strict=True)) == expected
    assert "non-evidence" not in expected
    at.toggle(key="claim.all_records").set_value(True).run()
    assert metrics(at)["Records stored"] == f"{n:,}"
    designs = frame_with(at, "Study design", "Records", exact=True)
    assert int(designs["Records"].sum()) == n
    at.toggle(key="claim.all_records").set_value(False).run()
    newest = frame_with(at, "new", "title", "pmid")
    assert len(newest) == min(n, 20)
    top = sql(
        url,
        f"""SELECT a.pmid {LIVE} AND ca.claim_id = :c
            ORDER BY a.entrez_date DESC, a.pmid DESC LIMIT 20""",
        c=claim_id,
    )
    assert list(newest["pmid"]) == [r[0] for r in top]
    history = frame_with(at, "Run", "PubMed Count", "Retrieved")
    assert len(history) == scalar(
        url, "SELECT count(*) FROM claim_counts WHERE claim_id = :c", c=claim_id
    )
    assert at.code[0].value == scalar(
        url, "SELECT query FROM claims WHERE claim_id = :c", c=claim_id
    )
    # The view is in the URL, so a link reopens it.
    assert at.query_params["topic"] == topic_id and at.query_params["claim"] == claim_id
    # Switching the date basis redraws the chart without error.
    at.radio(key="claim.basis").set_value("entrez").run()
    assert not at.exception
    assert at.query_params["basis"] == "entrez"


def test_new_badge_marks_the_late_indexed_record(monkeypatch, fetched_db_url):
    """Night two linked a record MEDLINE indexed late: on its claim it carries the badge;
    night one's records (every claim's baseline) never do."""
    url = fetched_db_url
    rows = sql(
        url,
        f"""SELECT ca.claim_id, c.topic_id, ca.pmid {LIVE} AND ca.first_run_id >
            (SELECT min(run_id) FROM claim_counts cc
             WHERE cc.claim_id = ca.claim_id AND cc.status = 'ok') ORDER BY 1, 3""",
    )
    assert rows, "the fetched database has no link first seen after a baseline"
    claim_id, topic_id, pmid = rows[0]
    at = run_app(monkeypatch, url, "views/claim.py")
    at.selectbox(key="claim.topic").select(topic_id).run()
    at.selectbox(key="claim.claim").select(claim_id).run()
    newest = frame_with(at, "new", "pmid").set_index("pmid")
    new_pmids = {p for p in newest.index if newest.loc[p, "new"] == "NEW"}
    expected_new = {r[2] for r in rows if r[0] == claim_id} & set(newest.index)
    assert new_pmids == expected_new and pmid in new_pmids
    # The busiest claim's newest records are mostly night one's: recent, yet its baseline.
    busiest, busiest_topic, _ = _busiest_claim(url)
    at.selectbox(key="claim.topic").select(busiest_topic).run()
    at.selectbox(key="claim.claim").select(busiest).run()
    shown = frame_with(at, "new", "pmid").set_index("pmid")["new"]
    week_ago = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    baseline = {
        r[0]
        for r in sql(
            url,
            f"""SELECT ca.pmid {LIVE} AND ca.claim_id = :c AND ca.first_seen >= :w
                AND ca.first_run_id = (SELECT min(run_id) FROM claim_counts
                                       WHERE claim_id = :c AND status = 'ok')""",
            c=busiest,
            w=week_ago,
        )
    } & set(shown.index)
    assert baseline and all(shown[p] == "" for p in baseline)


def test_publications_filters_change_the_results(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url, "views/publications.py")

    def matching() -> int:
        return int(metrics(at)["Matching records"].replace(",", ""))

    every = scalar(url, "SELECT count(*) FROM articles WHERE deleted_at IS NULL")
    assert matching() == every
    table = frame_with(at, "pmid", "title", "pubmed_url")
    assert len(table) == min(every, 50)

    at.text_input(key="pub.text").input("ketamine").run()
    with_word = scalar(
        url,
        """SELECT count(*) FROM articles WHERE deleted_at IS NULL
           AND (lower(title) LIKE '%ketamine%' OR lower(abstract) LIKE '%ketamine%')""",
    )
    assert matching() == with_word
    at.text_input(key="pub.text").input("").run()

    _, topic_id, _ = _busiest_claim(url)
    at.selectbox(key="pub.topic").select(topic_id).run()
    in_topic = scalar(url, f"SELECT count(DISTINCT ca.pmid) {LIVE} AND c.topic_id = :t", t=topic_id)
    assert matching() == in_topic < every

    design = scalar(
        url,
        f"""SELECT a.study_design {LIVE} AND c.topic_id = :t
            GROUP BY 1 ORDER BY count(*), 1 LIMIT 1""",
        t=topic_id,
    )
    species = at.selectbox(key="pub.species")
    assert {"neither (indexed)", "unknown (not indexed yet)"} <= set(species.options)
    species.select("neither").run()
    neither = matching()
    assert neither == scalar(
        url,
        f"""SELECT count(DISTINCT ca.pmid) {LIVE} AND c.topic_id = :t
            AND NOT a.humans AND NOT a.animals AND json_array_length(a.mesh) > 0""",
        t=topic_id,
    )
    at.selectbox(key="pub.species").select("unknown").run()
    unknown = f"SELECT count(DISTINCT ca.pmid) {LIVE} AND c.topic_id = :t"
    assert matching() == scalar(url, unknown + " AND json_array_length(a.mesh) = 0", t=topic_id)
    at.selectbox(key="pub.species").select("any").run()
    at.multiselect(key="pub.designs").select(design).run()
    assert matching() == scalar(
        url,
        f"SELECT count(DISTINCT ca.pmid) {LIVE} AND c.topic_id = :t AND a.study_design = :d",
        t=topic_id,
        d=design,
    )
    assert set(frame_with(at, "study_design", "pmid")["study_design"]) == {design}
    assert not at.exception


def test_publications_pages_through_sql(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url, "views/publications.py")
    at.selectbox(key="pub.size").select(10).run()
    at.selectbox(key="pub.sort").select("pmid").run()
    at.toggle(key="pub.desc").set_value(False).run()
    first = list(frame_with(at, "pmid", "title")["pmid"])
    at.number_input(key="pub.page").set_value(2).run()
    second = list(frame_with(at, "pmid", "title")["pmid"])
    ordered = [
        r[0] for r in sql(url, "SELECT pmid FROM articles WHERE deleted_at IS NULL ORDER BY pmid")
    ]
    assert len(ordered) > 10, "the fetched database is too small to page"
    assert first == ordered[:10]
    assert second == ordered[10:20]


def test_fetch_status_page(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url, "views/fetch_status.py")
    runs = frame_with(at, "run_id", "status", "duration_s")
    assert list(runs["run_id"]) == [
        r[0] for r in sql(url, "SELECT run_id FROM fetch_runs ORDER BY run_id DESC LIMIT 30")
    ]
    claims = frame_with(at, "claim_id", "expected", "stored", "gap").set_index("claim_id")
    assert len(claims) == scalar(url, "SELECT count(*) FROM claims WHERE active")
    stored = dict(sql(url, f"SELECT ca.claim_id, count(*) {LIVE} GROUP BY 1"))
    for claim_id, row in claims.iterrows():
        assert row["stored"] == stored.get(claim_id, 0)
    assert any("littrack fetch" in c.value for c in at.code)


# -- cases the seeded store provides ---------------------------------------------------------


@pytest.fixture
def seed(tmp_path):
    return build_seed(f"sqlite:///{tmp_path / 'seeded.sqlite'}")


@pytest.fixture
def seeded_url(seed):
    return seed.url


def test_titles_stay_text_and_failures_show(monkeypatch, seed):
    at = run_app(monkeypatch, seed.url)
    assert any("animal-ketamine" in e.value for e in at.error)  # failed claim in the banner
    assert any("See Fetch status." in e.value for e in at.error)
    at.switch_page("views/fetch_status.py").run()
    banner = [e.value for e in at.error if "animal-ketamine" in e.value]
    assert banner and not any("See Fetch status" in text for text in banner)
    said = [e.value for kind in ("success", "warning") for e in at.get(kind)]
    assert any("UTC" in text for text in said)
    assert not any("Z UTC" in text or text.count("UTC") > 1 for text in said)
    at.switch_page("views/claim.py").run()
    at.selectbox(key="claim.claim").select("recent-ketamine").run()
    newest = frame_with(at, "new", "title", "pmid")
    assert FORMULA_TITLE in list(newest["title"])  # the data is shown exactly as stored
    # Expander labels are Markdown (GFM links bare URLs): they carry the PMID and the title
    # without its web addresses; the whole title is plain text inside.
    label = next(e.label for e in at.expander if e.label.startswith(f"PMID {seed.formula_pmid}:"))
    assert "ketamine" in label and "http" not in label and "example" not in label
    assert FORMULA_TITLE in [t.value for t in at.text]


def test_retracted_and_concern_records_raise_alerts(monkeypatch, seed):
    """The seed marks one linked record retracted and one under an expression of concern,
    both on recent-ketamine (tests/support/dashboard_seed.py)."""
    at = run_app(monkeypatch, seed.url)
    warnings = [w.value for w in at.warning]
    # One line with the counts, however many claims are flagged.
    assert (
        "1 claim links retracted (1) or expression-of-concern (1) records, left out of the "
        "counts and the badge: Publications lists them (Retracted filter)."
    ) in warnings, warnings
    at.switch_page("views/claim.py").run()
    at.selectbox(key="claim.claim").select("recent-ketamine").run()
    assert any("1 retracted and 1 expression-of-concern records" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    at.selectbox(key="claim.claim").select("ketamine-reviews").run()
    assert not any("expression-of-concern" in e.value for e in at.error)


def test_claim_page_highlights_why_each_record_matched(monkeypatch, fetched_db_url):
    """The fetch explained every link; the claim page marks the words a term hit in the
    abstract (escaped Markdown, our own mark only) and says which terms matched."""
    url = fetched_db_url
    rows = sql(
        url,
        f"""SELECT c.claim_id, c.topic_id, count(*) AS n {LIVE}
            GROUP BY c.claim_id, c.topic_id HAVING count(*) <= 20 ORDER BY n DESC LIMIT 1""",
    )
    claim_id, topic_id, n = rows[0]
    explained = sql(
        url,
        "SELECT count(*) FROM claim_matches m JOIN claims c USING (claim_id) "
        "WHERE m.claim_id = :c AND m.query_version = c.query_version",
        c=claim_id,
    )[0][0]
    assert explained >= n
    at = run_app(monkeypatch, url, "views/claim.py")
    at.selectbox(key="claim.topic").select(topic_id).run()
    at.selectbox(key="claim.claim").select(claim_id).run()
    assert not at.exception
    marked = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert marked  # at least one abstract with its hits marked
    why = [c.value for c in at.caption if c.value.startswith("Why it matched")]
    assert len(why) == n and not any("not explained yet" in w for w in why)


def _markdown_texts(at: AppTest) -> list[str]:
    """Every string the page hands to a Markdown renderer: markdown/caption bodies and the
    labels of expanders, metrics and widgets."""
    texts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    texts += [e.label for e in at.expander] + [m.label for m in at.metric]
    texts += [e.value for kind in ("error", "warning", "info", "success") for e in at.get(kind)]
    return texts


def test_a_url_in_a_title_is_never_a_link(monkeypatch, seed):
    """Security rule "titles are text, never markup": a bare URL in a title would be
    auto-linked by GFM in any Markdown element, so it must only reach plain-text elements."""
    title = "Ketamine dosing, see http://evil.example/x for details"
    engine = sa.create_engine(seed.url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE articles SET title = :t WHERE pmid = :p"),
            {"t": title, "p": seed.formula_pmid},
        )
    engine.dispose()
    at = run_app(monkeypatch, seed.url, "views/claim.py")
    at.selectbox(key="claim.claim").select("recent-ketamine").run()
    assert title in list(frame_with(at, "new", "title", "pmid")["title"])
    assert title in [t.value for t in at.text]  # shown, as plain text
    for page in ("views/claim.py", "views/overview.py", "views/publications.py"):
        at.switch_page(page).run()
        assert not at.exception
        leaks = [t for t in _markdown_texts(at) if "evil" in t]
        assert not leaks, (page, leaks)


def test_no_page_renders_record_data_as_html():
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py")]
    assert sources and not any("unsafe_allow_html" in text for text in sources)


def test_normalised_scale_uses_pubmed_totals(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, "views/claim.py")
    at.selectbox(key="claim.claim").select("recent-ketamine").run()
    raw = frame_with(at, "Year", "Study design", "Records")
    at.radio(key="claim.scale").set_value("pubmed").run()
    assert not at.exception
    scaled = frame_with(at, "Year", "Study design", "Per 100,000 PubMed records")
    assert len(scaled)
    for year, design, value in zip(
        scaled["Year"], scaled["Study design"], scaled["Per 100,000 PubMed records"], strict=True
    ):
        n = int(raw[(raw["Year"] == year) & (raw["Study design"] == design)]["Records"].iloc[0])
        assert value == pytest.approx(n * 100_000 / PUBMED_TOTALS[year], rel=1e-3)
    at.radio(key="claim.scale").set_value("reference").run()
    assert not at.exception


def test_a_new_fetch_shows_without_restart(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url)
    before = frame_with(at, "topic_id", "records").set_index("topic_id")["records"]
    engine = open_engine(seeded_url)
    pmid = scalar(
        seeded_url,
        """SELECT pmid FROM articles WHERE pmid NOT IN
           (SELECT pmid FROM claim_articles WHERE claim_id = 'animal-ketamine')
           ORDER BY pmid LIMIT 1""",
    )
    with engine.begin() as conn:
        run = writes.start_run(conn, now="2026-11-25T03:00:00Z", mode="incremental",
                               outline_path="tests", claims_total=1)  # fmt: skip
        writes.link_claim(conn, "animal-ketamine", [pmid], run_id=run,
                          now="2026-11-25T03:00:00Z", complete=False)  # fmt: skip
        writes.finish_run(conn, run, now="2026-11-25T03:01:00Z", status="ok")
    engine.dispose()
    at.run()
    after = frame_with(at, "topic_id", "records").set_index("topic_id")["records"]
    assert after["veterinary"] == before["veterinary"] + 1
    assert after["anaesthesia"] == before["anaesthesia"]


def test_streamlit_app_entry_point(monkeypatch, seeded_url):
    monkeypatch.setenv("LITTRACK_DB", seeded_url)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception
    title = scalar(seeded_url, "SELECT max(outline_title) FROM topics")
    assert at.title[0].value == md_escape(title)


# -- no data ---------------------------------------------------------------------------------


def test_missing_database_shows_the_get_started_page(monkeypatch, tmp_path):
    missing = tmp_path / "nothing-here.sqlite"
    at = run_app(monkeypatch, str(missing))
    assert at.title[0].value == "littrack: no data yet"
    assert any("littrack fetch" in c.value for c in at.code)
    assert not missing.exists()  # the dashboard never creates or writes the store


def test_empty_store_shows_the_get_started_page(monkeypatch, db_url):
    open_engine(db_url).dispose()  # tables, no runs, no records
    at = run_app(monkeypatch, db_url)
    assert at.title[0].value == "littrack: no data yet"
    assert "no fetch has stored any records yet" in at.info[0].value


def test_fetch_status_says_when_the_last_run_could_not_reach_pubmed(monkeypatch, seed):
    message = "PubMed cannot be reached at 127.0.0.1:9 (connection refused, 8 tries in a row)"
    message += " — 5 claims not fetched"
    engine = open_engine(seed.url)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with engine.begin() as conn:
        run_id = writes.start_run(
            conn, now=now, mode="incremental", outline_path="", claims_total=5
        )
        writes.finish_run(
            conn, run_id, now=now, status="unreachable", claims_failed=5, message=message
        )
    engine.dispose()
    at = run_app(monkeypatch, seed.url, "views/fetch_status.py")
    shown = [e.value for e in at.error]
    assert f"Last fetch: last run #{run_id} ({now}) unreachable: {message}" in shown

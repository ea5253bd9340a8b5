"""Merging reports of one event (incidents/merge.py): the pair rule as tables, then the store
(real SQLite files, and one real PostgreSQL server): idempotence, exact undo, explanations,
concurrent mergers, and the CLI."""
from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from incidents import cli
from incidents.merge import (MergeError, MergeRules, Report, combine, compare, explain, merge_pending, unmerge,
                             unmerge_all)
from incidents.record import Incident
from incidents.store import Store, event_heads, event_links, incidents
from postgres_server import pg_url, postgres_server, postgres_url  # noqa: F401  (fixtures)

FIXED = dt.datetime(2018, 2, 7, 12, 0)

# Maasran (Idlib), and places at known distances from it.
BASE = dict(id=1, article_id=1, event_date="2018-02-03", date_precision=1, event_type="Battles",
            latitude=35.708, longitude=36.805, geo_precision=1, country_code="SY", admin1="Idlib",
            source_title="Some report", doc_id=None)
KM_NORTH = 1 / 111.2  # degrees of latitude per km


def other(**changes) -> dict:
    return BASE | {"id": 2, "article_id": 2} | changes


MUST_MERGE = [
    ("the same report in two articles", other(), "0.0 km apart, same day"),
    ("a clash and the shelling in it (one type family)", other(event_type="Explosions/Remote violence"),
     "same day"),
    ("1.5 km and a day apart", other(latitude=35.708 + 1.5 * KM_NORTH, event_date="2018-02-04"),
     "1.5 km apart, 1 day apart"),
    ("near a place (precision 2), 4 km apart", other(latitude=35.708 + 4 * KM_NORTH, geo_precision=2),
     "4.0 km apart"),
    ("both only the province, 30 km apart", other(latitude=35.708 + 30 * KM_NORTH, geo_precision=3,
                                                 _base={"geo_precision": 3}), "same province (Idlib)"),
    ("a date known to the week, 5 days apart", other(event_date="2018-02-08", date_precision=2),
     "5 days apart (a date known only to the week)"),
    ("both dates known to the month, same month", other(event_date="2018-02-20", date_precision=3,
                                                        _base={"date_precision": 3}), "same month (2018-02"),
    ("a protest and the riot it became", other(event_type="Riots", _base={"event_type": "Protests"}), "same day"),
    ("a UCDP record and an extracted report", other(source_title="UCDP GED 214797", doc_id="214797"), "same day"),
    ("province names compared without case or accents", other(geo_precision=3, admin1="IDLİB".replace("İ", "I"),
                                                              _base={"geo_precision": 3}), "same province"),
]

MUST_NOT_MERGE = [
    ("different type families", other(event_type="Protests"), "different type families"),
    ("violence against civilians is not a battle", other(event_type="Violence against civilians"),
     "different type families"),
    ("30 km apart", other(latitude=35.708 + 30 * KM_NORTH), "30.0 km apart (over 2 km)"),
    ("3 km apart, both precise", other(latitude=35.708 + 3 * KM_NORTH), "3.0 km apart (over 2 km)"),
    ("near a place, 8 km apart", other(latitude=35.708 + 8 * KM_NORTH, geo_precision=2), "(over 5 km)"),
    ("two days apart", other(event_date="2018-02-05"), "dates 2 days apart (over 1)"),
    ("5 days apart", other(event_date="2018-02-08"), "dates 5 days apart (over 1)"),
    ("week precision, 9 days apart", other(event_date="2018-02-12", date_precision=2), "(over 7)"),
    ("same province at precision 3 vs a precise village", other(geo_precision=3),
     "a province-level place (Idlib) is not matched with a precise one"),
    ("province-level places in different provinces", other(geo_precision=3, admin1="Hama", _base={"geo_precision": 3}),
     "not in one known province"),
    ("province-level places with no province", other(geo_precision=3, admin1=None,
                                                     _base={"geo_precision": 3, "admin1": None}),
     "not in one known province"),
    ("no coordinates vs a precise village", other(latitude=None, longitude=None, geo_precision=None),
     "not matched with a precise one"),
    ("a month-precision date vs a day", other(date_precision=3), "known only to the month"),
    ("two incidents of one article", other(article_id=1), "both from one article"),
    ("two records of one dataset", other(source_title="UCDP GED 2", doc_id="2",
                                         _base={"source_title": "UCDP GED 1", "doc_id": "1"}),
     "both records of the UCDP dataset"),
]


def _pair(row: dict) -> tuple[Report, Report]:
    row = dict(row)
    base = BASE | row.pop("_base", {})
    return Report.from_row(base), Report.from_row(row)


@pytest.mark.parametrize("label,row,why", MUST_MERGE, ids=[case[0] for case in MUST_MERGE])
def test_pairs_that_merge(label, row, why):
    a, b = _pair(row)
    match = compare(a, b)
    assert match.ok, match.why
    assert why in match.why
    assert compare(b, a).ok  # the rule is symmetric


@pytest.mark.parametrize("label,row,why", MUST_NOT_MERGE, ids=[case[0] for case in MUST_NOT_MERGE])
def test_pairs_that_do_not_merge(label, row, why):
    a, b = _pair(row)
    match = compare(a, b)
    assert not match.ok
    assert why in match.why
    assert not compare(b, a).ok


@pytest.mark.parametrize("rules", [
    dict(max_km=-1), dict(max_km=6, max_km_near=5), dict(max_km_near=80), dict(max_days=3, max_days_week=2),
    dict(max_days_week=8)])
def test_rules_out_of_range_are_refused(rules):
    with pytest.raises(ValueError):
        MergeRules(**rules)


def test_wider_rules_merge_what_the_defaults_do_not():
    a, b = _pair(other(latitude=35.708 + 4 * KM_NORTH, event_date="2018-02-05"))
    assert not compare(a, b).ok
    assert compare(a, b, MergeRules(max_km=5, max_km_near=10, max_days=2)).ok


def test_a_bad_date_is_a_clear_error():
    with pytest.raises(MergeError, match="incident 2: event_date '3 Feb' is not an ISO date"):
        Report.from_row(other(event_date="3 Feb"))


# --- combining an event's reports --------------------------------------------------------

def test_combine_keeps_the_best_place_and_date_the_lowest_count_and_every_sentence():
    coarse = dict(id=10, event_date="2018-02-02", date_precision=2, event_type="Battles", sub_event_type="Armed clash",
                  location="Idlib", admin1="Idlib", latitude=35.9, longitude=36.6, geo_precision=3, fatalities=7,
                  injuries=None, evidence="Fighting in Idlib province killed seven.", source_title="A",
                  source_url="https://a.example", published="2018-02-05", confidence=0.9)
    precise = coarse | dict(id=11, event_date="2018-02-03", date_precision=1, location="Maasran", latitude=35.708,
                            longitude=36.805, geo_precision=1, fatalities=4, injuries=9,
                            evidence="Four died in Maasran.", source_title="B", source_url="https://b.example",
                            published="2018-02-04", confidence=0.6, event_type="Explosions/Remote violence",
                            sub_event_type="Shelling/artillery/missile attack")
    unknown = precise | dict(id=12, fatalities=None, evidence="Four died in Maasran.", source_title="C",
                             source_url=None, confidence=0.5)
    record = combine([unknown, precise, coarse])
    assert record["id"] == 10
    assert (record["location"], record["geo_precision"], record["latitude"]) == ("Maasran", 1, 35.708)
    assert (record["event_date"], record["date_precision"]) == ("2018-02-03", 1)
    assert (record["fatalities"], record["injuries"]) == (4, 9)
    assert record["evidence"] == "Fighting in Idlib province killed seven. | Four died in Maasran."
    assert (record["event_type"], record["source_title"], record["confidence"]) == ("Battles", "A", 0.9)
    assert record["published"] == "2018-02-04"
    assert record["sources"] == 3 and record["member_ids"] == [10, 11, 12]
    assert record["source_titles"] == ["A", "B", "C"]
    assert record["source_urls"] == ["https://a.example", "https://b.example", None]


def test_fatalities_stay_unknown_when_no_report_gives_a_count():
    rows = [dict(id=n, event_date="2018-02-03", date_precision=1, fatalities=None, injuries=None, evidence=f"s{n}",
                 confidence=0.5, geo_precision=1, latitude=1.0) for n in (1, 2)]
    assert combine(rows)["fatalities"] is None


# --- the store -------------------------------------------------------------------------------

def incident(n: int, **changes) -> Incident:
    values = dict(
        event_date="2018-02-03", date_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Hayat Tahrir al Sham", actor2="Military Forces of Russia", inter1=2, inter2=8, location="Maasran",
        admin1="Idlib", country="Syria", country_code="SY", latitude=35.708, longitude=36.805, geo_precision=1,
        fatalities=n, injuries=None, evidence=f"Report number {n}.", source_title=f"Source {n}",
        source_url=f"https://example.org/{n}", published="2018-02-06", confidence=0.9)
    values.update(changes)
    return Incident(**values)


# Six reports, one article each: 1-3 one event (Maasran, 3-4 Feb; 3 an air strike "near" it),
# 4 a protest at the same place, 5 a clash 3 km north, 6 a clash in Maasran a week later.
SCENARIO = [
    incident(1),
    incident(2, latitude=35.712, event_date="2018-02-04", fatalities=5, geo_precision=1),
    incident(3, latitude=35.72, geo_precision=2, fatalities=9, event_type="Explosions/Remote violence",
             sub_event_type="Air/drone strike"),
    incident(4, event_type="Protests", sub_event_type="Peaceful protest", fatalities=None),
    incident(5, latitude=35.708 + 3 * KM_NORTH),
    incident(6, event_date="2018-02-10"),
]


def fill(store: Store, incidents=SCENARIO, prefix="a") -> None:
    for n, inc in enumerate(incidents, start=1):
        store.add_article(content_hash=f"{prefix}{n}", incidents_found=[inc], title=inc.source_title)


def links(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.select(event_links).order_by(event_links.c.incident_id))]


def groups(store: Store) -> list[list[int]]:
    return sorted(sorted(ids) for ids in store.events_frame()["member_ids"])


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield s
    s.dispose()


def test_merge_groups_the_reports_of_one_event(store):
    fill(store)
    summary = merge_pending(store, clock=lambda: FIXED)
    assert (summary.considered, summary.joined, summary.events) == (6, 2, 1)
    assert groups(store) == [[1, 2, 3], [4], [5], [6]]
    event = store.events_frame().set_index("id").loc[1]
    assert event["sources"] == 3 and event["fatalities"] == 1
    assert event["evidence"] == "Report number 1. | Report number 2. | Report number 3."
    assert list(event["source_titles"]) == ["Source 1", "Source 2", "Source 3"]
    reasons = {row[0]: row[2] for row in links(store)}
    assert reasons[2].startswith("joined event 1: same type family") and "#1: 0.4 km apart, 1 day apart" in reasons[2]
    assert reasons[5].startswith("new event: closest candidate, event 1, missed: with #1, 3.0 km apart")
    assert reasons[4] == "new event: no report of the same type family nearby in place and time"
    assert {row[3] for row in links(store)} == {"auto"} and {row[4] for row in links(store)} == {FIXED}


def test_sql_side_events_match_the_events_frame(store):
    """What a dashboard querying in SQL would use: one head row per event, combined on demand."""
    fill(store)
    merge_pending(store)
    with store.engine.connect() as conn:
        heads = list(conn.execute(sa.select(incidents.c.id).where(event_heads()).order_by(incidents.c.id)).scalars())
    assert heads == [1, 4, 5, 6]
    frame = store.events_frame().set_index("id")
    records = store.events_by_id([5, 1, 2, 99])   # 2 is part of event 1, 99 does not exist
    assert [r["id"] for r in records] == [5, 1]
    for record in records:
        expected = frame.loc[record["id"]]
        assert record["member_ids"] == list(expected["member_ids"])
        assert (record["evidence"], record["fatalities"]) == (expected["evidence"], expected["fatalities"])


def test_merging_twice_changes_nothing(store):
    fill(store)
    merge_pending(store)
    first, frame = links(store), store.events_frame()
    again = merge_pending(store)
    assert (again.considered, again.joined) == (0, 0)
    assert links(store) == first
    pd.testing.assert_frame_equal(store.events_frame(), frame)


def test_a_dry_run_writes_nothing(store):
    fill(store)
    summary = merge_pending(store, dry_run=True)
    assert [d.event_id for d in summary.decisions if d.joined] == [1, 1]
    assert links(store) == [] and store.merge_version() == 0


def test_unmerge_all_restores_the_exact_pre_merge_view(store):
    fill(store)
    before = store.events_frame()
    assert list(before["id"]) == list(store.incidents_frame()["id"]) and set(before["sources"]) == {1}
    merge_pending(store)
    assert len(store.events_frame()) == 4
    assert unmerge_all(store) == 6
    pd.testing.assert_frame_equal(store.events_frame(), before)


def test_unmerging_one_report_keeps_it_apart(store):
    fill(store)
    merge_pending(store)
    assert unmerge(store, 2, clock=lambda: FIXED) == 1
    assert groups(store) == [[1, 3], [2], [4], [5], [6]]
    alone = store.events_frame().set_index("id").loc[2]
    original = store.incidents_frame().set_index("id").loc[2]
    assert all(alone[c] == original[c] or (pd.isna(alone[c]) and pd.isna(original[c])) for c in original.index)
    assert store.event_link(2)["reason"] == "kept apart: taken out of event 1 by analyst"
    assert store.event_link(2)["decided_by"] == "analyst"
    assert unmerge(store, 2) is None            # already alone
    fill(store, [incident(7, event_date="2018-02-04")], prefix="late")   # a new report of the event
    merge_pending(store)
    assert groups(store) == [[1, 3, 7], [2], [4], [5], [6]]  # joins the event; 2 stays apart


def test_unmerging_the_first_report_renumbers_the_event(store):
    fill(store)
    merge_pending(store)
    assert unmerge(store, 1) == 1
    assert groups(store) == [[1], [2, 3], [4], [5], [6]]
    assert store.event_link(3)["event_id"] == 2
    assert "(event 1 renumbered 2 when #1 was taken out)" in store.event_link(3)["reason"]
    assert [m["id"] for m in explain(store, 2).members] == [2, 3]


def test_unmerge_an_unknown_incident(store):
    fill(store)
    assert unmerge(store, 4) is None   # not merged yet: nothing to undo
    with pytest.raises(MergeError, match="no incident 99"):
        unmerge(store, 99)


def test_explain_names_every_source_and_rule(store):
    fill(store)
    assert explain(store, 1).members[0]["reason"] is None   # before merging: its own event
    merge_pending(store, clock=lambda: FIXED)
    text = explain(store, 1).text()
    assert text.startswith("event 1: Battles / Armed clash, 2018-02-03, Maasran, Idlib, Syria; fatalities 1; 3 reports")
    assert "from Source 3" in text and "joined event 1" in text and "[auto, 2018-02-07 12:00]" in text
    assert explain(store, 2) is None   # part of event 1, not an event
    assert explain(store, 99) is None


def test_daily_reports_from_one_town_do_not_chain_into_one_event(store):
    fill(store, [incident(n, event_date=f"2018-02-0{n}") for n in range(1, 7)])
    merge_pending(store)
    assert groups(store) == [[1, 2], [3, 4], [5, 6]]   # every member within a day of every other


def test_merging_after_each_article_equals_merging_once(tmp_path):
    reports = [incident(n, event_date=f"2018-02-0{1 + n % 3}", latitude=35.708 + (n % 4) * 0.6 * KM_NORTH,
                        event_type=("Battles", "Protests")[n % 2],
                        sub_event_type=("Armed clash", "Peaceful protest")[n % 2]) for n in range(12)]
    once, stepwise = Store(f"sqlite:///{tmp_path / 'once.sqlite'}"), Store(f"sqlite:///{tmp_path / 'step.sqlite'}")
    fill(once, reports)
    merge_pending(once)
    for n, inc in enumerate(reports, start=1):
        fill(stepwise, [inc], prefix=f"a{n}-")
        merge_pending(stepwise)
    assert groups(once) == groups(stepwise)
    assert len(groups(once)) < len(reports)


def test_a_failed_write_writes_nothing(store):
    fill(store)
    version = store.merge_version()
    good = {"event_id": 1, "reason": "r", "decided_by": "auto", "decided_at": FIXED}
    # The second row names an incident that does not exist: the whole batch is refused.
    assert not store.write_event_links(expected_version=version, insert=[good | {"incident_id": 1},
                                                                         good | {"incident_id": 999}])
    assert links(store) == [] and store.merge_version() == version


def test_a_stale_merge_is_refused_and_redone(store, tmp_path):
    fill(store)
    stale = store.merge_version()
    other_process = Store(store.url)
    merge_pending(other_process)   # another process merged after our snapshot
    row = {"incident_id": 4, "event_id": 1, "reason": "stale", "decided_by": "auto", "decided_at": FIXED}
    assert not store.write_event_links(expected_version=stale, replace=[row])
    assert store.event_link(4)["event_id"] == 4
    fill(store, [incident(7)], prefix="more")
    assert merge_pending(store).considered == 1  # only what is new
    assert groups(store) == [[1, 2, 3, 7], [4], [5], [6]]
    other_process.dispose()


def _merge_concurrently(url: str, workers: int = 3) -> list:
    errors, barrier = [], threading.Barrier(workers)

    def work():
        s = Store(url)
        try:
            barrier.wait()
            merge_pending(s)
        except Exception as err:  # reported below, with the others
            errors.append(err)
        finally:
            s.dispose()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_concurrent_mergers_on_one_sqlite_file(store):
    fill(store, [incident(n, event_date=f"2018-02-{1 + n // 3:02d}") for n in range(30)])
    assert _merge_concurrently(store.url) == []
    assert len(links(store)) == 30  # each incident decided once
    expected = Store(store.url.replace("store.sqlite", "fresh.sqlite"))
    fill(expected, [incident(n, event_date=f"2018-02-{1 + n // 3:02d}") for n in range(30)])
    merge_pending(expected)
    assert groups(store) == groups(expected)
    expected.dispose()


# --- the command line ------------------------------------------------------------------------

def test_cli_merge_explain_unmerge(store, monkeypatch, capsys):
    fill(store)
    monkeypatch.setenv("DATABASE_URL", store.url)
    assert cli.main(["merge", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("#2 -> event 1: joined event 1: same type family")
    assert out[-1] == "dry run, nothing written: 6 incidents considered, 2 merged into 1 events with several reports"
    assert cli.main(["merge"]) == 0
    assert capsys.readouterr().out == "6 incidents considered, 2 merged into 1 events with several reports\n"
    assert cli.main(["explain", "1"]) == 0
    assert "3 reports" in capsys.readouterr().out
    assert cli.main(["explain", "2"]) == 1
    assert capsys.readouterr().err == ("error: no event 2: incident 2 is part of event 1 "
                                       "(python -m incidents explain 1)\n")
    assert cli.main(["unmerge", "3"]) == 0
    assert capsys.readouterr().out == "incident 3 taken out of event 1; it stays on its own\n"
    assert cli.main(["unmerge", "4"]) == 0
    assert "not merged with other reports: nothing changed" in capsys.readouterr().out
    assert cli.main(["unmerge", "99"]) == 2
    assert capsys.readouterr().err == "error: no incident 99\n"
    assert cli.main(["unmerge", "--all"]) == 0
    assert capsys.readouterr().out.startswith("6 merge decisions dropped")


@pytest.mark.parametrize("argv,message", [
    (["unmerge"], "one of the arguments ID --all is required"),
    (["unmerge", "3", "--all"], "not allowed with argument"),
    (["unmerge", "x"], "'x' is not an id"),
    (["explain", "-4"], "'-4' is not an id"),
])
def test_cli_bad_usage(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_cli_merge_without_a_store(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none.sqlite'}")
    assert cli.main(["merge"]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


# --- PostgreSQL --------------------------------------------------------------------------------

def test_merging_on_postgresql_with_concurrent_mergers(pg_url, tmp_path):
    reports = SCENARIO + [incident(n, event_date=f"2018-03-{1 + n // 3:02d}") for n in range(7, 37)]
    store = Store(pg_url)
    fill(store, reports)
    before = store.events_frame()
    assert _merge_concurrently(pg_url, workers=4) == []
    assert len(links(store)) == len(reports)
    reference = Store(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    fill(reference, reports)
    merge_pending(reference)
    assert groups(store) == groups(reference)
    assert "joined event 1" in explain(store, 1).text()
    assert unmerge(store, 1) == 1 and store.event_link(2)["event_id"] == 2
    assert merge_pending(store).considered == 0
    unmerge_all(store)
    pd.testing.assert_frame_equal(store.events_frame(), before)
    reference.dispose()
    store.dispose()


# --- merging after an ingest -------------------------------------------------------------------

TWO_REPORTS_OF_ONE_STRIKE = {
    "first.txt": "Warplanes struck the town of Saraqeb in Idlib province on Sunday, killing five civilians.",
    "second.txt": "Five civilians were killed on Sunday when an air strike hit Saraqeb, in Idlib province, "
                  "local medics said.",
}


@pytest.mark.parametrize("extra,events", [([], 1), (["--no-merge"], 2)])
def test_ingest_merges_reports_of_one_event_unless_told_not_to(tmp_path, monkeypatch, capsys, extra, events):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in TWO_REPORTS_OF_ONE_STRIKE.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert cli.main(["ingest", str(folder), "--published", "2018-02-06", *extra]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("2 articles read, 2 incidents stored")
    assert ("merge: 2 incidents considered, 1 merged into 1 events" in captured.err) == (not extra)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert len(store.incidents_frame()) == 2
    assert len(store.events_frame()) == events
    store.dispose()

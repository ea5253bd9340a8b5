"""`export`: the store as an ACLED-layout CSV or GeoJSON, written atomically."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.exports import (ACLED_COLUMNS, disorder_type, interaction_code, to_acled_csv, to_geojson,
                               write_export)
from incidents.record import EVENT_TYPES, RECORD_FIELDS, Incident
from incidents.store import Store
from test_incidents_datasets import acled_fixture  # the ACLED export written by the import tests

REPO = Path(__file__).resolve().parent.parent

# ACLED's current export columns, in ACLED's order, written out here on purpose.
EXPECTED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

CLASH = Incident(
    event_date="2018-02-03", date_precision=1, event_type="Battles", sub_event_type="Armed clash",
    actor1="Hayat Tahrir al Sham", actor2="Military Forces of Russia", inter1=2, inter2=8,
    location="Maasran", admin1="Idlib", country="Syria", country_code="SY", latitude=35.708, longitude=36.805,
    geo_precision=1, fatalities=1, evidence="A Russian pilot whose jet was downed over Syria on Saturday ...",
    source_title="Su-25 downed", source_url="https://example.org/su25", published="2018-02-06", confidence=0.95,
)
STRIKE = Incident(
    event_date="2018-02-04", date_precision=1, event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike", actor1="Military Forces of Syria", actor2="Civilians (Syria)", inter1=1,
    inter2=7, location="Saraqib", admin1="Idlib", country="Syria", country_code="SY", latitude=35.86447,
    longitude=36.80591, geo_precision=1, fatalities=None, injuries=11, evidence="Barrels fell on Saraqib.",
    source_title="Saraqib", confidence=0.8,
)
UNMAPPED = Incident(
    event_date="2018-03-01", date_precision=3, event_type="Protests", sub_event_type="Peaceful protest",
    actor1="Protesters (Iraq)", inter1=6, country="Iraq", country_code="IQ", evidence="People marched.",
    source_url="https://example.org/march", confidence=0.6,
)


def run(*args, db: Path):
    env = os.environ | {"DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    try:
        store.add_article(content_hash="a", incidents_found=[CLASH, STRIKE], title="Su-25 downed",
                          published="2018-02-06")
        store.add_article(content_hash="b", incidents_found=[UNMAPPED], published="2018-03-02")
    finally:
        store.dispose()
    return path


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames), list(reader)


def test_csv_has_acleds_columns_in_acleds_order_and_our_values(db):
    result = run("export", "--format", "csv", db=db)
    assert result.returncode == 0, result.stderr
    columns, rows = read_csv(result.stdout)
    assert columns == EXPECTED_COLUMNS == list(ACLED_COLUMNS)
    assert [r["event_date"] for r in rows] == ["2018-02-03", "2018-02-04", "2018-03-01"]
    clash, strike, protest = rows
    assert clash == clash | {
        "event_id_cnty": "", "year": "2018", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Hayat Tahrir al Sham", "inter1": "2",
        "actor2": "Military Forces of Russia", "inter2": "8", "interaction": "28", "civilian_targeting": "",
        "iso": "760", "country": "Syria", "admin1": "Idlib", "location": "Maasran", "latitude": "35.708",
        "longitude": "36.805", "geo_precision": "1", "source": "Su-25 downed (https://example.org/su25)",
        "notes": CLASH.evidence, "fatalities": "1", "region": "", "admin2": "", "tags": "", "timestamp": "",
    }
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["interaction"] == "17"
    assert strike["fatalities"] == ""          # the report gave no count: unknown, not 0
    assert strike["source"] == "Saraqib"
    assert protest["disorder_type"] == "Demonstrations" and protest["time_precision"] == "3"
    assert (protest["inter2"], protest["interaction"], protest["iso"]) == ("0", "60", "368")
    assert protest["source"] == "https://example.org/march" and protest["latitude"] == ""
    assert "3 incidents exported" in result.stderr


def test_filters_by_date_and_type(db):
    only_feb = run("export", "--start", "2018-02-04", "--end", "2018-02-28", db=db)
    assert [r["location"] for r in read_csv(only_feb.stdout)[1]] == ["Saraqib"]
    protests = run("export", "--types", "protests, Battles", db=db)
    assert [r["event_type"] for r in read_csv(protests.stdout)[1]] == ["Battles", "Protests"]
    nothing = run("export", "--types", "Riots", db=db)
    assert read_csv(nothing.stdout) == (EXPECTED_COLUMNS, []) and nothing.returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--types", "Battles,Skirmishes"], "unknown event type 'Skirmishes'"),
        (["--start", "03/02/2018"], "not an ISO date"),
        (["--start", "2018-03-01", "--end", "2018-02-01"], "is after --end"),
        (["--format", "kml"], "invalid choice"),
    ],
)
def test_bad_options_exit_2(db, args, message):
    result = run("export", *args, db=db)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_missing_store_is_an_error_not_an_empty_new_file(tmp_path):
    missing = tmp_path / "typo.sqlite"
    result = run("export", db=missing)
    assert result.returncode == 2 and "no store at" in result.stderr
    assert not missing.exists()


def test_geojson_points_are_lon_lat_and_unmapped_incidents_are_counted(db, tmp_path):
    out = tmp_path / "incidents.geojson"
    result = run("export", "--format", "geojson", "--output", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "2 incidents exported" in result.stderr and "1 skipped (no coordinates)" in result.stderr
    collection = json.loads(out.read_text(), parse_constant=pytest.fail)  # no NaN / Infinity
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        props = feature["properties"]
        assert (lon, lat) == (props["longitude"], props["latitude"])
        assert set(RECORD_FIELDS) <= set(props)
    clash = collection["features"][0]
    assert clash["geometry"]["coordinates"] == [36.805, 35.708]
    assert clash["properties"]["injuries"] is None and clash["properties"]["fatalities"] == 1
    # --output ending in .geojson picks the format by itself
    again = tmp_path / "again.geojson"
    assert run("export", "-o", str(again), db=db).returncode == 0
    assert json.loads(again.read_text()) == collection


def test_functions_take_the_dashboards_frame(db):
    store = Store(f"sqlite:///{db}")
    try:
        frame = store.incidents_frame()
    finally:
        store.dispose()
    buffer = io.StringIO()
    assert to_acled_csv(frame, buffer) == 3
    columns, rows = read_csv(buffer.getvalue())
    assert columns == EXPECTED_COLUMNS
    assert [r["fatalities"] for r in rows] == ["1", "", ""]
    assert [r["inter1"] for r in rows] == ["2", "1", "6"]           # not "2.0": gaps make pandas use floats
    collection = to_geojson(frame)
    json.dumps(collection, allow_nan=False)
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[36.805, 35.708], [36.80591, 35.86447]]
    assert collection["features"][1]["properties"]["fatalities"] is None
    assert collection["features"][1]["properties"]["injuries"] == 11
    assert to_geojson(r for r in frame.to_dict("records") if r["event_type"] == "Protests")["features"] == []


def test_a_failed_export_leaves_no_file(tmp_path):
    target = tmp_path / "out.csv"

    def broken_rows():
        yield CLASH.to_dict()
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        write_export(target, lambda fp: to_acled_csv(broken_rows(), fp))
    assert list(tmp_path.iterdir()) == []       # neither the file nor a temporary one

    target.write_text("the previous export\n")
    with pytest.raises(RuntimeError):
        write_export(target, lambda fp: to_acled_csv(broken_rows(), fp))
    assert target.read_text() == "the previous export\n" and list(tmp_path.iterdir()) == [target]

    assert write_export(target, lambda fp: to_acled_csv([CLASH.to_dict()], fp)) == 1
    assert read_csv(target.read_text())[1][0]["location"] == "Maasran"
    assert list(tmp_path.iterdir()) == [target]


def test_an_unwritable_output_is_reported(db, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    result = run("export", "--output", str(target), db=db)
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_round_trip_acled_import_export_import(tmp_path):
    source = acled_fixture(tmp_path)
    first_db, second_db = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    assert "4 incidents stored" in run("import-dataset", str(source), db=first_db).stdout
    out = tmp_path / "export.csv"
    assert run("export", "--output", str(out), db=first_db).returncode == 0

    with open(source, newline="", encoding="utf-8") as handle:
        original = {r["event_id_cnty"]: r for r in csv.DictReader(handle)}
    columns, exported = read_csv(out.read_text(encoding="utf-8"))
    assert columns == EXPECTED_COLUMNS
    assert sorted(r["event_id_cnty"] for r in exported) == ["IRQ90007", "SYR90001", "SYR90002", "SYR90003"]
    same = ["event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "iso",
            "country", "admin1", "location", "latitude", "longitude", "geo_precision", "time_precision", "source",
            "notes", "fatalities", "year"]
    for row in exported:
        assert {c: row[c] for c in same} == {c: original[row["event_id_cnty"]][c] for c in same}
    assert {r["event_id_cnty"]: r["event_date"] for r in exported} == {
        "SYR90001": "2020-05-09", "SYR90002": "2020-05-09", "SYR90003": "2020-05-08", "IRQ90007": "2020-01-01"}

    # The export is itself an ACLED file: it imports, and into the first store it adds nothing.
    assert run("import-dataset", str(out), db=second_db).stdout.strip() == (
        "4 rows read, 4 incidents stored, 0 skipped (already stored), 0 failed")
    assert run("import-dataset", str(out), db=first_db).stdout.strip() == (
        "4 rows read, 0 incidents stored, 4 skipped (already stored), 0 failed")
    second_out = tmp_path / "second.csv"
    assert run("export", "-o", str(second_out), db=second_db).returncode == 0
    assert second_out.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_exported_incidents_without_an_acled_id_reimport_once(db, tmp_path):
    out = tmp_path / "ours.csv"
    assert run("export", "-o", str(out), db=db).returncode == 0
    other = tmp_path / "other.sqlite"
    # the unmapped protest has no coordinates: ACLED rows always have them, so it is a broken row there
    first = run("import-dataset", str(out), db=other)
    assert first.stdout.strip() == "3 rows read, 2 incidents stored, 0 skipped (already stored), 1 failed"
    assert f"{out}:4: no coordinates" in first.stderr
    assert "0 incidents stored, 2 skipped" in run("import-dataset", str(out), db=other).stdout


def test_disorder_types_follow_acled():
    expected = {
        "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
        "Violence against civilians": "Political violence", "Protests": "Demonstrations",
        "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
    }
    for event_type, subs in EVENT_TYPES.items():
        for sub in subs:
            want = expected[event_type]
            if sub == "Excessive force against protesters":
                want = "Political violence; Demonstrations"
            elif sub == "Mob violence":
                want = "Political violence"
            assert disorder_type(event_type, sub) == want, sub


def test_interaction_codes():
    assert interaction_code(2, 1) == 12
    assert interaction_code(1, 7) == 17
    assert interaction_code(6, None) == 60
    assert interaction_code(1, 1) == 11
    assert interaction_code(None, 7) is None


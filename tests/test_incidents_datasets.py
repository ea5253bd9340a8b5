"""`import-dataset`: ACLED exports and UCDP GED CSVs into the store, never twice, broken rows named."""
import csv
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.datasets import import_dataset, parse_dataset_date, ucdp_date_precision, ucdp_geo_precision
from incidents.store import Store

REPO = Path(__file__).resolve().parent.parent

# ACLED's export layout (2020), as downloaded from acleddata.com.
ACLED_HEADER = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3"
).split(",")

# UCDP GED's CSV layout (version 19.1).
UCDP_HEADER = (
    "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,"
    "side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,"
    "source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,"
    "priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,low,best,high"
).split(",")


def acled_row(**values) -> list[str]:
    base = {
        "data_id": "9000001", "iso": "760", "event_id_cnty": "SYR90001", "event_id_no_cnty": "90001",
        "event_date": "2020-05-09", "year": "2020", "time_precision": "1", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Syria (2000-)", "assoc_actor_1": "",
        "inter1": "1", "actor2": "Hayat Tahrir al Sham", "assoc_actor_2": "", "inter2": "2", "interaction": "12",
        "region": "Middle East", "country": "Syria", "admin1": "Idleb", "admin2": "Ariha", "admin3": "Ariha",
        "location": "Ariha", "latitude": "35.8126", "longitude": "36.6108", "geo_precision": "1",
        "source": "SOHR; Step News Agency", "source_scale": "National",
        "notes": "On 9 May 2020, regime forces clashed with HTS fighters near Ariha. 2 fighters were killed.",
        "fatalities": "2", "timestamp": "1589220519", "iso3": "SYR",
    }
    unknown = set(values) - set(base)
    assert not unknown, unknown
    base.update(values)
    return [base[c] for c in ACLED_HEADER]


def ucdp_row(**values) -> list[str]:
    base = {
        "id": "300001", "year": "2018", "active_year": "1", "type_of_violence": "1", "conflict_new_id": "299",
        "conflict_name": "Syria: Government", "dyad_new_id": "11973",
        "dyad_name": "Government of Syria - Syrian insurgents", "side_a_new_id": "118",
        "side_a": "Government of Syria", "side_b_new_id": "4456", "gwnob": "", "side_b": "Syrian insurgents",
        "number_of_sources": "1", "source_article": '"SOHR,2018-02-04,Clashes in Saraqib"',
        "source_office": "SOHR", "source_date": "2018-02-04", "source_headline": "Clashes in Saraqib",
        "source_original": "SOHR", "where_prec": "1", "where_coordinates": "Saraqib town",
        "adm_1": "Idlib governorate", "adm_2": "Idlib district", "latitude": "35.86447", "longitude": "36.80591",
        "geom_wkt": "POINT (36.80591 35.86447)", "priogrid_gid": "181154", "country": "Syria",
        "country_id": "652", "region": "Middle East", "event_clarity": "1", "date_prec": "1",
        "date_start": "2018-02-04", "date_end": "2018-02-04", "deaths_a": "1", "deaths_b": "2",
        "deaths_civilians": "0", "deaths_unknown": "0", "low": "3", "best": "3", "high": "4",
    }
    unknown = set(values) - set(base)
    assert not unknown, unknown
    base.update(values)
    return [base[c] for c in UCDP_HEADER]


def write_csv(path: Path, header, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*args, db: Path):
    env = os.environ | {"DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


def stored(db: Path) -> dict[str, dict]:
    store = Store(f"sqlite:///{db}")
    try:
        frame = store.incidents_frame()
    finally:
        store.dispose()
    return {row["source_title"] if isinstance(row["source_title"], str) else None: row
            for row in frame.to_dict("records")}


def acled_fixture(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "acled.csv", ACLED_HEADER, [
        acled_row(),                                                                           # line 2
        acled_row(event_id_cnty="SYR90002", event_date="09 May 2020", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", actor1="Military Forces of Russia (2000-)", inter1="8",
                  actor2="Civilians (Syria)", inter2="7", interaction="78", fatalities="0",
                  notes="On 9 May 2020, Russian jets struck Kafr Nabl.\nNo casualties were reported.",
                  location="Kafr Nabl", latitude="35.6137", longitude="36.5607"),              # lines 3-4
        acled_row(event_id_cnty="SYR90003", event_date="8-May-20", event_type="Protests",
                  sub_event_type="Peaceful protest", actor1="Protesters (Syria)", inter1="6", actor2="",
                  inter2="0", interaction="60", fatalities="0", location="Idlib", latitude="35.9306",
                  longitude="36.6339", geo_precision="1", time_precision="2"),                 # line 5
        acled_row(event_id_cnty="SYR90004", latitude="north", longitude="36.6"),              # line 6: broken
        acled_row(event_id_cnty="SYR90005", event_type="Riots/Protests", sub_event_type=""),  # line 7: broken
        acled_row(event_id_cnty="SYR90006", event_date=""),                                   # line 8: broken
        acled_row(event_id_cnty="IRQ90007", iso="368", country="Iraq", event_date="01-January-2020",
                  admin1="Ninewa", location="Mosul", latitude="36.335", longitude="43.1189",
                  time_precision="3"),                                                         # line 9
    ])


def test_acled_import_stores_each_row_once_and_names_broken_rows(tmp_path):
    db = tmp_path / "store.sqlite"
    source = acled_fixture(tmp_path)
    first = run("import-dataset", str(source), db=db)
    assert first.stdout.strip() == "7 rows read, 4 incidents stored, 0 skipped (already stored), 3 failed"
    assert first.returncode == 1
    assert "Traceback" not in first.stderr
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert f"{source}:6: bad coordinates" in errors[0]
    assert f"{source}:7: unknown event type 'Riots/Protests'" in errors[1]
    assert f"{source}:8: no event_date" in errors[2]

    again = run("import-dataset", str(source), db=db)
    assert again.stdout.strip() == "7 rows read, 0 incidents stored, 4 skipped (already stored), 3 failed"
    rows = stored(db)
    assert len(rows) == 4

    clash = rows["ACLED SYR90001"]
    assert clash["event_date"] == "2020-05-09" and clash["date_precision"] == 1
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["actor1"], clash["inter1"], clash["actor2"], clash["inter2"]) == (
        "Military Forces of Syria (2000-)", 1, "Hayat Tahrir al Sham", 2)
    assert (clash["country"], clash["country_code"], clash["admin1"], clash["location"]) == (
        "Syria", "SY", "Idleb", "Ariha")
    assert (clash["latitude"], clash["longitude"], clash["geo_precision"]) == (35.8126, 36.6108, 1)
    assert clash["fatalities"] == 2 and clash["confidence"] == 1.0
    assert clash["evidence"].startswith("On 9 May 2020, regime forces clashed")
    assert clash["doc_id"] == "SYR90001" and clash["source"] == "SOHR; Step News Agency"

    assert rows["ACLED SYR90002"]["event_date"] == "2020-05-09"          # "09 May 2020"
    assert "\nNo casualties" in rows["ACLED SYR90002"]["evidence"]        # a quoted multi-line note
    protest = rows["ACLED SYR90003"]
    assert protest["event_date"] == "2020-05-08" and protest["date_precision"] == 2   # "8-May-20"
    assert pd_isna(protest["actor2"]) and pd_isna(protest["inter2"])
    mosul = rows["ACLED IRQ90007"]
    assert mosul["event_date"] == "2020-01-01" and mosul["country_code"] == "IQ" and mosul["date_precision"] == 3


def pd_isna(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def test_ucdp_import_maps_onto_acleds_taxonomy(tmp_path):
    db = tmp_path / "store.sqlite"
    source = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [
        ucdp_row(),
        ucdp_row(id="300002", type_of_violence="3", side_a="IS", side_b="Civilians", dyad_name="IS - Civilians",
                 where_prec="4", where_coordinates="Deir ez-Zor governorate", adm_1="Deir ez-Zor governorate",
                 latitude="35.0", longitude="40.0", date_prec="4", date_start="2018-03-01", date_end="2018-03-31",
                 best="12", source_headline="", source_date="2018-04-02;2018-04-03"),
        ucdp_row(id="300003", type_of_violence="2", side_a="SDF", side_b="IS", where_prec="3",
                 where_coordinates="Hajin city", date_prec="3", best="0", country="Yemen (North Yemen)"),
        ucdp_row(id="300004", type_of_violence="9"),                         # broken: no such type
        ucdp_row(id="300005", latitude="135.2"),                             # broken: out of range
    ])
    result = run("import-dataset", str(source), db=db)
    assert result.stdout.strip() == "5 rows read, 3 incidents stored, 0 skipped (already stored), 2 failed"
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{source}:5: unknown type_of_violence '9'" in result.stderr
    assert f"{source}:6: bad coordinates" in result.stderr

    rows = stored(db)
    state = rows["UCDP GED 300001"]
    assert (state["event_type"], state["sub_event_type"]) == ("Battles", "Armed clash")
    assert (state["actor1"], state["inter1"], state["actor2"], state["inter2"]) == (
        "Government of Syria", 1, "Syrian insurgents", 2)
    assert (state["location"], state["admin1"], state["country_code"]) == ("Saraqib", "Idlib", "SY")
    assert (state["geo_precision"], state["date_precision"], state["fatalities"]) == (1, 1, 3)
    assert state["evidence"] == "Clashes in Saraqib" and state["source"] == "SOHR"
    assert state["published"] == "2018-02-04" and state["doc_id"] == "300001"

    one_sided = rows["UCDP GED 300002"]
    assert (one_sided["event_type"], one_sided["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (one_sided["actor2"], one_sided["inter2"]) == ("Civilians (Syria)", 7)
    assert (one_sided["geo_precision"], one_sided["date_precision"], one_sided["fatalities"]) == (2, 3, 12)
    assert (one_sided["location"], one_sided["admin1"]) == ("Deir ez-Zor", "Deir ez-Zor")
    assert one_sided["event_date"] == "2018-03-01" and one_sided["published"] == "2018-04-02"
    assert one_sided["evidence"] == '"SOHR,2018-02-04,Clashes in Saraqib"'  # no headline: the article

    non_state = rows["UCDP GED 300003"]
    assert (non_state["event_type"], non_state["geo_precision"], non_state["date_precision"]) == ("Battles", 2, 2)
    assert (non_state["country"], non_state["country_code"]) == ("Yemen", "YE")

    assert run("import-dataset", str(source), "--format", "ucdp", db=db).stdout.strip() == (
        "5 rows read, 0 incidents stored, 3 skipped (already stored), 2 failed")


@pytest.mark.parametrize(
    "args, message",
    [
        (["import-dataset", "no/such/file.csv"], "no such file"),
        (["import-dataset", "{acled}", "--format", "ucdp"], "not a UCDP GED file: no column id, date_start"),
        (["import-dataset", "{other}"], "neither an ACLED export"),
        (["import-dataset", "{old}"], "without sub_event_type"),
        (["import-dataset", "{acled}", "--format", "gdelt"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_without_traceback(tmp_path, args, message):
    files = {
        "{acled}": str(acled_fixture(tmp_path)),
        "{other}": str(write_csv(tmp_path / "other.csv", ["name", "value"], [["a", "1"]])),
        "{old}": str(write_csv(tmp_path / "old.csv", ["event_id_cnty", "event_date", "event_type", "country",
                                                      "latitude", "longitude"], [])),
    }
    db = tmp_path / "store.sqlite"
    result = run(*[files.get(a, a) for a in args], db=db)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_rows_are_batched_and_repeats_skipped(tmp_path):
    rows = [acled_row(event_id_cnty=f"SYR{n}", data_id=str(n)) for n in range(1, 8)]
    rows.insert(3, acled_row(event_id_cnty="SYR2"))           # the same event twice in one file
    rows.append(acled_row(event_id_cnty="", data_id="777"))  # no event id: keyed on ACLED's data_id
    source = write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        assert store.add_articles([]) == []
        errors = []
        summary = import_dataset(source, store=store, batch_size=3, on_error=errors.append)
        assert (summary.rows_read, summary.incidents_stored, summary.skipped, summary.failed) == (9, 8, 1, 0)
        assert summary.format == "ACLED" and errors == []
        assert store.count_articles() == 8 and store.count_incidents() == 8
        titles = set(store.incidents_frame()["source_title"])
        assert "ACLED data_id 777" in titles and "ACLED SYR7" in titles
        again = import_dataset(source, store=store, batch_size=4)
        assert (again.incidents_stored, again.skipped) == (0, 9)
    finally:
        store.dispose()


def test_import_speed_is_well_over_a_thousand_rows_a_second(tmp_path):
    rows = [acled_row(event_id_cnty=f"SYR{n}", data_id=str(n)) for n in range(3000)]
    source = write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        summary = import_dataset(source, store=store)
    finally:
        store.dispose()
    assert summary.incidents_stored == 3000
    assert summary.rows_read / summary.seconds > 1000, f"{summary.rows_read / summary.seconds:.0f} rows/s"


def test_a_store_made_before_the_source_column_still_opens(tmp_path):
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:  # the schema as the first release created it
        conn.executescript("""
            CREATE TABLE articles (id INTEGER PRIMARY KEY, content_hash VARCHAR(64) NOT NULL UNIQUE, doc_id TEXT,
                title TEXT, url TEXT, published VARCHAR(10), ingested_at DATETIME NOT NULL);
            CREATE TABLE incidents (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles (id)
                ON DELETE CASCADE, event_date VARCHAR(10) NOT NULL, date_precision INTEGER NOT NULL,
                event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT, actor2 TEXT, inter1 INTEGER,
                inter2 INTEGER, location TEXT, admin1 TEXT, country TEXT, country_code VARCHAR(2), latitude FLOAT,
                longitude FLOAT, geo_precision INTEGER, fatalities INTEGER, injuries INTEGER, evidence TEXT NOT NULL,
                source_title TEXT, source_url TEXT, published VARCHAR(10), confidence FLOAT NOT NULL, doc_id TEXT);
            INSERT INTO articles VALUES (1, 'abc', NULL, 'Old report', NULL, '2018-02-06', '2018-02-06 10:00:00');
            INSERT INTO incidents (article_id, event_date, date_precision, event_type, sub_event_type, evidence,
                confidence) VALUES (1, '2018-02-03', 1, 'Battles', 'Armed clash', 'A clash.', 0.9);
        """)
    conn.close()
    result = run("import-dataset", str(acled_fixture(tmp_path)), db=db)
    assert "4 incidents stored" in result.stdout, result.stderr
    rows = stored(db)
    assert len(rows) == 5
    assert rows[None]["evidence"] == "A clash." and pd_isna(rows[None]["source"])
    assert rows["ACLED SYR90001"]["source"] == "SOHR; Step News Agency"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-05-09", dt.date(2020, 5, 9)),
        ("2020-05-09 00:00:00.000", dt.date(2020, 5, 9)),
        ("09 May 2020", dt.date(2020, 5, 9)),
        ("21 March 2020", dt.date(2020, 3, 21)),
        ("09-May-20", dt.date(2020, 5, 9)),
        ("9-May-20", dt.date(2020, 5, 9)),
        ("01-January-2015", dt.date(2015, 1, 1)),
        ("09-May-97", dt.date(1997, 5, 9)),
        ("5/9/2020", None),
        ("2020-02-30", None),
        ("yesterday", None),
    ],
)
def test_dataset_dates(text, expected):
    assert parse_dataset_date(text) == expected


def test_ucdp_precisions():
    assert [ucdp_geo_precision(p) for p in (1, 2, 3, 4, 5, 6, 7)] == [1, 1, 2, 2, 3, 3, 3]
    assert [ucdp_date_precision(p) for p in (None, 1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3, 3]

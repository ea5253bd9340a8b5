"""Layers: GeoNames dumps and places learned from ACLED / UCDP files, on top of the index.

Everything here runs in its own GEO_DATA_DIR under tmp_path, never the
session's shared index. One real build (about 15 s) covers import + learn;
the forget/stale tests build on two stand-in places in milliseconds.
"""
import csv
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from geo import Gazetteer, build_index, ensure_built
from geo.build import stale_reason
from geo.layers import (
    COLUMNS,
    LayerError,
    _Countries,
    _modal_point,
    import_geonames,
    layer_files,
    learn,
    list_layers,
    place_names,
)

REPO_ROOT = Path(__file__).resolve().parents[1]

# --- fixture files, written by the tests ---


def dump_line(gid, name, lat, lon, fclass="P", fcode="PPL", cc="SY", admin1="12", alternates="", population=0):
    """One line in GeoNames' 19-column format."""
    return "\t".join(map(str, [
        gid, name, name, alternates, lat, lon, fclass, fcode, cc, "", admin1, "", "", "",
        population, "", 300, "Asia/Damascus", "2024-01-01",
    ]))


ZUZU = (35.6123, 36.7123)  # a made-up village, in no real gazetteer
DUMP = [
    dump_line(9100001, "Khirbat Zuzufandil", *ZUZU, alternates="Kherbet Zuzufandel,خربة زوزفنديل"),
    # Saraqib's real geonameid: its names are merged into the cities500 place
    dump_line(164816, "Sarāqib", 35.86447, 36.80591, alternates="Saraqib,Sraqebzzz", population=34231),
    "9100002\tHalf a line\tHalf a line\t\t35.1\t36.1\tP\tPPL\tSY",                       # line 3: 9 columns
    dump_line(9100003, "Badlat", "north", 36.7),                                          # line 4: bad latitude
    dump_line(9100004, "Jabal Zuzufandil", 35.7, 36.7, fclass="T", fcode="MT"),          # a mountain: skipped
    dump_line(9100005, "Zuzufandil Air Base", 35.62, 36.72, fclass="S", fcode="AIRB"),   # kept
    dump_line(9100006, "Muhafazat Idlib", 35.9, 36.6, fclass="A", fcode="ADM1",          # merged into admin:SY.12
              alternates="Idlebzzz Governorate"),
    "",
    dump_line(9100007, "Dayr Zuzu", 35.3, 37.0, cc="IQ", admin1="03"),
]

ACLED_HEADER = ["data_id", "iso", "event_date", "year", "event_type", "country", "admin1", "admin2",
                "location", "latitude", "longitude", "geo_precision", "notes", "fatalities"]
TALL = (35.4321, 36.6543)
ACLED_ROWS = [
    [1, 760, "2020-05-01", 2020, "Battles", "Syria", "Idleb", "Ariha", "Tall Qarqurzzz", *TALL, 1, "clashes", 0],
    [2, 760, "2020-05-02", 2020, "Battles", "Syria", "Idleb", "Ariha", "Tall Qarqurzzz", *TALL, 1, "shelling", 1],
    [3, 760, "2020-05-03", 2020, "Battles", "Syria", "Idleb", "Ariha", "Tall Qarqurzzz", 33.0, 36.0, 1, "outlier", 0],
    [4, 760, "2020-05-03", 2020, "Battles", "Syria", "Idleb", "Ariha", "Imprecisezzz", 35.0, 36.0, 2, "near", 0],
    [5, 760, "2020-05-04", 2020, "Battles", "Syria", "Idleb", "Ariha", "Tall Qarqurzzz", "abc", 36.0, 1, "bad", 0],
    [6, 368, "2020-05-04", 2020, "Battles", "Iraq", "Ninewa", "Mosul", "Qaryat Musilzzz", 36.3, 43.1, 1, "x", 0],
    [7, "", "2020-05-04", 2020, "Battles", "Turkey", "Hatay", "Reyhanli", "Kuyuzzz", 36.25, 36.55, 1, "x", 0],
]

UCDP_HEADER = ["id", "year", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude",
               "country", "best"]
PALM = (34.5511, 38.2622)
UCDP_ROWS = [
    [1, 2017, 1, "Tadmurzzz/Palmyrazzz town", "Homs Governorate", "Tadmur district", *PALM, "Syria", 3],
    [2, 2017, 1, "Tadmurzzz town", "Homs Governorate", "Tadmur district", *PALM, "Syria", 1],
    [3, 2017, 1, "Kafr Zuzuzzz (Al-Qasr) village", "Idlib Governorate", "Ariha district", 35.77, 36.51, "Syria", 1],
    [4, 2017, 1, "Ein Zuzuzzz suburb", "Damascus Governorate", "Damascus district", 33.55, 36.33, "Syria", 1],
    [5, 2017, 2, "Imprecise Zuzuzzz village", "Idlib Governorate", "", 35.5, 36.5, "Syria", 1],
]


def write_csv(path: Path, header, rows, broken_line: str | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
        if broken_line is not None:
            handle.write(broken_line + "\r\n")
    return path


def geo_cli(*args: str, data_dir: Path, env: dict | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=REPO_ROOT,
        env={**os.environ, "GEO_DATA_DIR": str(data_dir), **(env or {})}, timeout=timeout,
    )


def body(path: Path) -> list[str]:
    """A layer file without its first line (which carries the creation time)."""
    return path.read_text(encoding="utf-8").splitlines()[1:]


# --- one real build covering import + learn ---

@pytest.fixture(scope="module")
def layered(tmp_path_factory):
    """Import the dump (.txt, then the same as .zip), learn both CSVs, build once."""
    root = tmp_path_factory.mktemp("layers")
    data = root / "geo-data"
    txt = root / "SY.txt"
    txt.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    archive = root / "zipped" / "SY.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "GeoNames readme\n")
        z.write(txt, "SY.txt")
    acled = write_csv(root / "acled-2020.csv", ACLED_HEADER, ACLED_ROWS)
    ucdp = write_csv(root / "ged.csv", UCDP_HEADER, UCDP_ROWS, broken_line="6,2017,1,Short row")

    runs = {"txt": geo_cli("import-geonames", str(txt), "--no-build", data_dir=data)}
    after_txt = body(data / "layers" / "geonames-SY.tsv")
    runs["zip"] = geo_cli("import-geonames", str(archive), "--no-build", data_dir=data)
    runs["acled"] = geo_cli("learn", str(acled), "--no-build", data_dir=data)
    runs["ucdp"] = geo_cli("learn", str(ucdp), "--name", "ucdp", "--no-build", data_dir=data)
    assert stale_reason(data / "gazetteer.sqlite") == "no index yet"
    started = time.perf_counter()
    report = build_index(directory=data)
    gaz = Gazetteer(report.path)
    yield {"data": data, "runs": runs, "after_txt": after_txt, "report": report, "gaz": gaz,
           "seconds": time.perf_counter() - started, "txt": txt}
    gaz.close()


def test_import_reports_malformed_lines_and_exits_1(layered):
    run = layered["runs"]["txt"]
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    txt = layered["txt"]
    assert f"{txt}: line 3: 9 tab-separated columns, a GeoNames dump line has 19" in run.stderr
    assert f"{txt}: line 4: latitude 'north' is not a number" in run.stderr
    assert "importing SY.txt" in run.stderr  # the progress bar
    assert "5 places kept in layer geonames-SY" in run.stderr and "2 malformed lines" in run.stderr


def test_zip_import_replaces_the_same_layer(layered):
    run = layered["runs"]["zip"]
    assert run.returncode == 1, run.stderr
    assert "importing SY.zip" in run.stderr
    files = layer_files(layered["data"])
    assert [p.name for p in files] == ["geonames-SY.tsv", "learned-acled-2020.tsv", "learned-ucdp.tsv"]
    assert body(files[0]) == layered["after_txt"]  # same places, once
    assert body(files[0])[0].split("\t") == list(COLUMNS)


def test_learn_reports_broken_rows_and_goes_on(layered):
    acled, ucdp = layered["runs"]["acled"], layered["runs"]["ucdp"]
    assert acled.returncode == 1 and "line 6: latitude 'abc' is not a number" in acled.stderr
    assert "7 ACLED rows read, 5 precisely located, 3 places learned" in acled.stderr
    assert ucdp.returncode == 1 and "line 7: 4 fields, the header has 10" in ucdp.stderr
    assert "UCDP GED rows read" in ucdp.stderr and "layer learned-ucdp" in ucdp.stderr


def test_layers_lists_counts(layered):
    run = geo_cli("layers", data_dir=layered["data"])
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[:3] == ["NAME", "KIND", "PLACES"]
    rows = {line.split()[0]: line.split()[1:3] for line in lines[1:]}
    assert rows == {
        "geonames-SY": ["geonames-dump", "5"],
        "learned-acled-2020": ["learned", "3"],
        "learned-ucdp": ["learned", "3"],
    }


def test_index_is_current_after_the_build(layered):
    assert stale_reason(layered["report"].path) is None
    assert layered["report"].places["geonames-dump"] >= 2 and layered["report"].places["learned"] >= 5


def test_dump_village_resolves_with_its_source(layered):
    gaz = layered["gaz"]
    for query in ("Khirbat Zuzufandil", "Kherbet Zuzufandel", "khirbat zuzufandil", "خربة زوزفنديل"):
        place = gaz.geocode(query)
        assert place is not None, query
        assert (place.latitude, place.longitude) == ZUZU
        assert (place.source, place.country_code) == ("geonames-dump", "SY")
        # "<source>:<source id>" for now; geonames:<id> if the lookup ever names dump rows so
        assert place.id in ("geonames-dump:9100001", "geonames:9100001")
        assert place.admin1 == "Idlib"  # admin1 code 12, named as the index names it
    spot = gaz.geocode("Zuzufandil Air Base")
    assert spot.feature_code == "AIRB" and spot.source == "geonames-dump"
    assert gaz.geocode("Jabal Zuzufandil") is None  # a mountain: not kept
    assert gaz.geocode("Dayr Zuzu").country_code == "IQ"


def test_dump_row_of_a_cities500_place_is_merged_not_duplicated(layered):
    gaz = layered["gaz"]
    place = gaz.geocode("Sraqebzzz")  # a name only the dump gives
    assert place.id == "geonames:164816" and place.source == "geonames"
    con = sqlite3.connect(f"file:{layered['report'].path}?mode=ro", uri=True)
    try:
        same = con.execute("SELECT source FROM places WHERE source_id = '164816'").fetchall()
        zuzu = con.execute("SELECT count(*) FROM places WHERE name = 'Khirbat Zuzufandil'").fetchone()[0]
    finally:
        con.close()
    assert same == [("geonames",)] and zuzu == 1


def test_dump_admin1_names_join_the_admin_unit(layered):
    place = layered["gaz"].geocode("Idlebzzz province")
    assert place is not None and place.id == "admin:SY.12"


def test_learned_acled_place_keeps_its_most_frequent_point(layered):
    gaz = layered["gaz"]
    place = gaz.geocode("Tall Qarqurzzz")
    assert (place.latitude, place.longitude) == TALL  # not the outlier at 33, 36
    assert place.source == "learned" and place.id.startswith("learned:acled-2020:")
    assert place.country_code == "SY" and place.admin1 == "Idleb"
    assert gaz.geocode("Imprecisezzz") is None  # geo_precision 2: not learned
    assert gaz.geocode("Qaryat Musilzzz").country_code == "IQ"  # iso 368
    assert gaz.geocode("Kuyuzzz").country_code == "TR"  # no iso: "Turkey" by name


def test_learned_ucdp_names(layered):
    gaz = layered["gaz"]
    tadmur, palmyra = gaz.geocode("Tadmurzzz"), gaz.geocode("Palmyrazzz")
    assert tadmur.id == palmyra.id and tadmur.id.startswith("learned:ucdp:")
    assert (tadmur.latitude, tadmur.longitude, tadmur.name) == (*PALM, "Tadmurzzz")
    assert tadmur.admin1 == "Homs" and tadmur.source == "learned"
    assert gaz.geocode("Kafr Zuzuzzz").source == "learned"  # "(Al-Qasr) village" stripped
    assert gaz.geocode("Ein Zuzuzzz").source == "learned"  # " suburb" stripped
    assert gaz.geocode("Imprecise Zuzuzzz") is None  # where_prec 2


def test_the_build_stays_reasonable(layered):
    assert layered["seconds"] < 90


# --- command line contract ---

def test_help_has_examples(tmp_path):
    for verb in ("import-geonames", "learn", "forget"):
        run = geo_cli(verb, "--help", data_dir=tmp_path)
        assert run.returncode == 0 and "example" in run.stdout and f"python -m geo {verb}" in run.stdout
    run = geo_cli("--help", data_dir=tmp_path)
    assert "python -m geo layers" in run.stdout and "python -m geo learn" in run.stdout


def test_download_without_network_fails_fast_in_one_line(tmp_path):
    started = time.perf_counter()
    run = geo_cli("import-geonames", "SY", data_dir=tmp_path, env={"GEONAMES_DUMP_URL": "http://127.0.0.1:9/"})
    assert time.perf_counter() - started < 30
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [run.stderr.strip()]
    assert run.stderr.startswith("geo: cannot download http://127.0.0.1:9/SY.zip") and "SY.zip by hand" in run.stderr
    assert not layer_files(tmp_path)


@pytest.mark.parametrize("verb", ["import-geonames", "learn"])
def test_a_file_of_the_wrong_kind_is_one_line_exit_2(tmp_path, verb):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("".join(f"just some text, line {n}\n" for n in range(50)), encoding="utf-8")
    run = geo_cli(verb, str(wrong), data_dir=tmp_path / "data")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 and str(wrong) in run.stderr
    assert not layer_files(tmp_path / "data")


def test_missing_file_and_unknown_layer_exit_2(tmp_path):
    run = geo_cli("learn", str(tmp_path / "absent.csv"), data_dir=tmp_path)
    assert run.returncode == 2 and "no such file" in run.stderr
    run = geo_cli("forget", "geonames-XX", data_dir=tmp_path)
    assert run.returncode == 2 and "no layer called 'geonames-XX'" in run.stderr


# --- forget, and the stale check, on a stand-in base (fast builds) ---

def tiny_sources(custom, tick):
    from geo.build import _Places

    places = _Places()
    places.add(name="Sarāqib", latitude=35.86447, longitude=36.80591, country_code="SY", admin1="Idlib",
               admin2=None, feature_code="PPL", population=34231, source="geonames", source_id=164816,
               keys=["saraqib"])
    places.add(name="Syria", latitude=35.0, longitude=38.0, country_code="SY", admin1=None,
               admin2=None, feature_code="PCLI", population=1, source="country", source_id="SY",
               keys=["syria"])
    return places


def test_forget_removes_a_layer_and_the_index_follows(tmp_path, monkeypatch, capsys):
    from geo.cli import main

    monkeypatch.setattr("geo.build._assemble", tiny_sources)
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join(DUMP[:2]) + "\n", encoding="utf-8")
    assert main(["import-geonames", str(dump)]) == 0  # rebuilds
    with Gazetteer(tmp_path / "gazetteer.sqlite") as gaz:
        assert gaz.geocode("Khirbat Zuzufandil").source == "geonames-dump"
        assert gaz.geocode("Sraqebzzz").id == "geonames:164816"
        assert len(gaz.candidates("Saraqib")) == 1
    index = tmp_path / "gazetteer.sqlite"
    assert stale_reason(index) is None

    learned = write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS)
    learn(learned, directory=tmp_path)
    assert "layers changed" in stale_reason(index)
    ensure_built()
    assert stale_reason(index) is None

    assert main(["forget", "learned-ged", "--no-build"]) == 0
    assert "layers changed" in stale_reason(index)
    assert main(["forget", "geonames-SY.tsv"]) == 0
    err = capsys.readouterr().err
    assert "removed layer learned-ged (3 places, learned)" in err and "removed layer geonames-SY" in err
    assert list_layers() == []
    with Gazetteer(index) as gaz:
        assert gaz.geocode("Khirbat Zuzufandil") is None and gaz.geocode("Tadmurzzz") is None
        assert gaz.geocode("Sraqebzzz") is None and gaz.geocode("Saraqib") is not None


def homonym_sources(custom, tick):
    """The stand-in base plus a Syrian town and a capital elsewhere that learned places share a name with."""
    places = tiny_sources(custom, tick)
    places.add(name="Şūrān", latitude=35.2896, longitude=36.7437, country_code="SY", admin1="Hama",
               admin2=None, feature_code="PPL", population=8000, source="geonames", source_id=9200001,
               keys=["suran"])
    places.add(name="Tripoli", latitude=32.8872, longitude=13.1913, country_code="LY", admin1="Tripoli",
               admin2=None, feature_code="PPLC", population=1_150_000, source="geonames", source_id=9200002,
               keys=["tripoli"])
    return places


LEARNED_HOMONYMS = [  # learned far (> MERGE_KM) from the base's place of the same name: a place of its own
    [11, 2016, 1, "Suran village", "Aleppo Governorate", "Azaz district", 36.5284, 37.0497, "Syria", 3],
    [12, 2016, 1, "Tripoli town", "Homs Governorate", "", 34.7, 36.6, "Syria", 1],
]


@pytest.mark.parametrize(
    "query, country, expected",
    [
        # in the country named, the learned place beats the embedded one of its name
        ("Suran", "SY", "learned"),
        ("Suran", "Syria", "learned"),
        ("Suran town", "SY", "learned"),
        ("Tripoli", "SY", "learned"),
        # without a country, or with another one, learned data never takes a name
        ("Suran", None, "geonames:9200001"),
        ("Suran", "TR", "geonames:9200001"),
        ("Tripoli", None, "geonames:9200002"),
        ("Tripoli", "LY", "geonames:9200002"),
    ],
)
def test_learned_places_win_in_the_country_named(tmp_path_factory, monkeypatch, query, country, expected):
    data = tmp_path_factory.getbasetemp() / "learned-homonyms"
    monkeypatch.setattr("geo.build._assemble", homonym_sources)
    if not (data / "gazetteer.sqlite").exists():  # one tiny build for the table
        data.mkdir(exist_ok=True)
        learn(write_csv(data / "ged.csv", UCDP_HEADER, LEARNED_HOMONYMS), directory=data)
        build_index(directory=data, custom_places=data / "none.csv")
    with Gazetteer(data / "gazetteer.sqlite") as gaz:
        place = gaz.geocode(query, country=country)
    got = place.id if ":" in expected else place.source
    assert got == expected, place


def test_gz_and_country_filter(tmp_path):
    import gzip

    txt = tmp_path / "SY.txt"
    txt.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    packed = tmp_path / "packed" / "SY.txt.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(txt.read_bytes()))
    problems = []
    report = import_geonames(packed, directory=tmp_path / "a", on_problem=problems.append)
    assert report.layer.name == "geonames-SY" and report.kept == 5 and report.bad == 2
    assert [m.split(": ")[1] for m in problems] == ["line 3", "line 4"]
    assert body(report.layer.path) == body(import_geonames(txt, directory=tmp_path / "b").layer.path)
    only_iraq = import_geonames(txt, directory=tmp_path / "a", countries=["iq"])
    assert only_iraq.layer.name == "geonames-SY-IQ" and only_iraq.kept == 1 and only_iraq.other_countries == 4
    assert sorted(i.name for i in list_layers(tmp_path / "a")) == ["geonames-SY", "geonames-SY-IQ"]


def test_learn_without_a_known_country_keeps_the_place_and_says_so(tmp_path):
    rows = [[1, 2017, 1, "Foozzz/Barzzz", "", "", 1.5, 2.5, "Atlantis", 1], *UCDP_ROWS]
    report = learn(write_csv(tmp_path / "x.csv", UCDP_HEADER, rows), directory=tmp_path)
    assert report.unknown_countries == {"Atlantis": 1} and "Atlantis x1" in report.summary()
    (row,) = [line.split("\t") for line in body(report.layer.path) if "zzz\t1.5\t" in line]
    assert row[1:5] == ["Foozzz", "1.5", "2.5", ""] and row[-1] == "Barzzz"  # the name given first


def test_damaged_layer_fails_the_build_naming_it(tmp_path, monkeypatch):
    from geo import BuildError

    monkeypatch.setattr("geo.build._assemble", tiny_sources)
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP[0] + "\n", encoding="utf-8")
    import_geonames(dump, directory=tmp_path)
    layer = layer_files(tmp_path)[0]
    layer.write_text(layer.read_text(encoding="utf-8") + "broken\tline\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"geonames-SY.tsv: line 4: 2 columns.*forget geonames-SY"):
        build_index(directory=tmp_path)


# --- the pieces ---

@pytest.mark.parametrize("where, names", [
    ("Tadmur/Palmyra town", ["Tadmur", "Palmyra"]),
    ("Yani Yaban (Al-Judaydah) village", ["Yani Yaban"]),
    ("Ein Terma suburb", ["Ein Terma"]),
    ("Yarmouk camp", ["Yarmouk"]),
    ("Tallbisah  town", ["Tallbisah"]),
    ("Aleppo city", ["Aleppo"]),
    ("Bab al Khayr village II", ["Bab al Khayr village II"]),
    ("(unknown)", []),
])
def test_ucdp_place_names(where, names):
    assert place_names(where, ucdp=True) == names


def test_acled_names_keep_their_words():
    assert place_names("Kafr Nabl", ucdp=False) == ["Kafr Nabl"]
    assert place_names("Camp Town", ucdp=False) == ["Camp Town"]


def test_modal_point_ignores_outliers_and_groups_near_points():
    from collections import Counter

    # two points 100 m apart outweigh a more frequent single point far away
    counts = Counter({(35.0, 36.0): 3, (34.0, 36.0): 2, (34.0009, 36.0): 2})
    assert _modal_point(counts) == ((34.0, 36.0), 4)
    assert _modal_point(Counter({(1.0, 2.0): 1})) == ((1.0, 2.0), 1)


@pytest.mark.parametrize("fields, code", [
    ({"numeric": "760"}, "SY"),
    ({"numeric": "4"}, "AF"),
    ({"alpha3": "IRQ"}, "IQ"),
    ({"name": "Syria"}, "SY"),
    ({"name": "Democratic Republic of Congo"}, "CD"),
    ({"name": "Ivory Coast"}, "CI"),
    ({"name": "Kosovo"}, "XK"),
    ({"name": "Yemen (North Yemen)"}, "YE"),
    ({"alpha2": "lb", "name": "Syria"}, "LB"),
    ({"name": "Atlantis"}, None),
])
def test_country_codes(fields, code):
    assert _Countries().code(**fields) == code


def test_layer_error_is_a_geo_error():
    from geo import GeoError

    assert issubclass(LayerError, GeoError) and issubclass(LayerError, ValueError)

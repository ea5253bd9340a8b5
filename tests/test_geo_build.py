"""The build: the analysts' CSV is checked line by line, and files appear atomically."""
import os
import sqlite3
from pathlib import Path

import pytest

from geo import CustomPlacesError, Gazetteer, GazetteerMissing, GeoError, build_index
from geo.build import CUSTOM_COLUMNS, FORMAT_VERSION, FUZZY_KNOWN_POPULATION, read_custom_places, stale_reason
from geo.normalize import fuzzy_hash, translit_key

HEADER = ",".join(CUSTOM_COLUMNS)
GOOD = "Maasran,Ma'saran|Masaran,35.708,36.805,SY,Idlib,,PPL,test"


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "custom_places.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_shipped_csv_is_valid_and_has_maasran():
    from geo.build import CUSTOM_PLACES

    places = read_custom_places(CUSTOM_PLACES)
    maasran = next(p for p in places if p.name == "Maasran")
    assert (maasran.latitude, maasran.longitude, maasran.country_code) == (35.708, 36.805, "SY")
    assert "معصران" in maasran.alternate_names


def test_good_rows_are_read(tmp_path):
    path = write(tmp_path, HEADER, GOOD, "# a comment row,,0,0,,,,,", "", "Bar,,1.5,-2.5,,,,,")
    places = read_custom_places(path)
    assert [p.name for p in places] == ["Maasran", "Bar"]
    assert places[0].alternate_names == ("Ma'saran", "Masaran")
    assert places[1].feature_code == "PPL" and places[1].country_code is None


@pytest.mark.parametrize(
    "row, words",
    [
        ("Foo,,35.7x,36.8,SY,,,PPL,", ["line 3", "latitude", "'35.7x'"]),
        ("Foo,,95,36.8,SY,,,PPL,", ["line 3", "latitude", "'95'"]),
        ("Foo,,35.7,,SY,,,PPL,", ["line 3", "longitude", "''"]),
        ("Foo,,35.7,181,SY,,,PPL,", ["line 3", "longitude", "'181'"]),
        ("Foo,,35.7,nan,SY,,,PPL,", ["line 3", "longitude", "'nan'"]),
        ("Foo,,35.7,36.8,Syria,,,PPL,", ["line 3", "country_code", "'Syria'"]),
        (",,35.7,36.8,SY,,,PPL,", ["line 3", "name"]),
        ("Foo,,35.7,36.8,SY,,,PPL,note,extra", ["line 3", "more fields"]),
    ],
)
def test_bad_rows_name_file_line_and_value(tmp_path, row, words):
    path = write(tmp_path, HEADER, GOOD, row)
    with pytest.raises(CustomPlacesError) as caught:
        read_custom_places(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message
    assert isinstance(caught.value, GeoError) and isinstance(caught.value, ValueError)


def test_wrong_header_is_line_1(tmp_path):
    path = write(tmp_path, "name,lat,lon", "Foo,1,2")
    with pytest.raises(CustomPlacesError, match="line 1: header lacks"):
        read_custom_places(path)


def test_missing_csv_means_no_custom_places(tmp_path):
    assert read_custom_places(tmp_path / "absent.csv") == []


def test_a_bad_csv_fails_the_build_fast_and_leaves_no_file(tmp_path):
    path = write(tmp_path, HEADER, "Foo,,north,36.8,SY,,,PPL,")
    out = tmp_path / "index"
    with pytest.raises(CustomPlacesError, match="line 2: latitude 'north'"):
        build_index(directory=out, custom_places=path)
    assert not list(out.glob("*.sqlite")) and not list(out.glob("*.tmp"))


def test_opening_a_missing_index_raises_gazetteer_missing(tmp_path):
    with pytest.raises(GazetteerMissing, match="python -m geo build") as caught:
        Gazetteer(tmp_path / "gazetteer.sqlite")
    assert isinstance(caught.value, FileNotFoundError)


def fake_index(path: Path, version: int) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('format_version', ?)", (str(version),))
    con.commit()
    con.close()
    return path


def test_stale_reasons(tmp_path):
    from geo.build import _source_signature

    custom = write(tmp_path, HEADER, GOOD)
    index = tmp_path / "gazetteer.sqlite"
    assert stale_reason(index, custom_places=custom) == "no index yet"

    fake_index(index, FORMAT_VERSION - 1)
    assert "format" in stale_reason(index, custom_places=custom)

    index.unlink()
    fake_index(index, FORMAT_VERSION)
    con = sqlite3.connect(index)
    con.execute("INSERT INTO meta VALUES ('sources', ?)", (_source_signature(),))
    con.commit()
    con.close()
    os.utime(custom, (1_000_000, 1_000_000))
    assert stale_reason(index, custom_places=custom) is None

    os.utime(custom, None)  # the analyst just saved the CSV
    os.utime(index, (1_000_000, 1_000_000))
    assert "newer" in stale_reason(index, custom_places=custom)


def test_built_index_is_compact_and_complete(gazetteer):
    path = gazetteer.path
    # ~50 MB of names and places, ~25 MB of hits (the exact lookups' copy of places), ~37 MB of fuzzy forms
    assert path.stat().st_size < 125e6
    assert not list(path.parent.glob("*.tmp"))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sources = dict(con.execute("SELECT source, count(*) FROM places GROUP BY source"))
    con.close()
    assert sources["custom"] >= 1 and sources["geonames"] > 200_000
    assert sources["admin"] > 3_000 and sources["country"] > 200


def tiny_sources(custom, tick):
    """Stands in for the real sources: two places, built in milliseconds."""
    from geo.build import _Places

    places = _Places()
    places.add(name="Testville", latitude=1.5, longitude=2.5, country_code="SY", admin1="Idlib",
               admin2=None, feature_code="PPL", population=10, source="geonames", source_id=1,
               keys=["testville", "testvile"])
    places.add(name="Syria", latitude=35.0, longitude=38.0, country_code="SY", admin1=None,
               admin2=None, feature_code="PCLI", population=1, source="country", source_id="SY",
               keys=["syria"])
    return places


def test_writer_and_reader_agree(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.build._assemble", tiny_sources)
    seen = []
    report = build_index(directory=tmp_path, custom_places=tmp_path / "none.csv",
                         progress=lambda done, total, label: seen.append((done, total)))
    assert seen[-1] == (100, 100) and all(total == 100 for _, total in seen)
    assert report.places == {"geonames": 1, "country": 1} and report.names == 3
    with Gazetteer(report.path) as gaz:
        place = gaz.geocode("TESTVILLE")
        assert (place.latitude, place.longitude, place.country) == (1.5, 2.5, "Syria")
        assert gaz.geocode("Testvile").id == "geonames:1"
        # Syria's partition: "testville" and "testvile" share a transliteration form, "syria" has
        # its own; the partition of well-known places has the country's loose form "syria".
        assert report.fuzzy_forms == 3
        found = gaz.match("Testvill", country="SY", fuzzy=True)  # one letter off: the fuzzy stage
        assert (found.place.id, found.stage, found.edits) == ("geonames:1", "fuzzy", 1)


def test_fuzzy_forms_go_to_the_places_chosen(gazetteer):
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        # Syria's partition holds every name of every place, alternate names too ...
        sy = con.execute("SELECT count(DISTINCT place_id) FROM fuzzy_places f JOIN fuzzy_forms ff "
                         "ON ff.id = f.form_id WHERE ff.cc = 'SY'").fetchone()[0]
        assert sy >= 300
        form = translit_key("saraqib")  # "sarakib"
        fid = con.execute("SELECT id FROM fuzzy_forms WHERE cc = 'SY' AND form = ?", (form,)).fetchone()[0]
        # ... with the hash of each one-letter deletion pointing at its form.
        for deleted in (form, form[1:], form[:1] + form[2:], form[:-1]):
            assert con.execute("SELECT 1 FROM fuzzy_deletes WHERE h = ? AND form_id = ?",
                               (fuzzy_hash("SY", deleted), fid)).fetchone(), deleted
        # No form with digits ("Province 4"), and only well-known places without a country.
        assert not con.execute("SELECT 1 FROM fuzzy_forms WHERE form GLOB '*[0-9]*'").fetchone()
        small = con.execute(
            "SELECT count(*) FROM fuzzy_places f JOIN fuzzy_forms ff ON ff.id = f.form_id "
            "JOIN places p ON p.id = f.place_id WHERE ff.cc = '' AND p.population < ? "
            "AND p.feature_code NOT IN ('ADM1', 'PCLI', 'CONT', 'PPLC', 'PPLA')",
            (FUZZY_KNOWN_POPULATION,)).fetchone()[0]
        assert small == 0
    finally:
        con.close()


def test_a_killed_write_leaves_neither_index_nor_temp_file(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.build._assemble", tiny_sources)

    def killed(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("geo.build.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        build_index(directory=tmp_path, custom_places=tmp_path / "none.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock"]


def test_an_old_index_is_replaced_whole(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.build._assemble", tiny_sources)
    old = fake_index(tmp_path / "gazetteer.sqlite", FORMAT_VERSION - 1)
    with pytest.raises(GazetteerMissing, match="index format"):
        Gazetteer(old)
    build_index(directory=tmp_path, custom_places=tmp_path / "none.csv")
    with Gazetteer(old) as gaz:
        assert gaz.geocode("Testville") is not None


# Issue 3: which alternate names become keys, and the compass variants of unit names.
@pytest.mark.parametrize(
    "key, indexed",
    [("no", False), ("il", False), ("tyr", True), ("edo", True), ("kiev", True),
     ("molotov", False), ("frunze", False), ("leningrad", True)],
)
def test_alternate_name_keys(key, indexed):
    from geo.build import _alt_key_ok

    assert _alt_key_ok(key) is indexed


@pytest.mark.parametrize(
    "name, variants",
    [("Nord Kivu", {"north kivu", "northern kivu"}), ("South Kivu", {"sud kivu", "southern kivu"}),
     ("Northern Darfur", {"north darfur", "nord darfur"}), ("Western Cape", {"west cape", "ouest cape"}),
     ("Est", set()), ("Northampton", set())],
)
def test_unit_keys_take_the_other_compass_words(name, variants):
    from geo.build import _unit_keys

    keys = _unit_keys(name)
    assert variants <= keys
    if not variants:
        assert keys == {n.lower() for n in [name]}


def _index_rows(gazetteer, sql: str) -> list[tuple]:
    """The rows `sql` reads from the session's index, opened read-only."""
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_transliteration_keys_of_short_alternate_names_are_not_stored(gazetteer):
    # "Киеву", an inflected alternate name of Kyiv, keys to "kivu": the Congolese province's name.
    rows = _index_rows(gazetteer, "SELECT p.name FROM loose_names n JOIN places p ON p.id = n.place_id WHERE n.key = 'kivu'")
    assert ("Kyiv",) not in rows


# --- the hits table: what exact lookups read (format 5) ---

def _places_query(con: sqlite3.Connection, key: str) -> tuple:
    """A key's hits read from places itself, as format 4 read them."""
    from geo.gazetteer import _COLUMNS

    return tuple(con.execute(
        f"SELECT {_COLUMNS}, n.alt, 0, 0 FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?", (key,)
    ).fetchall())


def test_hits_read_back_as_the_places_rows(gazetteer):
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:  # every key of Syria's places (NULL admin2s, units, countries) and a spread of the rest
        keys = [k for (k,) in con.execute(
            "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE p.country_code = 'SY' OR p.id % 97 = 0 OR p.country_code IS NULL")]
        assert len(keys) > 5_000
        for key in keys:
            assert gazetteer._fetch_exact(key) == _places_query(con, key), key
    finally:
        con.close()


def odd_sources(custom, tick):
    """A place whose name holds the hits table's separator, and one alternate name sharing its own's fuzzy form."""
    places = tiny_sources(custom, tick)
    places.add(name="Bad\x1fName\x1e", latitude=1.0, longitude=2.0, country_code=None, admin1=None, admin2=None,
               feature_code="PPL", population=0, source="custom", source_id="odd", keys=["badname"])
    places.add(name="Saraqib", latitude=35.86447, longitude=36.80591, country_code="SY", admin1="Idlib",
               admin2=None, feature_code="PPL", population=34231, source="geonames", source_id=164816,
               keys=["saraqib"], alt_keys=["saraqeb", "sarakib"])
    return places


def test_hits_of_odd_names_and_of_places_added_after_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.build._assemble", odd_sources)
    path = build_index(directory=tmp_path, custom_places=tmp_path / "none.csv").path
    with Gazetteer(path) as gaz:
        odd = gaz.geocode("badname")
        assert (odd.name, odd.country_code, odd.admin1, odd.admin2) == ("Bad Name ", None, None, None)
    # What geo.analyst does: a place added to places and names, without a hits row.
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO places VALUES (99, 'Newville', 3.5, 4.5, 'SY', NULL, NULL, 'PPL', 0, "
                    "'analyst', 'SY.newville')")
        con.execute("INSERT INTO names VALUES ('newville', 99, 0)")
        con.execute("DELETE FROM hits WHERE place_id = (SELECT place_id FROM names WHERE key = 'testville')")
    con.close()
    with Gazetteer(path) as gaz:
        new = gaz.geocode("Newville")
        assert (new.id, new.latitude, new.longitude, new.source) == ("analyst:SY.newville", 3.5, 4.5, "analyst")
        assert gaz.geocode("Testville").id == "geonames:1"  # read from places


def test_a_form_of_an_own_name_is_never_marked_alternate(tmp_path, monkeypatch):
    """Regression: the alt flag of a fuzzy form that an own and an alternate name share followed the
    order of a set of keys (Python's hash seed), so two builds of the same sources differed."""
    monkeypatch.setattr("geo.build._assemble", odd_sources)
    path = build_index(directory=tmp_path, custom_places=tmp_path / "none.csv").path
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT f.form, fp.alt FROM fuzzy_places fp JOIN fuzzy_forms f ON f.id = fp.form_id "
            "JOIN places p ON p.id = fp.place_id WHERE p.name = 'Saraqib' AND f.cc = 'SY'").fetchall()
    finally:
        con.close()
    assert rows == [(translit_key("saraqib"), 0)]


@pytest.mark.parametrize(
    "lat, lon, km, box",
    [
        (0.0, 0.0, 111.2, (-1.0, -1.0, 1.0, 1.0)),
        (0.0, -160.0, 7000, (-62.95, 137.05, 62.95, 262.95)),  # across the antimeridian: east > 180
        (85.0, 0.0, 2000, (67.01, -180.0, 90.0, 180.0)),  # near a pole: every longitude
    ],
)
def test_radius_box(lat, lon, km, box):
    from geo.build import _radius_box

    assert _radius_box(lat, lon, km) == pytest.approx(box, abs=0.01)


def test_regions_are_in_the_index_with_a_box(gazetteer):
    from geo.regions import REGIONS

    rows = _index_rows(
        gazetteer, "SELECT p.name, e.south, e.north FROM places p JOIN extents e ON e.place_id = p.id WHERE p.source = 'region'")
    assert {r[0] for r in rows} == {r.name for r in REGIONS}
    assert all(south < north for _, south, north in rows)

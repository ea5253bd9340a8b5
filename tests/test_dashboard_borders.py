"""dashboard.borders: simplifying the installed country borders into a small file the map fetches."""
from __future__ import annotations

import json

import pytest

import dashboard_fixtures  # noqa: F401
from dashboard import borders


def _square(x: float, y: float, size: float) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def _point_in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_douglas_peucker_drops_points_on_a_line_keeps_corners():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert borders.douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert borders.douglas_peucker(line, 0) == line
    assert borders.douglas_peucker(line[:2], 5) == line[:2]


def test_simplify_ring_rounds_dedupes_and_closes():
    ring = [[10.001, 20.004], [10.0012, 20.0041], [11.0, 20.0], [11.5, 20.0001], [12.0, 20.0], [12.0, 21.0],
            [10.0, 21.0]]  # not closed; a repeated point after rounding; a point on a straight edge
    out = borders.simplify_ring(ring, tolerance=0.02, decimals=2)
    assert out == [(10.0, 20.0), (12.0, 20.0), (12.0, 21.0), (10.0, 21.0), (10.0, 20.0)]
    assert borders.simplify_ring(_square(5, 5, 0.001), decimals=2) is None  # collapses when rounded
    assert borders.simplify_ring([[0, 0], [1, 1], [0, 0]]) is None


def test_simplify_geometry_drops_small_parts_but_never_a_whole_country():
    mainland = [_square(0, 0, 3), _square(1, 1, 1), _square(2.5, 2.5, 0.1)]  # a big hole and a small one
    islet = [_square(10, 10, 0.1)]
    polygons = borders.simplify_geometry({"type": "MultiPolygon", "coordinates": [islet, mainland]},
                                         tolerance=0.02, decimals=2, min_area=0.02)
    assert len(polygons) == 1 and len(polygons[0]) == 2  # the islet and the small hole are gone
    assert borders.ring_area(polygons[0][0]) == pytest.approx(9)
    # a country that is only an islet keeps it
    tiny = borders.simplify_geometry({"type": "Polygon", "coordinates": islet}, min_area=0.02)
    assert len(tiny) == 1
    assert borders.simplify_geometry({"type": "Point", "coordinates": [1, 2]}) == []
    assert borders.simplify_geometry(None) == []


def test_encoding_round_trips():
    countries = borders.simplify_countries({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ISO2": "SY"},
         "geometry": {"type": "Polygon", "coordinates": [_square(35.71, 32.31, 6.6)]}},
        {"type": "Feature", "properties": {}, "geometry": None},
    ]})
    encoded = borders.encode_borders(countries)
    assert encoded["scale"] == 100 and [c["iso2"] for c in encoded["countries"]] == ["SY"]
    flat = encoded["countries"][0]["polygons"][0][0]
    assert all(isinstance(v, int) for v in flat)
    assert flat[:4] == [3571, 3231, 660, 0]  # absolute first point, then differences
    assert borders.decode_ring(flat, 100) == countries[0]["polygons"][0][0]


def test_payload_of_the_installed_borders_is_small_and_keeps_the_shapes():
    source = borders.source_path()
    assert source is not None, "the geopip package (requirements.txt) ships the country borders"
    payload = borders.border_payload(source)
    assert len(payload) < source.stat().st_size / 5 and len(payload) < 200_000
    data = json.loads(payload)
    by_code = {c["iso2"]: c for c in data["countries"]}
    assert len(by_code) > 200
    for code, (lon, lat) in {"SY": (36.29, 33.51), "UA": (30.52, 50.45), "ML": (-8.0, 12.65),
                             "LB": (35.90, 33.85)}.items():  # Damascus, Kyiv, Bamako, Zahle (a small country)
        rings = [borders.decode_ring(p[0], data["scale"]) for p in by_code[code]["polygons"]]
        assert any(_point_in_ring(lon, lat, ring) for ring in rings), code
    for country in data["countries"]:
        for polygon in country["polygons"]:
            for flat in polygon:
                ring = borders.decode_ring(flat, data["scale"])
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)


def _one_square_source(tmp_path):
    """A borders source with one country, XX: a 2-degree square."""
    source = tmp_path / "world.geo.json"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ISO2": "XX"},
         "geometry": {"type": "Polygon", "coordinates": [_square(0, 0, 2)]}}]}))
    return source


def test_borders_file_is_written_once(tmp_path, monkeypatch):
    source = _one_square_source(tmp_path)
    vendor = tmp_path / "vendor"
    path = borders.ensure_borders_file(vendor, source)
    assert path == vendor / borders.BORDERS_FILE and json.loads(path.read_text())["countries"][0]["iso2"] == "XX"
    mtime = path.stat().st_mtime_ns
    assert borders.ensure_borders_file(vendor, source) == path and path.stat().st_mtime_ns == mtime
    path.write_text("damaged")
    borders.ensure_borders_file(vendor, source)
    assert json.loads(path.read_text())["scale"] == 100
    assert not list(vendor.rglob("*.tmp"))
    monkeypatch.setattr(borders, "source_path", lambda: None)
    assert borders.ensure_borders_file(tmp_path / "other") is None


def test_a_restart_does_not_simplify_an_intact_borders_file_again(tmp_path, monkeypatch):
    """Regression: every server start simplified the borders again (half a second before the first page)."""
    source = _one_square_source(tmp_path)
    vendor = tmp_path / "vendor"
    path = borders.ensure_borders_file(vendor, source)
    made = []
    real = borders.border_payload
    monkeypatch.setattr(borders, "border_payload", lambda *a, **k: made.append(1) or real(*a, **k))
    assert borders.ensure_borders_file(vendor, source) == path and made == []
    assert str(tmp_path) not in path.with_name(path.name + borders.STAMP_SUFFIX).read_text()  # served: no local path
    source.write_text(source.read_text().replace("XX", "YY"))  # a changed source is simplified again
    borders.ensure_borders_file(vendor, source)
    assert made == [1] and json.loads(path.read_text())["countries"][0]["iso2"] == "YY"

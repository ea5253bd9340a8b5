"""Country borders drawn by the map itself, so it is readable without tiles.

The outlines come from an installed package's data -- ``geopip`` ships the
thematicmapping.org World Borders dataset (simple shapes, CC BY-SA 3.0) as
``geopip/globe.geo.json`` (1.1 MB, 26,000 points). Once per process the
dashboard simplifies it (coordinates rounded to 0.01 degree, a Douglas-Peucker
pass, rings under `MIN_AREA` dropped) into a compact file of its own under
``dashboard/static/vendor/`` (built at run time, git-ignored), which the map
fetches by URL: about a tenth of the source's size, loaded once per page
rather than sent again with every rerun of the map.

The compact file (`encode_borders`) is JSON:
``{"scale": 100, "countries": [{"iso2": "SY", "polygons": [[ring, hole, ...], ...]}, ...]}``
where a ring is a flat list of integers: the first point's ``lon*scale,
lat*scale``, then each next point as its difference from the one before.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from dashboard.assets import VENDOR_DIR, write_atomically

SOURCE_PACKAGE = "geopip"
SOURCE_FILE = "globe.geo.json"
# Where the compact file goes, relative to VENDOR_DIR (and to its URL, see assets.static_url).
BORDERS_FILE = "borders/countries.json"
ATTRIBUTION = ('Borders: <a href="https://thematicmapping.org/downloads/world_borders.php" target="_blank" '
               'rel="noopener noreferrer">World Borders</a>, thematicmapping.org, CC BY-SA 3.0')

DECIMALS = 2        # 0.01 degree, about 1 km: under a pixel up to zoom 7
TOLERANCE = 0.02    # degrees; Douglas-Peucker distance
MIN_AREA = 0.02     # square degrees (about 15 km x 15 km); a country's largest polygon always stays

Point = tuple[float, float]


def source_path() -> Path | None:
    """The installed world-borders GeoJSON, or None when the package is missing.

    Found without importing the package (its code is not needed, only its data).
    """
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / SOURCE_FILE
        if path.is_file():
            return path
    return None


# -- geometry --------------------------------------------------------------------
def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points of an open line that stay within `tolerance` of it (ends always kept)."""
    count = len(points)
    if count < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * count
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, count - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        dx, dy = points[last][0] - ax, points[last][1] - ay
        length = dx * dx + dy * dy
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i][0] - ax, points[i][1] - ay
            t = 0.0 if length == 0 else min(1.0, max(0.0, (px * dx + py * dy) / length))
            dist = (px - t * dx) ** 2 + (py - t * dy) ** 2
            if dist > farthest:
                farthest, index = dist, i
        if farthest > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep) if kept]


def ring_area(ring: Sequence[Point]) -> float:
    """The unsigned area of a closed ring, in square degrees (shoelace formula)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def simplify_ring(ring: Iterable[Sequence[float]], tolerance: float = TOLERANCE,
                  decimals: int = DECIMALS) -> list[Point] | None:
    """A closed ring rounded to `decimals` and simplified, or None when too little is left.

    Douglas-Peucker needs two distinct ends, so a closed ring is cut at the point
    farthest from its start and the two halves are simplified apart.
    """
    points: list[Point] = []
    for coordinate in ring:
        point = (round(float(coordinate[0]), decimals), round(float(coordinate[1]), decimals))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] != points[-1]:
        points.append(points[0])
    if len(points) < 4:
        return None
    x0, y0 = points[0]
    cut = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    simplified = douglas_peucker(points[: cut + 1], tolerance)[:-1] + douglas_peucker(points[cut:], tolerance)
    if len(simplified) < 4 or ring_area(simplified) == 0:
        return None
    return simplified


def _polygons(geometry: dict[str, Any] | None) -> list:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry.get("coordinates") or []]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry.get("coordinates") or [])
    return []  # points and lines are not borders


def simplify_geometry(geometry: dict[str, Any] | None, tolerance: float = TOLERANCE, decimals: int = DECIMALS,
                      min_area: float = MIN_AREA) -> list[list[list[Point]]]:
    """A (Multi)Polygon as simplified polygons (outer ring, then holes).

    Polygons and holes smaller than `min_area` are dropped, except the
    largest polygon, so that a small country still shows.
    """
    polygons = []
    for polygon in _polygons(geometry):
        if not polygon:
            continue
        outer = simplify_ring(polygon[0], tolerance, decimals)
        if outer is None:
            continue
        holes = [hole for hole in (simplify_ring(r, tolerance, decimals) for r in polygon[1:])
                 if hole is not None and ring_area(hole) >= min_area]
        polygons.append([outer, *holes])
    if not polygons:
        return []
    largest = max(polygons, key=lambda p: ring_area(p[0]))
    return [p for p in polygons if p is largest or ring_area(p[0]) >= min_area]


def simplify_countries(collection: dict[str, Any], tolerance: float = TOLERANCE, decimals: int = DECIMALS,
                       min_area: float = MIN_AREA) -> list[dict[str, Any]]:
    """``[{"iso2", "polygons"}]`` for each country of a GeoJSON FeatureCollection that keeps a shape."""
    countries = []
    for feature in collection.get("features") or []:
        polygons = simplify_geometry(feature.get("geometry"), tolerance, decimals, min_area)
        if polygons:
            properties = feature.get("properties") or {}
            code = properties.get("ISO2") or properties.get("iso2") or properties.get("iso_a2")
            countries.append({"iso2": str(code) if code else None, "polygons": polygons})
    return countries


# -- the compact file --------------------------------------------------------------
def _delta_ring(ring: Sequence[Point], scale: int) -> list[int]:
    flat: list[int] = []
    previous_x = previous_y = 0
    for x, y in ring:
        ix, iy = round(x * scale), round(y * scale)
        flat += (ix - previous_x, iy - previous_y)
        previous_x, previous_y = ix, iy
    return flat


def encode_borders(countries: list[dict[str, Any]], decimals: int = DECIMALS) -> dict[str, Any]:
    """The compact, delta-encoded form of `simplify_countries`' output."""
    scale = 10 ** decimals
    return {
        "scale": scale,
        "countries": [
            {"iso2": c["iso2"], "polygons": [[_delta_ring(ring, scale) for ring in polygon] for polygon in c["polygons"]]}
            for c in countries
        ],
    }


def decode_ring(flat: Sequence[int], scale: int) -> list[Point]:
    """The inverse of the delta encoding (what the map's JavaScript does)."""
    points: list[Point] = []
    x = y = 0
    for i in range(0, len(flat) - 1, 2):
        x += flat[i]
        y += flat[i + 1]
        points.append((x / scale, y / scale))
    return points


def border_payload(source: Path, tolerance: float = TOLERANCE, decimals: int = DECIMALS,
                   min_area: float = MIN_AREA) -> bytes:
    """The compact borders file's bytes for a GeoJSON source file."""
    collection = json.loads(source.read_text(encoding="utf-8"))
    encoded = encode_borders(simplify_countries(collection, tolerance, decimals, min_area), decimals)
    return json.dumps(encoded, separators=(",", ":"), allow_nan=False).encode("ascii")


def ensure_borders_file(vendor_dir: Path = VENDOR_DIR, source: Path | None = None) -> Path | None:
    """Write the compact borders file under `vendor_dir` (only when it changed).

    Returns its path, or None when no source data is installed (the map then
    draws without borders). Atomic, so a concurrent reader never sees half a file.
    """
    source = source or source_path()
    if source is None:
        return None
    dest = vendor_dir / BORDERS_FILE
    stamp = dest.with_name(dest.name + STAMP_SUFFIX)
    key = _source_key(source)
    if dest.is_file() and stamp.is_file() and stamp.read_text(encoding="ascii", errors="replace") == _stamp(key, dest.read_bytes()):
        return dest  # made from this very source with these settings, and intact: no half-second simplification
    payload = border_payload(source)
    if not (dest.is_file() and dest.read_bytes() == payload):
        write_atomically(dest, lambda out: out.write(payload))
    write_atomically(stamp, lambda out: out.write(_stamp(key, payload).encode("ascii")))
    return dest


STAMP_SUFFIX = ".stamp"  # beside the file: what it was made from, so a restart need not simplify again


def _source_key(source: Path) -> str:
    """The source file (path, size, modification time) and the simplification settings."""
    info = source.stat()
    return json.dumps([str(source.resolve()), info.st_size, info.st_mtime_ns, TOLERANCE, DECIMALS, MIN_AREA])


def _stamp(key: str, payload: bytes) -> str:
    """Hashes only (the stamp is served with the file, so it names no local path)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest() + " " + hashlib.sha256(payload).hexdigest()

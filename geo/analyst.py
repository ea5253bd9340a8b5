"""Analyst places: corrections made while reviewing a report, so the next report benefits.

When an analyst moves an incident's place to the right coordinates, or names a
place the gazetteer did not know, `record_place` keeps it in the layer file
GEO_DATA_DIR/layers/analyst.tsv (kind=analyst, the format of geo/layers.py),
one line per (country, name): a second correction of a name replaces the first.

Every full build reads that layer (geo.layers.add_layers calls `add_analyst_places`),
and its places outrank every other source on their names (geo.gazetteer's ranking).
A full build takes about a minute, so a correction does not wait for one: when the
index is current, the place is upserted into a copy of the index that then replaces
it (the index is immutable for its readers, who keep reading the old file until they
reopen), with the index's layer signature updated, so it stays current. When the index
is missing or stale anyway, the layer file is written and the next build includes it.
"""
from __future__ import annotations

import math
import os
import re
import shutil
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from geo.build import GeoError, _exclusive, data_dir, index_path, replacing_index, stale_reason
from geo.facts import TRANSLITERATED
from geo.layers import (
    LayerError,
    _LayerWriter,
    _read_rows,
    layers_dir,
    layers_signature,
)
from geo.normalize import loose_key, name_key, translit_key

__all__ = ["AnalystPlace", "AnalystPlaceError", "KIND_ANALYST", "LAYER_NAME", "SOURCE",
           "add_analyst_places", "analyst_places", "record_place"]

KIND_ANALYST = "analyst"
LAYER_NAME = "analyst"
SOURCE = "analyst"  # Place.source of an analyst's place; its id is "analyst:<CC>.<name-key>"


class AnalystPlaceError(GeoError, ValueError):
    """An analyst place cannot be recorded (bad name or coordinates, unwritable folder)."""


@dataclass(frozen=True)
class AnalystPlace:
    """One analyst place, as kept in the layer."""

    name: str
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1: str | None = None
    alternate_names: tuple[str, ...] = ()

    @property
    def source_id(self) -> str:
        """Stable per country and name: a second correction replaces the first."""
        return f"{self.country_code or 'XX'}.{name_key(self.name).replace(' ', '-')}"

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(n for n in (self.name, *self.alternate_names) if n))

    def cells(self) -> list[object]:
        """The place as one line of a layer file (geo.layers.COLUMNS)."""
        return [self.source_id, self.name, self.latitude, self.longitude, self.country_code or "", "PPL", 0,
                self.admin1 or "", "", "", "", 1, "|".join(self.alternate_names)]


@dataclass(frozen=True)
class RecordReport:
    """What `record_place` did: the place, and whether the index already finds it."""

    place: AnalystPlace
    layer: Path
    indexed: bool          # True: upserted into the current index; False: the next build adds it
    replaced: bool         # a correction of this name was already recorded
    seconds: float


def _checked(name: str, latitude: object, longitude: object, country_code: str | None,
             admin1: str | None, alternate_names: Iterable[str]) -> AnalystPlace:
    name = " ".join(str(name or "").split())
    if not name or not name_key(name):
        raise AnalystPlaceError("a place needs a name (letters or digits)")
    coordinates = []
    for what, raw, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise AnalystPlaceError(f"{what} {raw!r} is not a number") from None
        if not math.isfinite(value) or abs(value) > limit:
            raise AnalystPlaceError(f"{what} {raw!r} is outside -{limit}..{limit}")
        coordinates.append(round(value, 5))
    cc = (country_code or "").strip().upper() or None
    if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
        raise AnalystPlaceError(f"country code {country_code!r} is not two letters (ISO 3166-1 alpha-2)")
    alternates = tuple(dict.fromkeys(
        a for a in (" ".join(str(x).replace("|", " ").split()) for x in alternate_names) if a and a != name))
    admin1 = " ".join(str(admin1 or "").split()) or None
    return AnalystPlace(name, coordinates[0], coordinates[1], cc, admin1, alternates)


def _layer_path(directory: Path) -> Path:
    return layers_dir(directory) / f"{LAYER_NAME}.tsv"


def _places_in(path: Path) -> list[AnalystPlace]:
    """The places of one analyst layer file; a damaged line raises LayerError naming it."""
    found = []
    for number, c in _read_rows(path):
        try:
            lat, lon = float(c[2]), float(c[3])
        except ValueError:
            raise LayerError(f"{path}: line {number}: bad number "
                             f"(remove it with `python -m geo forget {path.stem}`)") from None
        found.append(AnalystPlace(c[1], lat, lon, c[4] or None, c[7] or None,
                                  tuple(a for a in c[12].split("|") if a)))
    return found


def analyst_places(directory: Path | str | None = None) -> list[AnalystPlace]:
    """The places in the analyst layer, in the order they were first recorded."""
    path = _layer_path(Path(directory) if directory is not None else data_dir())
    return _places_in(path) if path.is_file() else []


def record_place(
    name: str,
    latitude: float,
    longitude: float,
    *,
    country_code: str | None = None,
    admin1: str | None = None,
    alternate_names: Iterable[str] = (),
    directory: Path | str | None = None,
) -> RecordReport:
    """Keep an analyst's place and make the next lookup of `name` find it.

    Raises AnalystPlaceError for a bad name, coordinates or country code, and
    when the layer or the index cannot be written (the layer is written under a
    temporary name and renamed; the index copy likewise, so a failure changes nothing).
    """
    started = time.perf_counter()
    place = _checked(name, latitude, longitude, country_code, admin1, alternate_names)
    folder = Path(directory) if directory is not None else data_dir()
    index = index_path(directory=folder)
    with _exclusive(folder):
        was_current = stale_reason(index) is None
        recorded = analyst_places(folder)
        kept = [p for p in recorded if p.source_id != place.source_id]
        replaced = len(kept) != len(recorded)
        writer = _LayerWriter(layers_dir(folder), LAYER_NAME)
        try:
            for p in [*kept, place]:
                writer.write(p.cells())
            layer = writer.commit({"kind": KIND_ANALYST, "source": "corrections made in the dashboard"})
        except OSError as exc:
            writer.discard()
            raise AnalystPlaceError(f"cannot write the analyst layer in {layers_dir(folder)}: {exc}") from None
        except BaseException:
            writer.discard()
            raise
        indexed = False
        if was_current:
            _upsert(index, place, layers_signature(folder))
            indexed = True
    return RecordReport(place, layer, indexed, replaced, time.perf_counter() - started)


def _keys(place: AnalystPlace) -> tuple[set[str], set[str]]:
    """(exact keys, loose and transliteration keys), as a full build computes them."""
    exact = {k for k in (name_key(n) for n in place.names) if k}
    loose = {loose_key(k) for k in exact} - exact
    if place.country_code in TRANSLITERATED:
        loose |= {translit_key(k) for k in exact}
    return exact, {k for k in loose if k}


def _upsert(index: Path, place: AnalystPlace, signature: str) -> None:
    """Replace `index` with a copy holding `place` (and no older entry of its name)."""
    tmp = index.parent / f".{index.name}.{os.getpid()}.analyst.tmp"
    exact, loose = _keys(place)
    with replacing_index(index, tmp,
                         lambda exc: AnalystPlaceError(f"cannot add {place.name!r} to the index {index}: {exc}")):
        shutil.copyfile(index, tmp)
        con = sqlite3.connect(tmp)
        try:
            with con:
                old = [row[0] for row in con.execute(
                    "SELECT id FROM places WHERE source = ? AND source_id = ?", (SOURCE, place.source_id))]
                # every table keyed on a place (names, loose_names, extents, and any a later format adds)
                by_place = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                            if any(col[1] == "place_id" for col in con.execute(f'PRAGMA table_info("{name}")'))]
                for pid in old:
                    for table in by_place:
                        con.execute(f'DELETE FROM "{table}" WHERE place_id = ?', (pid,))
                    con.execute("DELETE FROM places WHERE id = ?", (pid,))
                pid = con.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM places").fetchone()[0]
                con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                    pid, place.name, place.latitude, place.longitude, place.country_code, place.admin1, None,
                    "PPL", 0, SOURCE, place.source_id))
                con.executemany("INSERT INTO names VALUES (?,?,0)", [(k, pid) for k in sorted(exact)])
                con.executemany("INSERT INTO loose_names VALUES (?,?,0)", [(k, pid) for k in sorted(loose)])
                con.execute("UPDATE meta SET value = ? WHERE key = 'layers'", (signature,))
                if con.execute("SELECT changes()").fetchone()[0] == 0:
                    con.execute("INSERT INTO meta VALUES ('layers', ?)", (signature,))
        finally:
            con.close()


def add_analyst_places(places, infos, key_of, counts: Counter) -> None:
    """Add the analyst layers' places to a build's `places` (a geo.build._Places), each its own entry.

    Called by geo.layers.add_layers with the layers of kind "analyst".
    """
    from geo.layers import _add_place

    for info in infos:
        for place in _places_in(info.path):
            _add_place(places, name=place.name, latitude=place.latitude, longitude=place.longitude,
                       country_code=place.country_code, admin1=place.admin1, admin2=None, feature_code="PPL",
                       population=0, source=SOURCE, source_id=place.source_id,
                       keys=[key_of(n) for n in place.names])
            counts[KIND_ANALYST] += 1

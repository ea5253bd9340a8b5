"""Gazetteer layers: places added on demand, kept beside the index.

Two kinds of layer, each one file in GEO_DATA_DIR/layers/:

  geonames-<X>.tsv   a full GeoNames dump (allCountries.zip, SY.zip, SY.txt...)
                     reduced to populated places (feature class P), first- and
                     second-level admin units and a few spots (airports, bases,
                     camps, dams); `import_geonames`
  learned-<X>.tsv    places learned from an event dataset (ACLED export or UCDP
                     GED CSV): each precisely located name at its most frequent
                     point; `learn`

Every layer file has the same compact form: a first line
"#geo-layer 1<TAB>kind=...<TAB>source=...<TAB>places=N...", a header line of
COLUMNS, then one tab-separated place per line (alternate names joined by
"|"). geo.build reads every layer file on each build (`add_layers`), and the
index is stale whenever the set of layer files changes (`layers_signature`).

Dump rows whose geonameid is already in cities500 add their names to that
place instead of duplicating it; learned places that lie within MERGE_KM of an
existing place of the same name and country add their spellings to it.
"""
from __future__ import annotations

import csv
import gzip
import io
import math
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from geo.build import GeoError, data_dir
from geo.normalize import ADM1, ADM2, name_key, split_level, strip_article

__all__ = [
    "COLUMNS",
    "LayerError",
    "LayerInfo",
    "ImportReport",
    "LearnReport",
    "add_layers",
    "download_geonames",
    "forget",
    "import_geonames",
    "layer_files",
    "layers_dir",
    "layers_signature",
    "learn",
    "list_layers",
]

LAYER_FORMAT = 1
MAGIC = "#geo-layer"
COLUMNS = (
    "id", "name", "latitude", "longitude", "country_code", "feature_code", "population",
    "admin1", "admin2", "admin1_code", "admin2_code", "weight", "alternate_names",
)
KIND_DUMP, KIND_LEARNED = "geonames-dump", "learned"
SUFFIX = ".tsv"

# GeoNames' country files; $GEONAMES_DUMP_URL overrides (a mirror, or a test).
DEFAULT_DUMP_URL = "https://download.geonames.org/export/dump/"
DOWNLOAD_TIMEOUT = 20.0  # seconds: name lookup, connect, and each read

# Feature codes kept from a dump besides class P: admin units (class A) down to
# districts, and spots news names as places. Sub-districts (ADM3+) are named
# after their seat towns and would only shadow them.
KEEP_ADMIN = frozenset({ADM1, ADM2, "ADMD"})
KEEP_SPOTS = frozenset({"AIRB", "AIRF", "AIRP", "AIRH", "MILB", "INSM", "CMPRF", "DAM", "PS", "PSH"})

# A learned place this close to an existing place with the same name key (and
# country) is that place: its spellings are merged instead of a new entry.
MERGE_KM = 5.0
# Points of one name closer than this are one cluster when picking the modal point.
CLUSTER_KM = 2.0

Progress = Callable[[int, int, str], None]
Problem = Callable[[str], None]


class LayerError(GeoError, ValueError):
    """A layer cannot be imported, learned, read or removed; the message says why."""


# --- where layers live ---

def layers_dir(directory: Path | str | None = None) -> Path:
    """GEO_DATA_DIR/layers (or `directory`/layers): the folder of layer files."""
    return Path(directory if directory is not None else data_dir()) / "layers"


def layer_files(directory: Path | str | None = None) -> list[Path]:
    """The layer files, sorted by name (the order builds read them in)."""
    folder = layers_dir(directory)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if p.is_file() and not p.name.startswith("."))


def layers_signature(directory: Path | str | None = None) -> str:
    """Names, sizes and modification times of the layer files; "" when there are none.

    Stored in the index at build time: a different value means it is stale.
    """
    parts = []
    for path in layer_files(directory):
        st = path.stat()
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def _clean_layer_name(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    if not name:
        raise LayerError(f"{text!r} cannot name a layer: use letters, digits, '-', '_' or '.'")
    return name


# --- reading and writing layer files ---

@dataclass(frozen=True)
class LayerInfo:
    """One layer file, as `python -m geo layers` lists it."""

    name: str
    kind: str
    places: int
    source: str
    created: str
    path: Path
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


def _read_meta(path: Path, handle: io.TextIOBase) -> dict[str, str]:
    first = handle.readline().rstrip("\n")
    head, *pairs = first.split("\t")
    if head != f"{MAGIC} {LAYER_FORMAT}":
        raise LayerError(f"{path}: line 1: not a layer file of format {LAYER_FORMAT} "
                         f"(remove it with `python -m geo forget {path.stem}`)")
    meta = dict(p.split("=", 1) for p in pairs if "=" in p)
    header = handle.readline().rstrip("\n").split("\t")
    if tuple(header) != COLUMNS:
        raise LayerError(f"{path}: line 2: columns are not {', '.join(COLUMNS)} "
                         f"(remove it with `python -m geo forget {path.stem}`)")
    return meta


def read_layer_info(path: Path) -> LayerInfo:
    """The first line of a layer file, without reading its places."""
    try:
        with open(path, encoding="utf-8") as handle:
            meta = _read_meta(path, handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, LayerError):
            raise
        raise LayerError(f"cannot read layer {path}: {exc}") from None
    try:
        places = int(meta.get("places", "0"))
    except ValueError:
        places = 0
    return LayerInfo(
        name=path.stem, kind=meta.get("kind", "?"), places=places,
        source=meta.get("source", ""), created=meta.get("created", ""), path=path, meta=meta,
    )


def list_layers(directory: Path | str | None = None) -> list[LayerInfo]:
    """Every layer in GEO_DATA_DIR/layers (a damaged file is listed with kind "damaged")."""
    found = []
    for path in layer_files(directory):
        try:
            found.append(read_layer_info(path))
        except LayerError as exc:
            found.append(LayerInfo(name=path.stem, kind="damaged", places=0, source=str(exc),
                                   created="", path=path))
    return found


def forget(name: str, directory: Path | str | None = None) -> LayerInfo:
    """Delete the layer called `name` ("learned-ged" or "learned-ged.tsv"); returns what it was."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    for info in list_layers(directory):
        if info.name == stem:
            try:
                info.path.unlink()
            except OSError as exc:
                raise LayerError(f"cannot remove {info.path}: {exc}") from None
            return info
    known = ", ".join(i.name for i in list_layers(directory)) or "none"
    raise LayerError(f"no layer called {name!r} in {layers_dir(directory)} (layers: {known})")


def _field(value: object) -> str:
    """A value fit for one TSV cell: no tab, newline or the names separator."""
    text = "" if value is None else str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = " ".join(text.split())
    return text


class _LayerWriter:
    """Writes a layer under a temporary name; `commit` renames it into place."""

    def __init__(self, folder: Path, name: str) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LayerError(f"cannot use {folder} for layers: {exc}") from None
        self.path = folder / f"{name}{SUFFIX}"
        self.tmp = folder / f".{name}{SUFFIX}.{os.getpid()}.tmp"
        self.body = self.tmp.with_suffix(".body")
        self.handle = open(self.body, "w", encoding="utf-8", newline="\n")
        self.count = 0

    def write(self, values: Iterable[object]) -> None:
        self.handle.write("\t".join(map(_field, values)) + "\n")
        self.count += 1

    def commit(self, meta: dict[str, object]) -> Path:
        """Header first (it carries the count), then the body, then the atomic rename."""
        self.handle.close()
        meta = {**meta, "places": self.count, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        try:
            with open(self.tmp, "w", encoding="utf-8", newline="\n") as out, open(self.body, encoding="utf-8") as body:
                out.write("\t".join([f"{MAGIC} {LAYER_FORMAT}", *(f"{k}={_field(v)}" for k, v in meta.items())]) + "\n")
                out.write("\t".join(COLUMNS) + "\n")
                while chunk := body.read(1 << 20):
                    out.write(chunk)
            os.replace(self.tmp, self.path)
        finally:
            self.discard()
        return self.path

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.body.unlink(missing_ok=True)
        self.tmp.unlink(missing_ok=True)


def _read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, 13 cells) for each place of a layer file; a bad line raises LayerError."""
    with open(path, encoding="utf-8") as handle:
        _read_meta(path, handle)
        for number, line in enumerate(handle, start=3):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(COLUMNS):
                raise LayerError(f"{path}: line {number}: {len(cells)} columns, a layer line has {len(COLUMNS)} "
                                 f"(remove it with `python -m geo forget {path.stem}`)")
            yield number, cells


# --- shared checks ---

def _coordinate(raw: str, what: str, limit: float) -> tuple[float | None, str | None]:
    """(value, None), or (None, why it is not a coordinate)."""
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None, f"{what} {raw!r} is not a number"
    if not math.isfinite(value) or abs(value) > limit:
        return None, f"{what} {raw!r} is outside -{limit:g}..{limit:g}"
    return value, None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class _Ticker:
    """Calls progress(done, total, label) at most every 0.2 s, and once at the end."""

    def __init__(self, progress: Progress | None, total: int, label: str) -> None:
        self.progress, self.total, self.label = progress, max(total, 1), label
        self.next = 0.0

    def __call__(self, done: int, *, final: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if final or now >= self.next:
            self.next = now + 0.2
            self.progress(min(done, self.total) if not final else self.total, self.total, self.label)


# --- GeoNames dumps ---

@dataclass
class ImportReport:
    """What `import_geonames` read and kept."""

    layer: LayerInfo
    lines: int = 0
    kept: int = 0
    bad: int = 0
    skipped: Counter = field(default_factory=Counter)  # feature class -> lines not kept
    other_countries: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        not_kept = sum(self.skipped.values())
        parts = [f"{self.lines:,} lines read", f"{self.kept:,} places kept in layer {self.layer.name}",
                 f"{not_kept:,} other features skipped"]
        if self.other_countries:
            parts.append(f"{self.other_countries:,} in other countries skipped")
        parts.append(f"{self.bad:,} malformed lines")
        return ", ".join(parts) + f" ({self.seconds:.1f} s)"


_DUMP_COLUMNS = 19
FAIL_FAST = 10  # malformed lines before any good one: not a dump, stop


def _open_dump(path: Path) -> tuple[io.BufferedIOBase, Callable[[], int], int, list]:
    """A binary stream of the dump's lines, a position function, the total, things to close.

    .zip: the member named like the archive (SY.zip -> SY.txt), else its only
    .txt other than readme.txt. .gz: gunzipped. Anything else: read as is.
    Progress is measured in bytes of the file on disk.
    """
    raw = open(path, "rb")
    total = os.fstat(raw.fileno()).st_size
    closers: list = [raw]
    try:
        if path.suffix.lower() == ".zip":
            try:
                archive = zipfile.ZipFile(raw)
            except zipfile.BadZipFile as exc:
                raise LayerError(f"{path}: not a zip archive ({exc})") from None
            closers.insert(0, archive)
            members = [m for m in archive.namelist() if m.lower().endswith(".txt")]
            wanted = [m for m in members if Path(m).stem.lower() == path.stem.lower()]
            if not wanted:
                wanted = [m for m in members if Path(m).name.lower() != "readme.txt"]
            if len(wanted) != 1:
                raise LayerError(f"{path}: cannot tell which member is the dump "
                                 f"(members: {', '.join(archive.namelist()) or 'none'})")
            stream = archive.open(wanted[0])
        elif path.suffix.lower() == ".gz":
            stream = gzip.GzipFile(fileobj=raw)
        else:
            stream = raw
        closers.insert(0, stream)
        return stream, raw.tell, total, closers
    except BaseException:
        for c in closers:
            c.close()
        raise


def _dump_rows(
    path: Path, stream: io.BufferedIOBase, problem: Problem, last_line: list[int]
) -> Iterator[tuple[int, list[str]]]:
    """(line number, 19 cells) of the lines with 19 columns; each other one goes to `problem`."""
    for number, raw in enumerate(stream, start=1):
        last_line[0] = number
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            problem(f"{path}: line {number}: not UTF-8 text ({exc.reason} at column {exc.start + 1})")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != _DUMP_COLUMNS:
            problem(f"{path}: line {number}: {len(cells)} tab-separated columns, "
                    f"a GeoNames dump line has {_DUMP_COLUMNS}")
            continue
        yield number, cells


def import_geonames(
    source: Path | str,
    *,
    directory: Path | str | None = None,
    name: str | None = None,
    countries: Iterable[str] | None = None,
    progress: Progress | None = None,
    on_problem: Problem | None = None,
) -> ImportReport:
    """Stream a GeoNames dump (.zip, .gz or .txt) into the layer geonames-<stem>.

    Keeps feature class P, ADM1/ADM2 units and KEEP_SPOTS; `countries` (ISO
    codes) keeps only those countries (useful with allCountries). A malformed
    line (column count, id, coordinates, encoding) is passed to `on_problem`
    as "FILE: line N: why" and skipped; a file with no good line at all raises
    LayerError and writes nothing. Re-importing replaces the layer.
    """
    from geo.build import _indexable  # the build's filter for useless alternate names

    path = Path(source)
    if not path.is_file():
        raise LayerError(f"{path}: no such file")
    stem = path.name.split(".")[0]
    wanted_cc = {c.strip().upper() for c in countries or () if c.strip()} or None
    if name is None and wanted_cc and wanted_cc != {stem.upper()}:
        stem += "-" + "-".join(sorted(wanted_cc))  # allCountries.zip --countries SY,IQ: geonames-allCountries-IQ-SY
    layer_name = _clean_layer_name(name or f"geonames-{stem}")
    started = time.perf_counter()
    report = ImportReport(layer=None)  # type: ignore[arg-type]
    # Problems before the first good line wait here: a file that is no dump at
    # all fails with one message instead of a screenful.
    pending: list[str] = []
    good = 0

    def problem(message: str) -> None:
        report.bad += 1
        if good == 0:
            pending.append(message)
            if len(pending) >= FAIL_FAST:
                raise LayerError(f"{path}: does not look like a GeoNames dump, its first {FAIL_FAST} lines "
                                 f"are malformed ({pending[0]})")
        elif on_problem is not None:
            on_problem(message)

    def flush() -> None:
        while pending:
            if on_problem is not None:
                on_problem(pending[0])
            del pending[0]

    stream, position, total, closers = _open_dump(path)
    writer = _LayerWriter(layers_dir(directory), layer_name)
    tick = _Ticker(progress, total, f"importing {path.name}")
    last_line = [0]
    try:
        for number, cells in _dump_rows(path, stream, problem, last_line):
            if number % 4096 == 0:
                tick(position())
            gid, nm, ascii_name, alternates, lat, lon, fclass, fcode, cc = cells[:9]
            if not gid.strip().isdigit():
                problem(f"{path}: line {number}: geonameid {gid!r} is not a number")
                continue
            latitude, why = _coordinate(lat, "latitude", 90)
            longitude, why2 = (None, None) if why else _coordinate(lon, "longitude", 180)
            if why or why2:
                problem(f"{path}: line {number}: {why or why2}")
                continue
            nm = nm.strip() or ascii_name.strip()
            if not nm:
                problem(f"{path}: line {number}: name and asciiname are empty")
                continue
            good += 1
            if pending:
                flush()
            if not (fclass == "P" or (fclass == "A" and fcode in KEEP_ADMIN) or fcode in KEEP_SPOTS):
                report.skipped[fclass or "?"] += 1
                continue
            if wanted_cc is not None and cc not in wanted_cc:
                report.other_countries += 1
                continue
            names = dict.fromkeys(
                a.strip() for a in (ascii_name, *alternates.split(","))
                if a.strip() and a.strip() != nm and "|" not in a and _indexable(a.strip(), nm)
            )
            population = cells[14].strip()
            writer.write((
                gid.strip(), nm, latitude, longitude, cc.strip().upper(), fcode.strip() or "PPL",
                population if population.isdigit() else 0, "", "",
                cells[10].strip(), cells[11].strip(), 0, "|".join(names),
            ))
            report.kept += 1
        report.lines = last_line[0]
        if good == 0:
            raise LayerError(f"{path}: no usable GeoNames line"
                             + (f" ({pending[0]})" if pending else " (the file is empty)"))
        tick(total, final=True)
        layer_path = writer.commit({
            "kind": KIND_DUMP, "source": path.resolve(), "lines": report.lines, "malformed": report.bad,
            **({"countries": ",".join(sorted(wanted_cc))} if wanted_cc else {}),
        })
    except BaseException:
        writer.discard()
        raise
    finally:
        for c in closers:
            c.close()
    report.layer = read_layer_info(layer_path)
    report.seconds = time.perf_counter() - started
    return report


def download_geonames(
    country: str,
    *,
    directory: Path | str | None = None,
    progress: Progress | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
) -> Path:
    """Download GeoNames' <CC>.zip into the layers folder; returns its path (delete it after use).

    Fails with LayerError, never hangs: name lookup, connection and every read
    have `timeout` seconds.
    """
    cc = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", cc):
        raise LayerError(f"{country!r} is not a two-letter country code")
    base = os.environ.get("GEONAMES_DUMP_URL") or DEFAULT_DUMP_URL
    url = urllib.parse.urljoin(base if base.endswith("/") else base + "/", f"{cc}.zip")
    hint = f"download {cc}.zip by hand from {DEFAULT_DUMP_URL} and pass the file"
    host = urllib.parse.urlsplit(url).hostname or ""
    _resolve_host(host, timeout, url, hint)
    folder = layers_dir(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LayerError(f"cannot use {folder} for layers: {exc}") from None
    target = folder / f"{cc}.zip"
    part = folder / f".{cc}.zip.{os.getpid()}.part"
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "geo-gazetteer"})
        with urllib.request.urlopen(request, timeout=timeout) as response, open(part, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            tick = _Ticker(progress, total, f"downloading {cc}.zip")
            done = 0
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                tick(done)
            tick(done, final=True)
        os.replace(part, target)
    except urllib.error.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise LayerError(f"cannot download {url}: HTTP {exc.code} {exc.reason}"
                         + (" (is it a GeoNames country code?)" if exc.code == 404 else "")) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        part.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise LayerError(f"cannot download {url}: {reason} (no network? {hint})") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target


def _resolve_host(host: str, timeout: float, url: str, hint: str) -> None:
    """Name lookup with a deadline: getaddrinfo itself has no timeout."""
    if not host:
        raise LayerError(f"cannot download {url}: no host in the URL")
    outcome: list = []

    def lookup() -> None:
        try:
            socket.getaddrinfo(host, 443)
            outcome.append(None)
        except OSError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise LayerError(f"cannot download {url}: looking up {host} took over {timeout:g} s (no network? {hint})")
    if outcome[0] is not None:
        raise LayerError(f"cannot download {url}: cannot look up {host} ({outcome[0]}) (no network? {hint})")


# --- learning from event datasets ---

# Header names (lower case) that tell the formats apart.
_ACLED_NEEDS = ("location", "latitude", "longitude", "geo_precision")
_UCDP_NEEDS = ("where_coordinates", "where_prec", "latitude", "longitude")
_PARENS = re.compile(r"\s*\([^)]*\)")
_UCDP_SUFFIX = re.compile(r"\s+(?:town|village|city|suburb|camp)\s*$", re.IGNORECASE)
_LEVEL_WORD = re.compile(r"\s+(?:governorate|province|district|region|state|oblast|county)\s*$", re.IGNORECASE)

# Country names in ACLED/UCDP that pycountry does not know.
_COUNTRY_NAMES = {
    "turkey": "TR", "ivory coast": "CI", "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD", "dr congo": "CD", "zaire": "CD",
    "republic of congo": "CG", "congo": "CG", "kosovo": "XK", "russia": "RU",
    "soviet union": "RU", "palestine": "PS", "bosnia-herzegovina": "BA",
    "cape verde": "CV", "swaziland": "SZ", "czech republic": "CZ", "macedonia": "MK",
    "burma": "MM", "kampuchea": "KH", "east timor": "TL", "north korea": "KP",
    "micronesia": "FM", "vatican": "VA", "vatican city": "VA", "uae": "AE",
    "united states": "US", "usa": "US", "uk": "GB", "great britain": "GB",
    "yemen (north yemen)": "YE", "serbia (yugoslavia)": "RS", "yugoslavia": "RS",
    "madagascar (malagasy)": "MG", "zimbabwe (rhodesia)": "ZW", "curacao": "CW",
    "cote d'ivoire": "CI", "côte d'ivoire": "CI", "saint-martin": "MF", "sint maarten": "SX",
}


class _Countries:
    """Country name / ISO numeric / alpha-3 -> alpha-2, cached; unknown names counted."""

    def __init__(self) -> None:
        import pycountry

        self.pycountry = pycountry
        self.cache: dict[tuple[str, str], str | None] = {}
        self.unknown: Counter = Counter()

    def code(self, *, name: str = "", numeric: str = "", alpha3: str = "", alpha2: str = "") -> str | None:
        if re.fullmatch(r"[A-Za-z]{2}", alpha2 or ""):
            return alpha2.upper()
        for kind, value in (("numeric", numeric), ("alpha3", alpha3), ("name", name)):
            value = (value or "").strip()
            if not value:
                continue
            key = (kind, value)
            if key not in self.cache:
                self.cache[key] = self._lookup(kind, value)
            if self.cache[key]:
                return self.cache[key]
        if name.strip():
            self.unknown[name.strip()] += 1
        return None

    def _lookup(self, kind: str, value: str) -> str | None:
        countries = self.pycountry.countries
        if kind == "numeric":
            digits = value.split(".")[0]
            found = countries.get(numeric=digits.zfill(3)) if digits.isdigit() and int(digits) else None
            return found.alpha_2 if found else None
        if kind == "alpha3":
            found = countries.get(alpha_3=value.upper()) if len(value) == 3 else None
            return found.alpha_2 if found else None
        lowered = " ".join(value.lower().split())
        if lowered in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[lowered]
        for text in (value, _PARENS.sub("", value).strip()):
            try:
                return countries.lookup(text).alpha_2
            except LookupError:
                pass
        return _COUNTRY_NAMES.get(_PARENS.sub("", lowered).strip())


def place_names(text: str, *, ucdp: bool) -> list[str]:
    """The names one location field gives one place.

    "Tadmur/Palmyra town" -> ["Tadmur", "Palmyra"]; UCDP also loses
    parenthesised parts and a trailing town/village/city/suburb/camp.
    """
    text = _PARENS.sub("", text or "")
    if ucdp:
        text = _UCDP_SUFFIX.sub("", text)
    names = []
    for part in text.split("/"):
        part = " ".join(part.split()).strip(" ,;-")
        if ucdp:
            part = _UCDP_SUFFIX.sub("", part)
        if part and name_key(part):
            names.append(part)
    return list(dict.fromkeys(names))


@dataclass
class LearnReport:
    """What `learn` read and kept."""

    layer: LayerInfo
    format: str
    rows: int = 0
    precise: int = 0
    broken: int = 0
    places: int = 0
    unknown_countries: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        text = (f"{self.rows:,} {self.format} rows read, {self.precise:,} precisely located, "
                f"{self.places:,} places learned into layer {self.layer.name}, {self.broken:,} broken rows "
                f"({self.seconds:.1f} s)")
        if self.unknown_countries:
            names = ", ".join(f"{n} x{c}" for n, c in self.unknown_countries.most_common(5))
            text += f"; country not recognised (kept without one): {names}"
        return text


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read through it (for progress)."""

    def __init__(self, raw) -> None:
        self.raw, self.done = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.done += n or 0
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def sniff_csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else cp1252: what CSV exports from spreadsheets come in."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the 1 MB boundary
            return "cp1252"
    return "utf-8-sig"


def learn(
    source: Path | str,
    *,
    directory: Path | str | None = None,
    name: str | None = None,
    progress: Progress | None = None,
    on_problem: Problem | None = None,
) -> LearnReport:
    """Learn precisely located places from an ACLED export or a UCDP GED CSV.

    The format is told from the header. Kept: ACLED rows with geo_precision 1,
    UCDP rows with where_prec 1. Each name (per country) goes to its most
    frequent point, outliers ignored; names given together ("Tadmur/Palmyra")
    become one place. A broken row is passed to `on_problem` as
    "FILE: line N: why" and counted; the rest is still learned. Writes the
    layer learned-<stem> (`name` overrides the stem) and replaces it on re-learning.
    """
    path = Path(source)
    if not path.is_file():
        raise LayerError(f"{path}: no such file")
    stem = _clean_layer_name(name or path.stem)
    layer_name = stem if stem.startswith("learned-") else f"learned-{stem}"
    stem = layer_name[len("learned-"):]
    started = time.perf_counter()
    encoding = sniff_csv_encoding(path)
    counting = _CountingReader(open(path, "rb"))
    total = os.fstat(counting.raw.fileno()).st_size
    text = io.TextIOWrapper(io.BufferedReader(counting, 1 << 16), encoding=encoding, errors="replace", newline="")
    countries = _Countries()
    report = LearnReport(layer=None, format="?")  # type: ignore[arg-type]

    def problem(message: str) -> None:
        report.broken += 1
        if on_problem is not None:
            on_problem(message)

    # name key (per country) -> point -> events; spellings; admin names; keys named together
    points: dict[tuple, Counter] = defaultdict(Counter)
    spellings: dict[tuple, Counter] = defaultdict(Counter)
    admins: dict[tuple, Counter] = defaultdict(Counter)
    together: set[tuple[tuple, tuple]] = set()
    tick = _Ticker(progress, total, f"learning from {path.name}")
    csv.field_size_limit(1 << 26)
    try:
        reader = csv.reader(text)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            raise LayerError(f"{path}: the file is empty") from None
        except csv.Error as exc:
            raise LayerError(f"{path}: line 1: {exc}") from None
        column = {h: i for i, h in reversed(list(enumerate(header))) if h}
        if all(c in column for c in _UCDP_NEEDS):
            ucdp, report.format = True, "UCDP GED"
            name_col, prec_col, a1_col, a2_col = "where_coordinates", "where_prec", "adm_1", "adm_2"
        elif all(c in column for c in _ACLED_NEEDS):
            ucdp, report.format = False, "ACLED"
            name_col, prec_col, a1_col, a2_col = "location", "geo_precision", "admin1", "admin2"
        else:
            raise LayerError(
                f"{path}: line 1: neither an ACLED export (needs columns {', '.join(_ACLED_NEEDS)}) "
                f"nor a UCDP GED file (needs {', '.join(_UCDP_NEEDS)})"
            )
        width = len(header)

        def cell(row: list[str], col: str) -> str:
            i = column.get(col)
            return row[i].strip() if i is not None and i < len(row) else ""

        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problem(f"{path}: line {start}: {exc}")
                continue
            line = start
            if not row or not any(c.strip() for c in row):
                continue
            report.rows += 1
            if report.rows % 2048 == 0:
                tick(counting.done)
            if len(row) != width:
                problem(f"{path}: line {line}: {len(row)} fields, the header has {width}")
                continue
            precision = cell(row, prec_col)
            try:
                level = float(precision)
            except ValueError:
                problem(f"{path}: line {line}: {prec_col} {precision!r} is not a number")
                continue
            if level != 1:
                continue
            lat, why = _coordinate(cell(row, "latitude"), "latitude", 90)
            lon, why2 = (None, None) if why else _coordinate(cell(row, "longitude"), "longitude", 180)
            if why or why2:
                problem(f"{path}: line {line}: {why or why2}")
                continue
            if lat == 0 and lon == 0:
                problem(f"{path}: line {line}: latitude and longitude are 0 (missing)")
                continue
            names = place_names(cell(row, name_col), ucdp=ucdp)
            if not names:
                problem(f"{path}: line {line}: {name_col} is empty")
                continue
            report.precise += 1
            cc = countries.code(
                alpha2=cell(row, "country_code"), numeric=cell(row, "iso"),
                alpha3=cell(row, "iso3"), name=cell(row, "country"),
            )
            point = (round(lat, 5), round(lon, 5))
            keys = []
            for n in names:
                key = (cc or "", name_key(n))  # "": country unknown (keys must sort)
                keys.append(key)
                points[key][point] += 1
                spellings[key][n] += 1
                admins[key][(cell(row, a1_col), cell(row, a2_col))] += 1
            for a in keys:
                for b in keys:
                    if a < b:
                        together.add((a, b))
        tick(total, final=True)
    finally:
        text.close()

    places = _modal_places(points, spellings, admins, together)
    writer = _LayerWriter(layers_dir(directory), layer_name)
    try:
        for n, p in enumerate(places, start=1):
            writer.write((
                f"{stem}:{n}", p["name"], p["lat"], p["lon"], p["cc"] or "", "PPL", 0,
                p["admin1"], p["admin2"], "", "", p["weight"], "|".join(p["alternates"]),
            ))
        layer_path = writer.commit({
            "kind": KIND_LEARNED, "source": path.resolve(), "format": report.format,
            "rows": report.rows, "precise": report.precise, "broken": report.broken,
        })
    except BaseException:
        writer.discard()
        raise
    report.layer = read_layer_info(layer_path)
    report.places = len(places)
    report.unknown_countries = countries.unknown
    report.seconds = time.perf_counter() - started
    return report


def _modal_point(counts: Counter) -> tuple[tuple[float, float], int]:
    """The most frequent point of the heaviest cluster (points within CLUSTER_KM), and that cluster's weight."""
    clusters: list[list] = []  # [center, weight]
    for point, n in counts.most_common():
        for c in clusters:
            if _km(*c[0], *point) <= CLUSTER_KM:
                c[1] += n
                break
        else:
            clusters.append([point, n])
    best = max(clusters, key=lambda c: c[1])  # max keeps the first of equals: the more frequent center
    return best[0], best[1]


def _modal_places(points, spellings, admins, together) -> list[dict]:
    """One place per group of name keys named together whose modal points agree."""
    modal = {key: _modal_point(c) for key, c in points.items()}
    order = {key: n for n, key in enumerate(points)}
    parent = {key: key for key in modal}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in sorted(together):
        if _km(*modal[a][0], *modal[b][0]) <= CLUSTER_KM:
            parent[root(a)] = root(b)
    groups: dict[tuple, list] = defaultdict(list)
    for key in modal:
        groups[root(key)].append(key)
    places = []
    for keys in groups.values():
        keys.sort(key=lambda k: (-modal[k][1], order[k]))  # ties: the name given first
        main = keys[0]
        names = [spellings[k].most_common(1)[0][0] for k in keys]
        names += [s for k in keys for s, _ in spellings[k].most_common()]
        names = list(dict.fromkeys(names))
        (admin1, admin2), _ = admins[main].most_common(1)[0]
        (lat, lon), weight = modal[main]
        places.append({
            "cc": main[0], "name": names[0], "alternates": names[1:], "lat": lat, "lon": lon,
            "admin1": admin1, "admin2": admin2, "weight": weight,
        })
    places.sort(key=lambda p: (-p["weight"], p["cc"], name_key(p["name"])))
    return places


# --- into the index (called by geo.build) ---

def _add_place(places, *, keys: Iterable[str], alt_keys: Iterable[str] = (), **fields) -> int:
    """places.add, telling own names from alternate ones when the build does."""
    if hasattr(places, "alt"):
        return places.add(keys=keys, alt_keys=alt_keys, **fields)
    return places.add(keys=[*keys, *alt_keys], **fields)


def _merge_keys(places, pid: int, new: Iterable[str]) -> int:
    """Give an existing place more keys, as alternate names; returns how many were new."""
    keys = places.keys[pid - 1]
    added = {k for k in new if k} - keys
    if added:
        keys |= added
        alt = getattr(places, "alt", None)
        if alt is not None:
            alt.setdefault(pid, set()).update(added)
    return len(added)


def add_layers(places, directory: Path, tick: Callable[[int, str], None] | None = None) -> Counter:
    """Add every layer's places to the build's `places` (a geo.build._Places).

    Dump layers first (in file-name order; a geonameid already seen is merged,
    never duplicated), then learned layers. Returns counts per outcome. A
    damaged layer file raises LayerError naming it.
    """
    from geo.build import _indexable, _memo, _unit_keys

    files = layer_files(directory)
    counts: Counter = Counter()
    if not files:
        return counts
    infos = [read_layer_info(p) for p in files]
    key_of = _memo(name_key)
    rows, keys = places.rows, places.keys
    # Positions in a places row: id, name, lat, lon, cc, admin1, admin2, fc, population, source, source_id.
    by_geonameid = {r[10]: r[0] for r in rows if r[9] in ("geonames", KIND_DUMP)}
    admin1_pid = {r[10]: r[0] for r in rows if r[9] == "admin" and r[7] == ADM1}  # "SY.12" -> pid
    admin1_of = {code: rows[pid - 1][1] for code, pid in admin1_pid.items()}       # "SY.12" -> name
    adm2_units: dict[tuple, list[int]] = defaultdict(list)                        # (cc, a1 code) -> pids
    for r in rows:
        if r[9] == "admin" and r[7] == ADM2:
            cc, code = r[10].split(".", 2)[:2]
            adm2_units[cc, code].append(r[0])

    for info in infos:
        if info.kind != KIND_DUMP:
            continue
        if tick:
            tick(81, f"layer {info.name}")
        # First pass: the layer's own admin names, for rows whose units the index lacks.
        own_a1: dict[tuple, str] = {}
        own_a2: dict[tuple, str] = {}
        for _, c in _read_rows(info.path):
            if c[5] == ADM1:
                own_a1[c[4], c[9]] = c[1]
            elif c[5] == ADM2:
                own_a2[c[4], c[9], c[10]] = c[1]
        for number, c in _read_rows(info.path):
            gid, nm, cc, fc, a1code, a2code = c[0], c[1], c[4] or None, c[5], c[9], c[10]
            alternates = [a for a in c[12].split("|") if a and _indexable(a, nm)] if c[12] else []
            try:
                lat, lon, pop = float(c[2]), float(c[3]), int(c[6] or 0)
            except ValueError:
                raise LayerError(f"{info.path}: line {number}: bad number "
                                 f"(remove it with `python -m geo forget {info.name}`)") from None
            a1 = admin1_of.get(f"{cc}.{a1code}") or own_a1.get((cc, a1code))
            if fc in KEEP_ADMIN:
                own = _unit_keys(nm)
                alt = set().union(*(_unit_keys(n) for n in alternates)) - own
                target = None
                if fc == ADM1:
                    target = admin1_pid.get(f"{cc}.{a1code}")
                elif fc == ADM2:
                    target = next((p for p in adm2_units.get((cc, a1code), ()) if keys[p - 1] & own), None)
                if target is not None:
                    _merge_keys(places, target, own | alt)
                    counts["admin units merged"] += 1
                    continue
                if gid in by_geonameid:
                    counts["duplicates"] += 1
                    continue
                by_geonameid[gid] = _add_place(
                    places, name=nm, latitude=lat, longitude=lon, country_code=cc,
                    admin1=a1, admin2=nm if fc == ADM2 else None, feature_code=fc, population=pop,
                    source=KIND_DUMP, source_id=gid, keys=own, alt_keys=alt,
                )
                counts[KIND_DUMP] += 1
                continue
            own, alt = [key_of(nm)], [key_of(a) for a in alternates]
            if gid in by_geonameid:
                _merge_keys(places, by_geonameid[gid], own + alt)
                counts["merged into cities500" if rows[by_geonameid[gid] - 1][9] == "geonames" else "duplicates"] += 1
                continue
            by_geonameid[gid] = _add_place(
                places, name=nm, latitude=lat, longitude=lon, country_code=cc,
                admin1=a1, admin2=own_a2.get((cc, a1code, a2code)), feature_code=fc, population=pop,
                source=KIND_DUMP, source_id=gid, keys=own, alt_keys=alt,
            )
            counts[KIND_DUMP] += 1

    learned = [i for i in infos if i.kind == KIND_LEARNED]
    if learned:
        if tick:
            tick(83, "learned places")
        _add_learned(places, learned, key_of, counts)
    from geo.analyst import KIND_ANALYST, add_analyst_places  # analysts' corrections (geo/analyst.py)

    add_analyst_places(places, [i for i in infos if i.kind == KIND_ANALYST], key_of, counts)
    return counts


def _add_learned(places, infos: list[LayerInfo], key_of, counts: Counter) -> None:
    """Learned places: merged into a same-named place within MERGE_KM, else added."""
    rows, keys = places.rows, places.keys
    entries = []
    for info in infos:
        for number, c in _read_rows(info.path):
            try:
                lat, lon = float(c[2]), float(c[3])
            except ValueError:
                raise LayerError(f"{info.path}: line {number}: bad number "
                                 f"(remove it with `python -m geo forget {info.name}`)") from None
            names = [c[1], *(a for a in c[12].split("|") if a)]
            entries.append((c, lat, lon, {key_of(n) for n in names} - {""}))
    wanted = set().union(*(e[3] for e in entries)) if entries else set()
    holders: dict[str, list[int]] = defaultdict(list)  # key -> places bearing it (one scan)
    for pid, ks in enumerate(keys, start=1):
        if not ks.isdisjoint(wanted):
            for k in ks & wanted:
                holders[k].append(pid)
    adm1_by_key: dict[tuple, str] = {}  # (cc, unit key) -> the index's ADM1 name
    for r, ks in zip(rows, keys):
        if r[9] == "admin" and r[7] == ADM1:
            for k in ks:
                adm1_by_key.setdefault((r[4], k), r[1])
    for c, lat, lon, names in entries:
        cc = c[4] or None
        near = None
        for k in names:
            for pid in holders.get(k, ()):
                r = rows[pid - 1]
                if r[4] == cc and not (r[7] in (ADM1, ADM2) or r[7].startswith("PCL")):
                    d = _km(lat, lon, r[2], r[3])
                    if d <= MERGE_KM and (near is None or d < near[0]):
                        near = (d, pid)
        if near is not None:
            _merge_keys(places, near[1], names)
            counts["learned merged"] += 1
            continue
        admin1 = c[7]
        if admin1:
            base = strip_article(split_level(key_of(admin1))[0])
            admin1 = adm1_by_key.get((cc, base)) or adm1_by_key.get((cc, key_of(admin1))) \
                or _LEVEL_WORD.sub("", admin1)
        admin2 = _LEVEL_WORD.sub("", c[8]) if c[8] else None
        pid = _add_place(
            places, name=c[1], latitude=lat, longitude=lon, country_code=cc, admin1=admin1 or None,
            admin2=admin2 or None, feature_code=c[5] or "PPL", population=0,
            source=KIND_LEARNED, source_id=c[0], keys=names,
        )
        for k in names:
            holders[k].append(pid)
        counts[KIND_LEARNED] += 1

"""Leaflet served by the dashboard itself, so the map draws with no internet.

Folium points its pages at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome...).
The dashboard copies what its map needs from the installed xstatic packages
(and Leaflet.heat from the folium package, which ships it) into ``dashboard/static/vendor/`` -- built at run time, git-ignored -- and
Streamlit serves that folder at ``<base>/app/static/`` (``enableStaticServing``).
"""
from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"

# What the v1 map loads, as paths under VENDOR_DIR.
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
# What the clusters layer adds.
MARKERCLUSTER_JS = "leaflet.markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = ("leaflet.markercluster/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.Default.css")
# What the heat map layer adds: Leaflet.heat, as folium ships it inside its package.
HEAT_JS = "leaflet.heat/leaflet-heat.js"


def _sources() -> dict[str, Path]:
    """Vendor sub-folder -> the xstatic package folder it is copied from."""
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return {
        "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
        "leaflet.markercluster": Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
    }


def write_atomically(dest: Path, write) -> None:
    """Write `dest` through `write(binary_file)` under a temporary name, then rename:
    a concurrent reader (the browser, another session) never sees half a file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_if_changed(src: Path, dest: Path) -> bool:
    """Copy one file unless an identical one is there."""
    if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        return False
    with src.open("rb") as inp:
        write_atomically(dest, lambda out: shutil.copyfileobj(inp, out))
    return True


def _single_files() -> dict[str, Path]:
    """Vendor path -> a single file of an installed package it is copied from."""
    import folium

    return {HEAT_JS: Path(folium.__file__).resolve().parent / "templates" / "leaflet_heat.min.js"}


def ensure_vendor_assets(vendor_dir: Path = VENDOR_DIR) -> int:
    """Copy Leaflet, Leaflet.markercluster and Leaflet.heat into `vendor_dir`; idempotent.

    Returns how many files were written (0 when everything was in place).
    """
    written = 0
    for name, source in _sources().items():
        for src in sorted(source.rglob("*")):
            if src.is_file() and not src.name.startswith((".", "__")) and src.suffix != ".py":
                written += _copy_if_changed(src, vendor_dir / name / src.relative_to(source))
    for relative, src in _single_files().items():
        if src.is_file():  # an older folium without it: the heat layer says it cannot draw
            written += _copy_if_changed(src, vendor_dir / relative)
    return written


def static_url(relative: str, base_url_path: str = "") -> str:
    """The URL path Streamlit serves a file of VENDOR_DIR at.

    Absolute from the server root, so it also resolves inside the map's
    component iframe; `base_url_path` is Streamlit's ``server.baseUrlPath``.
    """
    base = base_url_path.strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/vendor/{relative.lstrip('/')}"


def map_js_css(base_url_path: str = "", layer: str = "incidents") -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Folium-style (name, url) lists of the only scripts and styles the map needs
    (Leaflet, and Leaflet.markercluster for the clusters layer)."""
    js = [("leaflet", static_url(LEAFLET_JS, base_url_path))]
    css = [("leaflet_css", static_url(LEAFLET_CSS, base_url_path))]
    if layer == "clusters":
        css += [(f"markercluster_css_{i}", static_url(path, base_url_path)) for i, path in enumerate(MARKERCLUSTER_CSS)]
    return js, css

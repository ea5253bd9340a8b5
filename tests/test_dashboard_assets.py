"""dashboard.assets: Leaflet copied from the xstatic packages, served under /app/static."""
from __future__ import annotations

import dashboard_fixtures  # noqa: F401
from dashboard import assets


def test_vendor_assets_are_copied_once(tmp_path):
    vendor = tmp_path / "vendor"
    written = assets.ensure_vendor_assets(vendor)
    assert written > 0
    for relative in (assets.LEAFLET_JS, assets.LEAFLET_CSS, "leaflet/images/layers.png",
                     "leaflet.markercluster/leaflet.markercluster.js", assets.HEAT_JS):
        assert (vendor / relative).is_file(), relative
    assert "L.Map" in (vendor / assets.LEAFLET_JS).read_text(encoding="utf-8", errors="replace") or \
        (vendor / assets.LEAFLET_JS).stat().st_size > 100_000
    assert "heatLayer" in (vendor / assets.HEAT_JS).read_text(encoding="utf-8")
    assert assets.ensure_vendor_assets(vendor) == 0  # idempotent
    (vendor / assets.LEAFLET_CSS).write_text("/* damaged */")
    assert assets.ensure_vendor_assets(vendor) == 1  # repaired
    assert not list(vendor.rglob("*.tmp"))


def test_static_urls():
    assert assets.static_url(assets.LEAFLET_JS) == "/app/static/vendor/leaflet/leaflet.js"
    assert assets.static_url("leaflet/leaflet.css", "/maps/") == "/maps/app/static/vendor/leaflet/leaflet.css"
    js, css = assets.map_js_css()
    assert [url for _, url in js + css] == ["/app/static/vendor/leaflet/leaflet.js",
                                            "/app/static/vendor/leaflet/leaflet.css"]


def test_vendor_dir_is_next_to_the_app():
    assert assets.STATIC_DIR.parent.name == "dashboard"
    assert assets.VENDOR_DIR == assets.STATIC_DIR / "vendor"

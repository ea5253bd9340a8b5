"""End to end: the Add a report page in the real Streamlit server and a headless Debian chromium.

An analyst pastes a report carrying <script> and <img onerror=…>, sees it escaped with
the evidence marked (nothing runs: no dialog, the page's flag stays unset), saves it,
and the map page's Incidents count goes up by the incidents saved. Everything stays on
127.0.0.1. The server is started by tests/e2e_server.py, as for tests/test_e2e_dashboard.py.
"""
from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path

import pytest

from dashboard_fixtures import make_store
from e2e_server import (PAGE_TIMEOUT_MS, dashboard_server, free_port, launch, needs_chromium, offsite, wait_until_idle,
                        wait_until_map_reported)

SAMPLE_COUNT = 6

HOSTILE_REPORT = (
    "Gunmen attacked a bus in Saraqib on Monday, killing three people, a monitoring group said.\n"
    "<script>window.__xss = 'script'; alert('script')</script>\n"
    "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">\n"
    "Residents said the attackers fled north after the attack.\n"
)

pytestmark = needs_chromium


@contextlib.contextmanager
def _dashboard(tmp_path: Path, geo_dir: Path, *, port: int | None = None, secrets: Path | None = None,
               **extra_env: str):
    """The dashboard on a free port (or `port`) over a temp store (the six sample incidents), with
    the secrets file `secrets` when given; yields its base URL."""
    env = {"DATABASE_URL": make_store(tmp_path / "incidents.sqlite"), "MAP_TILES": "none",
           "GEO_DATA_DIR": str(geo_dir), "DASHBOARD_READ_ONLY": None, **extra_env}
    # `streamlit run dashboard/app.py` here (the map page's tests use `python -m dashboard`): both work
    with dashboard_server(tmp_path / "streamlit.log", env, port=port, streamlit_run=True,
                          extra_args=("--secrets.files", str(secrets)) if secrets else ()) as base:
        yield base


@pytest.fixture()
def geo_dir(gazetteer, tmp_path):
    """A GEO_DATA_DIR of this test's own, with a current copy of the session's index."""
    from geo import index_path

    directory = tmp_path / "geo"
    directory.mkdir()
    shutil.copyfile(gazetteer.path, index_path(directory=directory))
    return directory


def _flags(page) -> list:
    """window.__xss in the page and in every frame (undefined everywhere when nothing ran)."""
    values = []
    for frame in page.frames:
        try:
            values.append(frame.evaluate("() => window.__xss === undefined ? null : String(window.__xss)"))
        except Exception:  # a frame that went away meanwhile
            continue
    return [v for v in values if v is not None]


def test_a_hostile_report_runs_nothing_and_its_incidents_reach_the_map(tmp_path, geo_dir):
    from playwright.sync_api import expect, sync_playwright

    dialogs: list[str] = []
    requests: list[str] = []
    with _dashboard(tmp_path, geo_dir) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: requests.append(request.url))

            page.goto(f"{base}/", wait_until="domcontentloaded")
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(SAMPLE_COUNT),
                                                                                timeout=PAGE_TIMEOUT_MS)
            wait_until_map_reported(page)  # else the map's first report can race the page switch below

            page.get_by_role("link", name="Add a report").click()
            expect(page.get_by_role("heading", name="Add a report")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            expect(page.get_by_label("Report text")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            page.get_by_label("Report text").fill(HOSTILE_REPORT)
            page.get_by_label("Report text").blur()
            page.get_by_role("button", name="Find incidents").click()

            marks = page.locator("mark.evidence")
            expect(marks.first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            expect(marks.first).to_contain_text("Gunmen attacked a bus in Saraqib", timeout=PAGE_TIMEOUT_MS)
            expect(page.get_by_text("Incidents found: 1")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            # the markup is shown as text, and is no element of the page
            report = page.locator(".report-text")
            expect(report).to_contain_text("<script>window.__xss = 'script'; alert('script')</script>",
                                           timeout=PAGE_TIMEOUT_MS)
            expect(report).to_contain_text("<img src=x onerror=", timeout=PAGE_TIMEOUT_MS)
            assert page.locator('img[src="x"]').count() == 0
            assert page.locator("script", has_text="__xss").count() == 0

            page.get_by_role("button", name="Save the report and its incidents").click()
            expect(page.get_by_text("Saved the report with 1 incident.")).to_be_visible(timeout=PAGE_TIMEOUT_MS)

            wait_until_idle(page)
            page.get_by_role("link", name="Map").click()
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(SAMPLE_COUNT + 1),
                                                                                timeout=PAGE_TIMEOUT_MS)
            flags = _flags(page)
            page.screenshot(path=str(tmp_path / "after-save.png"), full_page=True)
        finally:
            browser.close()

    assert dialogs == [], f"the report's markup ran: {dialogs}"
    assert flags == [], f"the report's markup ran: window.__xss = {flags}"
    assert offsite(requests) == [], f"requests left 127.0.0.1: {offsite(requests)}"


def test_a_read_only_deployment_offers_no_add_page(tmp_path, geo_dir):
    from playwright.sync_api import expect, sync_playwright

    with _dashboard(tmp_path, geo_dir, DASHBOARD_READ_ONLY="1") as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            # A fresh server's first visitor opening the page's URL: the router does not offer
            # the page, so the map opens instead and nothing can be written.
            page.goto(f"{base}/add_report", wait_until="domcontentloaded")
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(SAMPLE_COUNT),
                                                                                timeout=PAGE_TIMEOUT_MS)
            expect(page.get_by_label("Report text")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)

            page.goto(f"{base}/", wait_until="domcontentloaded")
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(SAMPLE_COUNT),
                                                                                timeout=PAGE_TIMEOUT_MS)
            expect(page.get_by_role("link", name="Add a report")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
            expect(page.get_by_label("Report text")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
        finally:
            browser.close()


# --- login through a real (tiny) OpenID Connect provider on 127.0.0.1 -----------------

CLIENT_ID, CLIENT_SECRET = "conflict-dashboard", "test-client-secret"


@contextlib.contextmanager
def _oidc_provider():
    """A minimal OpenID Connect provider: discovery, an authorize endpoint that signs in its one
    user at once, a token endpoint issuing an RS256 id_token (with the nonce asked for), and the JWKS.
    Yields (base URL, the requests it answered)."""
    import http.server
    import json
    import secrets as token_bytes
    import threading
    from urllib.parse import parse_qs, urlencode

    from joserfc import jwt
    from joserfc.jwk import RSAKey

    key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
    codes: dict[str, dict] = {}
    seen: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"

    class Handler(http.server.BaseHTTPRequestHandler):
        def _json(self, payload, status=200):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            path, _, query = self.path.partition("?")
            seen.append(path)
            if path == "/.well-known/openid-configuration":
                self._json({
                    "issuer": base, "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token", "jwks_uri": f"{base}/jwks",
                    "response_types_supported": ["code"], "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                })
            elif path == "/jwks":
                self._json({"keys": [key.as_dict(private=False)]})
            elif path == "/authorize":
                params = {k: v[0] for k, v in parse_qs(query).items()}
                if params.get("client_id") != CLIENT_ID:
                    return self._json({"error": "unauthorized_client"}, 400)
                code = token_bytes.token_urlsafe(16)
                codes[code] = {"nonce": params.get("nonce"), "redirect_uri": params["redirect_uri"]}
                self.send_response(302)
                self.send_header("Location", params["redirect_uri"] + "?" + urlencode(
                    {"code": code, "state": params.get("state", "")}))
                self.end_headers()
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self):  # noqa: N802
            seen.append(self.path)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
            grant = codes.pop(form.get("code", ""), None)
            if self.path != "/token" or grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                return self._json({"error": "invalid_grant"}, 400)
            now = int(time.time())
            claims = {"iss": base, "sub": "analyst-1", "aud": CLIENT_ID, "iat": now, "exp": now + 600,
                      "nonce": grant["nonce"], "email": "ana@example.org", "name": "Ana Analyst"}
            self._json({"access_token": token_bytes.token_urlsafe(16), "token_type": "Bearer", "expires_in": 600,
                        "id_token": jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)})

        def log_message(self, *args):
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, seen
    finally:
        server.shutdown()
        server.server_close()


def test_with_auth_only_a_logged_in_analyst_can_add_a_report(tmp_path, geo_dir):
    """[auth] configured (in a secrets file outside the repository): the page shows only "Log in";
    the login goes through the provider and back, and then the analyst can save a report."""
    pytest.importorskip("authlib", reason="st.login needs Authlib (pip install streamlit[auth])")
    pytest.importorskip("httpx", reason="st.login needs httpx (pip install streamlit[auth])")
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    with _oidc_provider() as (issuer, seen):
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{"c" * 16}-test-only"\n'
            f'client_id = "{CLIENT_ID}"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        with _dashboard(tmp_path, geo_dir, port=port, secrets=secrets) as base, sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                page.goto(f"{base}/", wait_until="domcontentloaded")
                wait_until_map_reported(page)  # (see the first test)
                page.get_by_role("link", name="Add a report").click()
                login = page.get_by_role("button", name="Log in")
                expect(login).to_be_visible(timeout=PAGE_TIMEOUT_MS)
                expect(page.get_by_label("Report text")).to_have_count(0)
                expect(page.get_by_role("button", name="Find incidents")).to_have_count(0)

                login.click()  # -> the provider -> /oauth2callback -> the app's home, logged in
                page.wait_for_url(f"{base}/", timeout=PAGE_TIMEOUT_MS)
                assert "_streamlit_user" in [c["name"] for c in page.context.cookies()]
                wait_until_map_reported(page)
                page.get_by_role("link", name="Add a report").click()
                expect(page.get_by_text("Signed in as Ana Analyst")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
                page.get_by_label("Report text").fill(HOSTILE_REPORT)
                page.get_by_label("Report text").blur()
                page.get_by_role("button", name="Find incidents").click()
                expect(page.locator("mark.evidence").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
                page.get_by_role("button", name="Save the report and its incidents").click()
                expect(page.get_by_text("Saved the report with 1 incident.")).to_be_visible(timeout=PAGE_TIMEOUT_MS)

                # another visitor (a fresh browser context: no cookie) gets only the button
                other = browser.new_context().new_page()
                other.goto(f"{base}/", wait_until="domcontentloaded")
                wait_until_map_reported(other)
                other.get_by_role("link", name="Add a report").click()
                expect(other.get_by_role("button", name="Log in")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
                expect(other.get_by_label("Report text")).to_have_count(0)
            finally:
                browser.close()
    assert "/authorize" in seen and "/token" in seen and "/jwks" in seen

"""Who may change things: read-only deployments and the login that gates editing.

Three cases, decided once per run from the environment and .streamlit/secrets.toml:

  DASHBOARD_READ_ONLY=1     no page that writes is routed, and the store is opened
                            read-only (the database itself refuses writes)
  [auth] in secrets.toml    editing needs a login through Streamlit's st.login (OIDC);
                            a visitor who is not logged in sees only a "Log in" button
  neither                   editing is open to anyone who can reach the dashboard
                            (fine on a laptop; production should set one of the two)

A shared link to the map never writes: the map page has no write path at all.
"""
from __future__ import annotations

import os

import streamlit as st

READ_ONLY_VARIABLE = "DASHBOARD_READ_ONLY"
_TRUE = ("1", "true", "yes", "on")


def read_only_deployment() -> bool:
    """DASHBOARD_READ_ONLY is set to 1/true/yes/on: nothing in this dashboard may write."""
    return os.environ.get(READ_ONLY_VARIABLE, "").strip().lower() in _TRUE


def auth_configured() -> bool:
    """An `[auth]` section exists in the app's secrets (Streamlit's st.login configuration)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets.toml at all, or one that cannot be parsed: no auth configured
        return False
    return bool(section)


def logged_in() -> bool:
    """The visitor has logged in through st.login (never true without [auth] configured)."""
    try:
        return bool(st.user.get("is_logged_in", False))
    except Exception:  # no session (a bare script run)
        return False


def editing_enabled() -> bool:
    """Whether pages that write are routed at all."""
    return not read_only_deployment()


def may_edit() -> bool:
    """Whether this visitor may write now: editing is enabled and, with [auth], they are logged in."""
    if not editing_enabled():
        return False
    return logged_in() if auth_configured() else True


def user_label() -> str | None:
    """A name to show for the logged-in visitor (their name or e-mail), or None."""
    if not logged_in():
        return None
    for claim in ("name", "email", "preferred_username", "sub"):
        value = st.user.get(claim)
        if value:
            return str(value)
    return "you"


def login_provider() -> str | None:
    """The provider st.login should use: None for a single provider configured in [auth] itself,
    else the first named provider section ([auth.NAME])."""
    try:
        section = st.secrets.get("auth") or {}
    except Exception:
        return None
    if section.get("client_id"):
        return None
    return next((name for name, value in section.items() if hasattr(value, "get")), None)


def log_in() -> None:
    """The "Log in" button's action: Streamlit's OIDC login with the configured provider."""
    provider = login_provider()
    if provider is None:
        st.login()
    else:
        st.login(provider)

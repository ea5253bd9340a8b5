"""Shared pytest fixtures. Others may append theirs below.

geo: every test session gets its own GEO_DATA_DIR in a temporary directory,
so tests never read or write data/cache/, and the gazetteer index is built
there once (about 15 s) by the first test that asks for `gazetteer`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `pytest` run without `python -m`
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture(scope="session", autouse=True)
def geo_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """Point GEO_DATA_DIR at a session temp dir (subprocesses inherit it)."""
    directory = tmp_path_factory.mktemp("geo-data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GEO_DATA_DIR", str(directory))
        yield directory


@pytest.fixture(scope="session", autouse=True)
def default_store(tmp_path_factory: pytest.TempPathFactory):
    """Point DATABASE_URL at a session temp SQLite file (subprocesses inherit it), so a test that
    does not choose its own store never writes into the repository's data/cache/."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'incidents.sqlite'}"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATABASE_URL", url)
        yield url


@pytest.fixture(scope="session")
def gazetteer(geo_data_dir: Path):
    """An open Gazetteer on an index built once for the session."""
    from geo import Gazetteer, ensure_built

    gaz = Gazetteer(ensure_built(directory=geo_data_dir))
    yield gaz
    gaz.close()

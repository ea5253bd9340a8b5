"""`python -m geo` as a user runs it: JSON Lines out, exit status 0/1/2, no tracebacks."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
KEYS = ["query", "name", "latitude", "longitude", "country_code", "admin1", "feature_code", "source"]


def geo(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        input=stdin, capture_output=True, text=True, cwd=REPO_ROOT,
        env={**os.environ, **(env or {})}, timeout=120,
    )


@pytest.fixture(scope="module", autouse=True)
def built(gazetteer):
    """The CLI reads the session's index (GEO_DATA_DIR is inherited)."""


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_resolve_prints_one_json_line_per_name():
    result = geo("resolve", "Saraqeb", "Maasran", "Idlib province")
    assert result.returncode == 0, result.stderr
    got = lines(result.stdout)
    assert [g["query"] for g in got] == ["Saraqeb", "Maasran", "Idlib province"]
    assert all(list(g)[: len(KEYS)] == KEYS for g in got)
    assert got[0]["name"] == "Saraqib" and got[0]["country_code"] == "SY"
    assert (got[1]["latitude"], got[1]["longitude"], got[1]["source"]) == (35.708, 36.805, "custom")
    assert got[2]["feature_code"] == "ADM1"


def test_country_option():
    got = lines(geo("resolve", "Tripoli", "--country", "LB").stdout)
    assert got[0]["country_code"] == "LB"


def test_unresolved_names_exit_1():
    result = geo("resolve", "Idlib", "Xyzzyqwertville")
    assert result.returncode == 1
    assert lines(result.stdout)[1] == {"query": "Xyzzyqwertville", "error": "not found"}


def test_stdin_one_name_per_line():
    result = geo("resolve", "-", stdin="Kyiv\n\nKiev\nMosul\n")
    assert result.returncode == 0, result.stderr
    assert [g["name"] for g in lines(result.stdout)] == ["Kyiv", "Kyiv", "Mosul"]


@pytest.mark.parametrize("args", [(), ("resolve",), ("frobnicate",), ("resolve", "x", "--bogus")])
def test_bad_usage_exits_2(args):
    result = geo(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_help_teaches_with_examples():
    result = geo("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "python -m geo resolve" in result.stdout


def test_setup_errors_exit_2_without_traceback(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = geo("resolve", "Idlib", env={"GEO_DATA_DIR": str(not_a_dir)})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("geo: cannot use ")
    assert "Traceback" not in result.stderr

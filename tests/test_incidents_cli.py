"""The command-line contracts: `extract` prints JSON Lines, `ingest` never stores twice."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.record import RECORD_FIELDS

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "su25_idlib_2018.txt"


def run(*args, stdin=None, env_extra=None):
    env = os.environ | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "incidents", *args], input=stdin, capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=300)


def test_extract_prints_one_json_object_per_incident(gazetteer):
    result = run("extract", str(FIXTURE), "--published", "2018-02-06", "--title", "T", "--url", "https://x.org/a")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert set(RECORD_FIELDS) <= set(row)
        assert row["source_title"] == "T" and row["source_url"] == "https://x.org/a"
        assert "doc_id" not in row


def test_extract_reads_stdin_and_jsonl(gazetteer, tmp_path):
    from_stdin = run("extract", "-", "--published", "2018-02-06", stdin=FIXTURE.read_text())
    assert from_stdin.returncode == 0 and len(from_stdin.stdout.splitlines()) == 4
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        json.dumps({"id": "a1", "text": FIXTURE.read_text(), "published": "2018-02-06"}) + "\n"
        + "this line is not json\n"
        + json.dumps({"id": "a2", "text": "Police arrested 12 protesters in Mosul on Monday.", "published": "2018-02-06"}) + "\n"
    )
    result = run("extract", str(articles))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["doc_id"] for row in rows} == {"a1", "a2"}
    assert "articles.jsonl:2" in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == 1  # one line failed; the others were still extracted


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "no/such/file.txt", "--published", "2018-02-06"], "no such file"),
        (["extract", "-", "--published", "06/02/2018"], "not an ISO date"),
    ],
)
def test_bad_input_gets_a_clear_error(gazetteer, args, message):
    result = run(*args, stdin="")
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_binary_and_empty_files_are_refused_by_name(gazetteer, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    result = run("extract", str(tmp_path), "--published", "2018-02-06")
    assert "empty.txt: the file is empty" in result.stderr
    assert "image.txt: looks like a binary file" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_twice_adds_nothing(gazetteer, tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    first = run("ingest", str(FIXTURE), "--published", "2018-02-06", env_extra=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1 articles read, 4 incidents stored, 0 skipped (already stored), 0 failed"
    second = run("ingest", str(FIXTURE), "--published", "2018-02-06", env_extra=env)
    assert second.stdout.strip() == "1 articles read, 0 incidents stored, 1 skipped (already stored), 0 failed"

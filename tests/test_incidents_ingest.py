"""Long ingests: inputs streamed, progress shown, Ctrl-C stops cleanly, workers share the load.

The Ctrl-C tests send a real SIGINT to a real `python -m incidents ingest` once a
given number of articles is in its store (never after a given time), then check the
exit status, the message, that every stored article is whole, and that re-running
finishes to exactly what one clean run stores.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import signal
import threading
from pathlib import Path

import pytest

from incidents.articles import Article, input_files, read_articles
from incidents.errors import InputError
from incidents.ingest import IngestSummary, InputCount, count_inputs, ingest, open_extractor, progress_label, store_contents
from incidents.progress import CLEAR, ProgressLine
from incidents.store import Store
from test_incidents_ingest_faults import (clean, contents, corpus, run_ingest,  # noqa: F401 (fixtures)
                                          start_ingest, wait_for_articles, write_corpus)

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "su25_idlib_2018.txt"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# -- what is shown -----------------------------------------------------------------

def test_progress_on_a_terminal_is_one_line_rewritten_at_most_every_refresh():
    out, clock = io.StringIO(), Clock()
    shown = ProgressLine(out, tty=True, refresh=0.1, clock=clock)
    clock.now = 1.0
    shown.update(1, 10, "1 articles")
    clock.now = 1.05
    shown.update(2, 10, "2 articles")          # too soon after the last: not drawn
    clock.now = 2.0
    shown.update(3, 10, "3 articles")
    assert out.getvalue() == CLEAR + "10% 1 articles, 1.0 articles/s" + CLEAR + "30% 3 articles, 1.5 articles/s"
    out.truncate(0), out.seek(0)
    shown.error("bad.txt: the file is empty")  # above the progress line, which is drawn again
    assert out.getvalue() == CLEAR + "error: bad.txt: the file is empty\n" + "30% 3 articles, 1.5 articles/s"
    out.truncate(0), out.seek(0)
    shown.finish()
    assert out.getvalue() == CLEAR + "30% 3 articles, 1.5 articles/s\n"


def test_progress_to_a_log_is_a_plain_line_every_period():
    out, clock = io.StringIO(), Clock()
    shown = ProgressLine(out, tty=False, every=10, clock=clock)
    for second in range(1, 36):
        clock.now = float(second)
        shown.update(second, 0, f"{second} articles")  # total 0: not known (yet)
    assert out.getvalue().splitlines() == [f"{n} articles, 1.0 articles/s" for n in (10, 20, 30)]
    shown.finish()
    assert out.getvalue().splitlines()[-1] == "35 articles, 1.0 articles/s"
    assert CLEAR not in out.getvalue()


def test_a_short_run_to_a_log_shows_no_progress_at_all():
    out, clock = io.StringIO(), Clock()
    shown = ProgressLine(out, tty=False, every=10, clock=clock)
    clock.now = 3.0
    shown.update(5, 5, "5 articles")
    shown.error("x.jsonl:2: not a JSON object")
    shown.finish()
    assert out.getvalue() == "error: x.jsonl:2: not a JSON object\n"


def test_progress_says_when_ctrl_c_was_pressed():
    out, stop = io.StringIO(), threading.Event()
    shown = ProgressLine(out, tty=True, clock=Clock(), stop=stop)
    stop.set()
    shown.update(1, 0, "1 articles")
    assert "stopping after the current article (Ctrl-C again to abandon it)" in out.getvalue()
    shown.finish()
    assert out.getvalue().endswith(CLEAR + "1 articles\n")


def test_the_label_counts_files_articles_incidents_and_errors():
    summary = IngestSummary(articles_read=7, incidents_stored=12, skipped=2, failed=3, failed_inputs=1, files=2)
    assert progress_label(summary, InputCount()) == "2 files, 8 articles, 12 incidents stored, 2 skipped, 3 errors"
    complete = InputCount(files=5, articles=40, complete=True)
    assert progress_label(summary, complete) == "2/5 files, 8/40 articles, 12 incidents stored, 2 skipped, 3 errors"
    assert IngestSummary(interrupted=True).line().endswith("0 failed, interrupted")


# -- reading, streamed ------------------------------------------------------------------

def test_a_folder_is_walked_lazily_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b" / "c.md").write_text("two")
    (tmp_path / "notes.csv").write_text("not a report")
    files = input_files(str(tmp_path))
    assert next(files) == str(tmp_path / "a.txt")
    # Written after the walk began but before it reached b/: a walk that listed everything first would miss it.
    (tmp_path / "b" / "d.txt").write_text("three")
    assert list(files) == [str(tmp_path / "b" / "c.md"), str(tmp_path / "b" / "d.txt")]
    empty = tmp_path / "empty"
    empty.mkdir()
    [error] = input_files(str(empty))
    assert isinstance(error, InputError) and "no .txt, .md or .jsonl files" in str(error)


def test_a_jsonl_file_is_read_line_by_line_and_a_bad_line_does_not_stop_it(tmp_path, monkeypatch):
    import incidents.articles

    monkeypatch.setattr(incidents.articles, "MAX_ARTICLE_BYTES", 2000)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "first report"}\n'
                     b'{"id": "b", "text": "caf\xe9"}\n'
                     + b'{"id": "c", "text": "' + b"x" * 5000 + b'"}\n'
                     + b'{"id": "d", "text": "last report", "published": "2018-02-06"}\n')
    items = list(read_articles(str(path)))
    assert [item.doc_id if isinstance(item, Article) else str(item) for item in items] == [
        "a",
        f"{path}:2: not UTF-8 text (byte 24)",
        f"{path}:3: the line is longer than the 2,000 bytes a report may have",
        "d",
    ]
    assert items[3].published == dt.date(2018, 2, 6) and items[3].origin == f"{path}:4"


def test_a_gigantic_text_file_is_refused_without_being_read(tmp_path, monkeypatch):
    import incidents.articles

    monkeypatch.setattr(incidents.articles, "MAX_ARTICLE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    [error] = read_articles(str(big))
    assert str(error) == f"{big}: 500 bytes is more than the 100 a report may have"


def test_inputs_are_counted_cheaply(tmp_path):
    (tmp_path / "one.txt").write_text("a report")
    (tmp_path / "many.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')  # no final newline
    count = count_inputs([str(tmp_path), str(FIXTURE)])
    assert (count.files, count.articles, count.complete) == (3, 5, True)


# -- the run, in this process and with workers --------------------------------------------

def test_ingest_counts_files_and_reports_errors_as_they_happen(gazetteer, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "idlib.txt").write_text(FIXTURE.read_text())
    (folder / "empty.txt").write_text("")
    (folder / "two.jsonl").write_text('{"id": "x", "text": "Police arrested 12 protesters in Mosul on Monday."}\n'
                                      "not json\n")
    heard, calls = [], []
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    summary = ingest([str(folder)], store=store, extractor=open_extractor(), published=dt.date(2018, 2, 6),
                     progress=lambda done, total, label: calls.append((done, label)), on_error=heard.append)
    assert (summary.files, summary.articles_read, summary.failed) == (3, 2, 2)
    assert heard == summary.errors and len(heard) == 2
    assert [done for done, _ in calls] == [1, 2, 3, 4]
    assert calls[-1][1].startswith("3") and f"{summary.incidents_stored} incidents stored" in calls[-1][1]
    store.dispose()


def test_stop_ends_the_run_between_two_articles(gazetteer, tmp_path):
    reports = tmp_path / "corpus.jsonl"
    write_corpus(reports, 1)
    stop = threading.Event()
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")

    def progress(done, total, label):
        if done == 5:
            stop.set()

    summary = ingest([str(reports)], store=store, extractor=open_extractor(), progress=progress, stop=stop)
    assert summary.interrupted and summary.articles_read == 5
    assert store.count_articles() == 5 and store.count_incidents() == summary.incidents_stored
    store.dispose()


def test_workers_give_the_same_store_as_one_process_and_stop_cleanly(gazetteer, tmp_path):
    reports = tmp_path / "corpus.jsonl"
    articles = write_corpus(reports, 2)
    one = Store(f"sqlite:///{tmp_path / 'one.sqlite'}")
    alone = ingest([str(reports)], store=one, extractor=open_extractor())
    assert (alone.articles_read, alone.failed) == (articles, 0)

    two = Store(f"sqlite:///{tmp_path / 'two.sqlite'}")
    stop = threading.Event()
    stopped = ingest([str(reports)], store=two, workers=2, stop=stop,
                     progress=lambda done, total, label: stop.set() if done >= 10 else None)
    assert stopped.interrupted and 10 <= stopped.articles_read < articles
    # Every article a worker took was finished and counted: none is half there, none lost from the count.
    assert two.count_articles() == stopped.articles_read
    assert all(store_contents(one)[h] == found for h, found in store_contents(two).items())

    finished = ingest([str(reports)], store=two, workers=2)
    assert not finished.interrupted and finished.skipped == stopped.articles_read
    assert finished.incidents_stored + stopped.incidents_stored == alone.incidents_stored
    assert store_contents(two) == store_contents(one)
    one.dispose(), two.dispose()


# -- the command, interrupted for real ----------------------------------------------------

def check_interrupted(process, db: Path, clean: dict, articles: int, *, counted: bool = True) -> int:
    """Exit status 130, the summary says interrupted, no traceback, every stored article whole
    (and, when `counted`, the summary counts exactly what is stored)."""
    out, err = process.communicate(timeout=300)
    assert process.returncode == 130, err
    assert out.strip().endswith(", interrupted") and "interrupted: " in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    stored = contents(db)
    assert all(clean[h] == found for h, found in stored.items())
    assert len(stored) < articles
    summary = out.strip().splitlines()[-1]
    if not counted:
        return len(stored)
    assert int(summary.split(" articles read")[0]) == len(stored)
    assert int(summary.split(" incidents stored")[0].split(", ")[-1]) == sum(len(i) for _, i in stored.values())
    return len(stored)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_after_the_current_article_and_a_rerun_completes(corpus, clean, tmp_path, workers):
    path, articles = corpus
    db = tmp_path / "store.sqlite"
    process = start_ingest(path, db, "--workers", workers)
    wait_for_articles(process, db, 30)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the whole process group
    stored = check_interrupted(process, db, clean, articles)
    assert stored >= 30

    rerun = run_ingest(path, db, "--workers", workers)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} skipped (already stored), 0 failed" in rerun.stdout
    assert contents(db) == clean


def test_a_second_ctrl_c_abandons_the_current_article(corpus, clean, tmp_path):
    path, articles = corpus
    db = tmp_path / "store.sqlite"
    process = start_ingest(path, db)
    wait_for_articles(process, db, 20)
    os.kill(process.pid, signal.SIGINT)
    os.kill(process.pid, signal.SIGINT)
    # The abandoned article may have been counted as read: only the store is checked exactly.
    check_interrupted(process, db, clean, articles, counted=False)
    assert run_ingest(path, db).returncode == 0
    assert contents(db) == clean


def test_workers_option_is_checked(tmp_path):
    result = run_ingest(FIXTURE, tmp_path / "store.sqlite", "--workers", "0")
    assert result.returncode == 2 and "--workers: '0' is not a number of processes" in result.stderr

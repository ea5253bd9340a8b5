"""Ingest with several processes on one machine: this one reads, workers extract and store.

Extraction is CPU-bound and single-threaded, so it is shared out to worker
processes ('spawn' context: nothing inherited but what is passed). Each worker
opens its own extractor and its own store connection, and writes each article in
one transaction keyed on its content hash, exactly as a single process does, so
workers need no coordination and a re-run (or another worker, on this machine or
another) never stores an article twice. The parent streams the inputs into a
small bounded queue, adds up the workers' outcomes, and reports progress.

Ctrl-C reaches the whole process group; workers ignore it and the parent decides:
on `stop`, workers finish the article in hand and exit; on KeyboardInterrupt (a
second Ctrl-C), they are terminated, and an article's unfinished transaction
is rolled back by the database.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import signal
import threading
from typing import Callable, Iterator

from incidents.articles import Article
from incidents.errors import InputError

POLL = 0.1  # seconds between looks at the queues and the processes (no busy waiting)


def run_workers(items: Iterator[Article | InputError], summary, *, store_url: str, published: dt.date | None,
                workers: int, stop: threading.Event | None, report: Callable[[], None],
                on_error: Callable[[str], None]) -> None:
    """Feed `items` to `workers` processes, adding their outcomes into `summary`."""
    context = multiprocessing.get_context("spawn")
    tasks = context.Queue(maxsize=workers * 4)
    results = context.Queue()
    quit_now = context.Event()
    processes = [context.Process(target=_work, args=(tasks, results, quit_now, store_url, published),
                                 name=f"ingest-worker-{n}", daemon=True) for n in range(1, workers + 1)]
    _start_ignoring_sigint(processes)
    pool = _Pool(processes, tasks, results, summary, report, on_error)
    try:
        for item in items:
            if stop is not None and stop.is_set():
                summary.interrupted = True
                break
            if isinstance(item, InputError):
                summary.failed += 1
                summary.failed_inputs += 1
                summary.errors.append(str(item))
                on_error(str(item))
                report()
                continue
            if not pool.put(item, stop):
                break  # stopped, or every worker has died (pool.finish() then says so)
        if summary.interrupted or (stop is not None and stop.is_set()):
            summary.interrupted = True
            quit_now.set()
        pool.finish(stopping=lambda: stop is not None and stop.is_set(), quit_now=quit_now)
    except KeyboardInterrupt:
        summary.interrupted = True
        quit_now.set()
        pool.abandon()
    if stop is not None and stop.is_set():
        summary.interrupted = True


def _start_ignoring_sigint(processes) -> None:
    """Start the workers with SIGINT ignored (a spawned interpreter keeps an ignored SIGINT
    ignored), so a Ctrl-C in the terminal never raises in the middle of a worker's article."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        for process in processes:
            process.start()
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)


class _Pool:
    """The parent's side: hand out articles, collect outcomes, notice dead workers."""

    def __init__(self, processes, tasks, results, summary, report, on_error) -> None:
        self.processes, self.tasks, self.results = processes, tasks, results
        self.summary, self.report, self.on_error = summary, report, on_error
        self.sent = self.received = 0

    def put(self, article: Article, stop: threading.Event | None) -> bool:
        """Queue one article (waiting while the queue is full); False when the run is
        stopped meanwhile or no worker is left."""
        while True:
            self.collect()
            if stop is not None and stop.is_set():
                return False
            try:
                self.tasks.put(article, timeout=POLL)
                self.sent += 1
                return True
            except queue.Full:
                if not any(p.is_alive() for p in self.processes):
                    return False

    def collect(self, timeout: float = 0.0) -> None:
        """Add up every outcome the workers have sent so far."""
        while True:
            try:
                part = self.results.get(timeout=timeout) if timeout else self.results.get_nowait()
            except queue.Empty:
                return
            timeout = 0.0
            if isinstance(part, str):  # a worker could not start
                self.summary.errors.append(part)
                self.on_error(part)
                continue
            self.received += 1
            self.summary.add(part)
            for message in part.errors:
                self.on_error(message)
            self.report()

    def finish(self, *, stopping: Callable[[], bool], quit_now) -> None:
        """Tell the workers there is no more (or to quit after their article), and wait for them."""
        if not quit_now.is_set():
            for _ in self.processes:
                self._put_end()
        while any(p.is_alive() for p in self.processes):
            if stopping() and not quit_now.is_set():
                quit_now.set()  # Ctrl-C while the last articles were being worked on
            self.collect(timeout=POLL)
        self.collect()
        self._close()
        lost = self.sent - self.received
        if lost and not quit_now.is_set():
            codes = sorted({p.exitcode for p in self.processes if p.exitcode})
            message = (f"{lost} articles were not processed: the worker processes ended early"
                       + (f" (exit code {', '.join(map(str, codes))})" if codes else "")
                       + "; run the same command again to finish")
            self.summary.failed += lost
            self.summary.errors.append(message)
            self.on_error(message)

    def _put_end(self) -> None:
        while True:
            try:
                self.tasks.put(None, timeout=POLL)
                return
            except queue.Full:
                self.collect()
                if not any(p.is_alive() for p in self.processes):
                    return

    def abandon(self) -> None:
        """A second Ctrl-C: stop the workers now; the database rolls back what they had begun."""
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(timeout=10)
        self.collect()
        self._close()

    def _close(self) -> None:
        # Articles still queued are not delivered: do not wait for them at exit.
        self.tasks.cancel_join_thread()
        self.tasks.close()


def _work(tasks, results, quit_now, store_url: str, published: dt.date | None) -> None:
    """A worker: its own extractor and store connection; one article, one transaction."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from incidents.ingest import IngestSummary, _ingest_one, open_extractor
    from incidents.store import Store

    parent = multiprocessing.parent_process()
    try:
        store = Store(store_url)
        extractor = open_extractor()
    except Exception as err:  # the others carry on; if none can start, the parent says what was not done
        results.put(f"a worker process could not start: {err}")
        return
    try:
        while not quit_now.is_set():
            try:
                article = tasks.get(timeout=POLL)
            except queue.Empty:
                if parent is not None and not parent.is_alive():
                    results.cancel_join_thread()  # nobody will read what is left
                    return
                continue
            if article is None:
                return
            part = IngestSummary(articles_read=1)
            try:
                _ingest_one(article, store, extractor, published, part)
            except Exception as err:  # a bug must not end the run silently: report it with the article
                part.failed += 1
                part.errors.append(f"{article.origin}: unexpected error ({type(err).__name__}: {err})")
            results.put(part)
    finally:
        store.dispose()

"""Turning one input record into one outcome: kept, dropped or error.

This is the unit of work the engines map over records. Outcomes are small and
picklable (the clean text and the report dict, not the Document).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cleaner.document import Document, Metadata
from cleaner.io.records import BadRecord, Record
from cleaner.pipeline import Pipeline

KEPT, DROPPED, ERROR = "kept", "dropped", "error"


@dataclass(slots=True)
class Outcome:
    status: str  # kept | dropped | error
    source: str
    line: int | None
    id: str | None
    text: str | None = None
    report: dict[str, Any] | None = None
    fields: dict[str, Any] | None = None
    error: str | None = None
    raw: str | None = None
    input_chars: int = 0
    pos: int | None = None  # the record's end offset in its input file (progress)
    # set by prepare() in a worker process, which then drops report and fields:
    # the output lines already encoded (sink key -> JSON line), the statistics'
    # digest (cleaner.stats.digest) and the verdict's reason codes
    encoded: dict[tuple, str] | None = None
    digest: tuple | None = None
    drop_codes: tuple[str, ...] | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def reason_codes(self) -> list[str]:
        """The codes of the verdict's reasons (a dropped record's)."""
        if self.drop_codes is not None:
            return list(self.drop_codes)
        return [r["code"] for r in (self.report or {}).get("verdict", {}).get("reasons", [])]

    def stats_digest(self) -> tuple | None:
        """What cleaner.stats counts of this outcome (None for an error)."""
        from cleaner.stats import digest

        if self.status == ERROR:
            return None
        return self.digest if self.digest is not None else digest(self.report, self.text)


@dataclass(frozen=True, slots=True)
class Wire:
    """How the records' output lines are encoded, so that a worker process can
    encode them and send text instead of report dicts (the parent then only writes
    lines: it keeps up with many more workers). Only for runs whose every record
    sink is JSONL; ``cleaner.io.writers`` has the encoders the sinks use too."""

    text_field: str = "text"
    report_field: str = "cleaner"
    with_report: bool = True
    report_out: bool = False


def prepare(out: Outcome, wire: Wire | None) -> Outcome:
    """Encode ``out``'s output lines and statistics for ``wire`` and drop what the
    parent no longer needs (the report and the input fields); errors stay whole."""
    if wire is None or out.status == ERROR:
        return out
    from cleaner.io.writers import record_key, record_line, report_key, report_line
    from cleaner.stats import digest

    try:
        enc = {record_key(wire.text_field, wire.report_field, wire.with_report):
               record_line(out, wire.text_field, wire.report_field, wire.with_report)}
        if wire.report_out:
            enc[report_key(wire.report_field)] = report_line(out, wire.report_field)
        d = digest(out.report, out.text)
        codes = tuple(out.reason_codes())
    except Exception:  # noqa: BLE001 - sent whole, the parent encodes it (and reports what fails there)
        return out
    out.encoded, out.digest, out.drop_codes = enc, d, codes
    out.report = None
    out.fields = None
    return out


class RecordTimeout(BaseException):
    """A record took longer than the per-record time limit. A BaseException (like
    KeyboardInterrupt), so that no ``except Exception`` in a filter swallows it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`RecordTimeout` in this thread after ``seconds`` (a no-op when
    ``seconds`` is falsy). In the main thread on POSIX a timer signal interrupts
    the work; in other threads (Dask workers run tasks in threads) a watchdog
    thread raises the exception asynchronously in this one, which Python delivers
    at the next bytecode: one long C call (a regular-expression search, an lxml
    parse) finishes before the record is stopped."""
    if not seconds:
        yield
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds):
            yield
        return

    def _raise(signum, frame):
        if _in_import(frame):  # (an import cut short breaks its module for the whole process)
            signal.setitimer(signal.ITIMER_REAL, _IMPORT_RETRY)
            return
        raise RecordTimeout(_timeout_message(seconds))

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_IMPORT_RETRY = 0.05  # s: a limit that falls inside an import fires this long after it, again


def _in_import(frame) -> bool:
    """Whether ``frame`` (or a caller of it) is inside an import: a time limit must
    not fire there (an extension module whose initialisation is cut short cannot be
    loaded again in that process: "ImportError: cannot load module more than once
    per process", for every later record)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _timeout_message(seconds: float) -> str:
    return f"TIMEOUT: the record took longer than {seconds:g} s (--time-limit; the run goes on)"


class _Watchdog:
    """One daemon thread per process that raises :class:`RecordTimeout` in the
    threads whose deadline has passed (starting a timer thread per record would
    cost more than the check itself)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.deadlines: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self.fired: set[int] = set()
        self.next_token = 0
        self.pid = -1  # the thread is started lazily, once per process

    def arm(self, seconds: float) -> int:
        with self.cond:
            if self.pid != os.getpid():
                self.pid = os.getpid()
                self.deadlines.clear()
                self.fired.clear()
                threading.Thread(target=self._run, name="cleaner-time-limit", daemon=True).start()
            self.next_token += 1
            self.deadlines[self.next_token] = (time.monotonic() + seconds, threading.get_ident())
            self.cond.notify()
            return self.next_token

    def disarm(self, token: int) -> bool:
        """Stop watching ``token``; whether its deadline had fired."""
        with self.cond:
            self.deadlines.pop(token, None)
            if token in self.fired:
                self.fired.discard(token)
                return True
            return False

    def _run(self) -> None:
        import ctypes

        with self.cond:
            while True:
                now = time.monotonic()
                frames = None
                for token, (deadline, tid) in list(self.deadlines.items()):
                    if deadline <= now:
                        if frames is None:
                            frames = sys._current_frames()
                        if _in_import(frames.get(tid)):  # never inside an import: try again shortly
                            self.deadlines[token] = (now + _IMPORT_RETRY, tid)
                            continue
                        del self.deadlines[token]
                        self.fired.add(token)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid),
                                                                   ctypes.py_object(RecordTimeout))
                wait = min((d for d, _ in self.deadlines.values()), default=now + 3600) - now
                self.cond.wait(max(wait, 0.001))


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # a forked child gets a fresh lock and starts its own thread
    os.register_at_fork(after_in_child=_WATCHDOG.__init__)


@contextmanager
def _thread_time_limit(seconds: float):
    token = _WATCHDOG.arm(seconds)
    try:
        yield
    except RecordTimeout as exc:
        fired = _WATCHDOG.disarm(token)
        if fired and not exc.args:
            raise RecordTimeout(_timeout_message(seconds)) from None
        raise
    finally:
        _WATCHDOG.disarm(token)


WARM_UP = ("Warm-up\n\nThe council met on Tuesday and decided that the new bridge will be built next year. "
           "Der Rat hat am Dienstag beschlossen, dass die neue Brücke im nächsten Jahr gebaut wird.\n"
           "Please enter your comment!\nPhoto: Reuters\n")


def warm_up(pipeline: Pipeline, extractor: str = "justext", seconds: float | None = None) -> None:
    """Clean one small document with ``pipeline`` (within ``seconds``, the
    per-record limit): what a process's first record loads (models, data files,
    extension modules, about half a second) is then loaded before any record's
    clock runs. Worker processes do it at start."""
    process(pipeline, Record("<warm-up>", None, "<warm-up>", WARM_UP), extractor, seconds)


def process(pipeline: Pipeline, item: Record | BadRecord, extractor: str = "justext",
            seconds: float | None = None) -> Outcome:
    """Clean one record; never raises for a bad record, a failing filter or a
    record over the time limit (``seconds``)."""
    if isinstance(item, BadRecord):
        return Outcome(ERROR, item.source, item.line, item.id, error=item.error, raw=item.raw, pos=item.pos)
    try:
        with time_limit(seconds):
            out = _process(pipeline, item, extractor)
    except RecordTimeout as exc:
        out = Outcome(ERROR, item.source, item.line, item.id, error=str(exc) or _timeout_message(seconds or 0),
                      raw=_raw(item), input_chars=len(item.text))
    out.pos = item.pos
    return out


def _process(pipeline: Pipeline, item: Record, extractor: str) -> Outcome:
    try:
        if item.format == "html":
            from cleaner.extract import extract_document

            doc = extract_document(item.text, extractor=extractor, id=item.id, url=item.url,
                                   lang=item.lang, source=item.source)
        else:
            doc = Document(item.text, Metadata(id=item.id, source=item.source, url=item.url, lang=item.lang))
        result = pipeline(doc)
        report = result.report.to_dict()
    except RecordTimeout:
        raise
    except Exception as exc:  # noqa: BLE001 - one record must not take the run down
        return Outcome(ERROR, item.source, item.line, item.id,
                       error=f"{type(exc).__name__}: {exc}",
                       raw=_raw(item), input_chars=len(item.text),
                       report={"traceback": traceback.format_exc(limit=8)})
    status = KEPT if report["verdict"]["keep"] else DROPPED
    return Outcome(status, item.source, item.line, item.id, text=result.text, report=report,
                   fields=item.fields, input_chars=len(item.text))


def lost(item: Record | BadRecord, why: str) -> Outcome:
    """The error outcome of a record whose work was lost outside the pipeline (its
    worker process died, its Dask task failed), with its raw form for the error file."""
    raw = item.raw if isinstance(item, BadRecord) else _raw(item)
    return Outcome(ERROR, item.source, item.line, item.id, error=why, raw=raw,
                   input_chars=0 if isinstance(item, BadRecord) else len(item.text), pos=item.pos)


def _raw(item: Record) -> str:
    if item.fields is not None:
        from cleaner.io.records import json_line

        return json_line(item.fields)
    return item.text[:10000]

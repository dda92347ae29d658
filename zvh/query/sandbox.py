"""Worker processes for untrusted work: an OS memory limit nothing inside can pass, and a kill on time.

DuckDB's own memory limit does not cover list values or the conversion of a result, and its interrupt acts
only between batches: a query in the app's own process grew it to many GB and ran for a minute (#19). A
worker holds at most `memory_budget` bytes of data (RLIMIT_DATA: heap and anonymous memory, what a query
allocates; not the address space DuckDB reserves for its threads), is killed when its answer is late, and
is replaced by a fresh one at the next request; the process that asks only ever sees the answer.
"""

import collections
import math
import multiprocessing
import os
import resource
import shutil
import sys
import threading
import time
import types
from collections.abc import Callable
from multiprocessing.connection import Connection

from zvh.store.db import SPILL_ROOT

START_SECONDS = 60.0  # a cold start imports duckdb and polars; slow on a busy machine, never a query's fault
_SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter: forking a threaded server is unsafe


class TimedOut(Exception):
    """The answer did not come in time; the worker was killed."""


class Died(Exception):
    """The worker ended without answering: it met its memory limit (or crashed)."""


class Busy(Exception):
    """Every worker stayed busy for as long as the caller would wait."""


class NotStarted(Exception):
    """The worker died while starting, or hung: the request was not run."""


class Starting(Exception):
    """The worker was still starting when the request's time was up: the request was not run."""


def _main(handle: Callable, memory_budget: int, conn: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (memory_budget, memory_budget))
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return  # the process that asked is gone
        answer = handle(request)
        # Memory a large answer left behind would shrink the next one's budget: make way for a fresh worker.
        retiring = _data_in_use() > memory_budget // 2
        conn.send((answer, retiring))
        if retiring:
            return


def _data_in_use() -> int:
    """What the data limit counts now (bytes)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmData:"))


_STARTING = threading.Lock()


def _start_without_main(process) -> None:
    """Start `process` without running the script in it. Streamlit installs the app's script as `__main__`
    (with its `__file__`), and a spawned child runs `__main__` again: every worker would run app.py, which opens
    the database with the app's configuration, so the worker's own connection is refused (DuckDB allows one
    configuration per file and process). A child of a `__main__` without a file imports nothing of it."""
    with _STARTING:
        script = sys.modules["__main__"]
        stand_in = sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            if sys.modules["__main__"] is stand_in:  # unless a script run installed its own meanwhile
                sys.modules["__main__"] = script


class _Worker:
    """A worker process; it is started at once and is ready when it has imported what it needs."""

    def __init__(self, handle: Callable, memory_budget: int):
        # Arrow's own allocator reserves 1 GB when it is imported (DuckDB hands results to polars through
        # Arrow), which the data limit counts; the system allocator takes only what is used. A spawned
        # worker imports Arrow afresh with the environment it inherits.
        os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
        self.conn, theirs = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_main, args=(handle, memory_budget, theirs), daemon=True)
        _start_without_main(self.process)
        theirs.close()
        self.ready = self.retired = False
        self.started = time.monotonic()

    def wait_until_ready(self, seconds: float) -> bool:
        """Whether it is ready within `seconds` (False: still starting); NotStarted when it died or hung starting."""
        if not self.ready and self.conn.poll(seconds):
            try:
                self.ready = self.conn.recv() == "ready"
            except (EOFError, OSError):  # a broken install, or no memory to start in
                pass
            if not self.ready:
                self.stop()
                raise NotStarted
        if not self.ready and time.monotonic() - self.started > START_SECONDS:
            self.stop()
            raise NotStarted
        return self.ready

    def ask(self, request, seconds: float):
        try:
            self.conn.send(request)
            answered = self.conn.poll(seconds)
        except OSError as error:  # it died since its last answer
            self.stop()
            raise Died from error
        if not answered:
            self.stop()
            raise TimedOut
        try:
            answer, self.retired = self.conn.recv()
        except (EOFError, OSError) as error:
            self.stop()
            raise Died from error
        if self.retired:
            self.stop()
        return answer

    def is_usable(self) -> bool:
        return not self.retired and self.process.is_alive()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()
        # A killed DuckDB leaves its spill behind (zvh.store.db.spill_folder names it by pid).
        shutil.rmtree(SPILL_ROOT / str(self.process.pid), ignore_errors=True)


class Pool:
    """`size` workers, each answering one request at a time with `handle(request)` (a module-level function).

    The seconds a request is given count from the moment it is asked: waiting for a free worker and for one to
    start are part of it. A worker that is killed or retires is replaced at once, so the next request finds
    one that has (nearly) started.
    """

    def __init__(self, handle: Callable, *, size: int, memory_budget: int):
        self._handle, self._budget = handle, memory_budget
        self._idle = _Idle([None] * size)  # None: started at first use

    def ask(self, request, seconds: float):
        """The answer of a worker to `request`, given within `seconds`."""
        if not 0 < seconds < math.inf:
            raise ValueError(f"seconds must be positive and finite, not {seconds}")
        deadline = time.monotonic() + seconds
        worker = self._idle.take(seconds)
        try:
            if worker is None or not worker.is_usable():
                worker = _Worker(self._handle, self._budget)
            if not worker.wait_until_ready(max(deadline - time.monotonic(), 0)):
                raise Starting  # it goes on starting, for the next request
            answer = worker.ask(request, max(deadline - time.monotonic(), 0))
        except Starting:
            self._idle.give(worker, warm=False)
            raise
        except NotStarted:
            self._idle.give(None, warm=False)  # the next request tries again, and says so if it cannot
            raise
        except (TimedOut, Died):
            self._idle.give(_Worker(self._handle, self._budget), warm=False)
            raise
        except BaseException:
            self._idle.give(worker)
            raise
        if worker.retired:
            self._idle.give(_Worker(self._handle, self._budget), warm=False)
        else:
            self._idle.give(worker)
        return answer


class _Idle:
    """The workers not in use: the last one used (warm) is taken first, one still starting last."""

    def __init__(self, workers: list):
        self._workers = collections.deque(workers)
        self._changed = threading.Condition()

    def take(self, seconds: float):
        with self._changed:
            if not self._changed.wait_for(lambda: self._workers, timeout=seconds):
                raise Busy
            return self._workers.pop()

    def give(self, worker, *, warm: bool = True) -> None:
        with self._changed:
            if warm:
                self._workers.append(worker)
            else:
                self._workers.appendleft(worker)
            self._changed.notify()

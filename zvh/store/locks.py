"""One writer at a time, across threads and processes: an advisory lock on a file beside what is written;
and whether a process that left files behind is still running."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(path: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on `path` (a folder, or a lock file created when missing) until the block ends.

    flock locks belong to an open file, not to a process: two threads that each open `path` exclude each
    other as two processes do. With `wait=False` a lock held elsewhere raises BlockingIOError at once.
    """
    flags = os.O_RDONLY if path.is_dir() else os.O_RDWR | os.O_CREAT
    fd = os.open(path, flags, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)  # releases the lock


def alive(pid: int) -> bool:
    """Is process `pid` (on this host) still running?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True

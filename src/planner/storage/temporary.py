"""The temporary file a full write builds a book in, and what a killed write leaves behind.

A full write (Save As, a copy, a recovery copy) builds the book in a hidden file beside its
target, ``.book.planner.<pid>-<host>.saving``, and renames it into place. The name says which
process writes it, so that what a killed write left (almost a whole copy of the book) can be
removed later without ever touching a file another process is still writing.
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

from planner.storage.processes import process_alive

SIDECARS = ("-journal", "-wal", "-shm")  # what SQLite may keep beside a database file
LEGACY_STALE_SECONDS = 3600  # earlier Planners wrote ``.book.planner.saving``, naming no owner


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "_", socket.gethostname())[:64]


def temporary_for(path: Path) -> Path:
    """Where this process builds a whole new ``path`` before renaming it into place."""
    return path.with_name(f".{path.name}.{os.getpid()}-{_host()}.saving")


def with_sidecars(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)]


def remove_stale_saves(path: Path) -> None:
    """Remove the temporary files of full writes to ``path`` whose process has died on this
    machine (a write killed before its rename). Files of live processes and of other machines
    are left alone; a file that cannot be removed is left too (this is only tidying)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d{{1,9}})-([A-Za-z0-9_-]*)\.)?saving(?:-journal|-wal|-shm)?")
    try:
        candidates = list(path.parent.glob(f".{_glob_escaped(path.name)}.*saving*"))
    except OSError:
        return
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if match is None or not _stale(candidate, match):
            continue
        try:
            candidate.unlink(missing_ok=True)
        except OSError:
            pass


def _stale(candidate: Path, match: re.Match) -> bool:
    pid, host = match.groups()
    if pid is None:  # an older Planner's fixed name: no save runs for an hour
        try:
            return time.time() - candidate.stat().st_mtime > LEGACY_STALE_SECONDS
        except OSError:
            return False
    return host == _host() and int(pid) != os.getpid() and not process_alive(int(pid))


def _glob_escaped(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)

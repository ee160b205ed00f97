"""Recovery copies of unsaved edits, so that a crash loses at most a minute of work.

While a window has unsaved changes, the app writes a whole copy of its book here about once
a minute (:meth:`Recovery.write`), and removes it after a clean save or close
(:meth:`Recovery.discard`). After a crash, the next start finds the copies whose session is
no longer running (:meth:`Recovery.pending`) and offers to bring them back
(:meth:`Recovery.restore`).

The copies live in a per-user folder, never beside or inside the user's book: the book
itself is only ever written by an explicit save, so an autosave can neither overwrite
someone else's newer rows in a shared book nor leave half-made edits the user never chose
to keep. Each copy is two files named after the window's session id::

    <session>.planner   the whole book (written like Save As: a new file renamed into place)
    <session>.json      what the window showed: source, title, revision, when, pid, host

Both are replaced atomically, so a crash while writing leaves the previous copy whole.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.core.book import Book, Tables
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.storage import BOOK_SUFFIX
from planner.storage.processes import process_alive
from planner.storage.temporary import remove_stale_saves, with_sidecars

# The store (and SQLAlchemy) is imported when a copy is written or restored: finding the copies
# left by a crash, at every start, needs neither.

SIDECAR_SUFFIX = ".json"
_SESSION = re.compile(r"[A-Za-z0-9_-]{1,64}")
ORPHAN_GRACE_SECONDS = 60  # a copy younger than this may just be waiting for its sidecar


@dataclass(frozen=True)
class RecoveryEntry:
    """A recovery copy left by a session that is no longer running.

    ``broken`` copies (sidecar unreadable, book file missing) cannot be restored; the app
    should discard them.
    """

    session: str
    path: Path
    source: str | None
    title: str
    revision: int
    written: datetime
    broken: bool = False
    base: int | None = None  # the store revision of ``source`` the edits lie on (None: unknown)


class Recovery:
    """The recovery copies in one folder (the app passes a per-user data folder).

    Parameters
    ----------
    folder : Path
        Where the copies live; created on the first :meth:`write`.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def book_path(self, session: str) -> Path:
        """The book file of ``session``'s recovery copy."""
        return self.folder / f"{_checked(session)}{BOOK_SUFFIX}"

    def sidecar_path(self, session: str) -> Path:
        """The JSON sidecar describing ``session``'s recovery copy."""
        return self.folder / f"{_checked(session)}{SIDECAR_SUFFIX}"

    def write(self, session: str, snapshot: Tables, source: str | os.PathLike | None, title: str,
              base: int | None = None) -> Path:
        """Write (or replace) the recovery copy of ``session``.

        Parameters
        ----------
        session : str
            The window's session id (letters, digits, ``_`` and ``-``; a uuid hex string).
        snapshot : Snapshot or Book
            The book as it stands; a live book is snapshotted first.
        source : str, path or None
            The book file or database URL the window edits, None for an unsaved book. A
            URL's password is never stored.
        title : str
            What the window shows as the book's name.
        base : int, optional
            The store revision of ``source`` the edits were made on (what a save of the
            restored edits over ``source`` checks).

        Returns
        -------
        Path
            The copy's book file.

        Raises
        ------
        PlannerError
            When the folder or the copy cannot be written.
        """
        if isinstance(snapshot, Book):
            snapshot = snapshot.snapshot()
        path, sidecar = self.book_path(session), self.sidecar_path(session)
        from planner.storage.dialects import without_password

        info = {"source": without_password(source), "title": str(title), "revision": int(snapshot.revision),
                "base": base, "written": datetime.now().astimezone().isoformat(timespec="seconds"),
                "pid": os.getpid(), "host": socket.gethostname()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _save_error(self.folder, error) from None
        from planner.storage.store import write_book

        # the book first, so a sidecar always has its copy; a copy is never held by a session
        write_book(snapshot, path, replace_held=True)
        temporary = sidecar.with_name(f".{sidecar.name}.tmp")
        try:
            temporary.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(temporary, sidecar)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise _save_error(sidecar, error) from None
        return path

    def discard(self, session: str) -> None:
        """Remove ``session``'s recovery copy (after a clean save or close); missing files are fine.

        Parameters
        ----------
        session : str
            The session id given to :meth:`write` (or an entry's ``session``).
        """
        path, sidecar = self.book_path(session), self.sidecar_path(session)
        remove_stale_saves(path)  # what an interrupted write_book left
        for file in [sidecar, *with_sidecars(path), sidecar.with_name(f".{sidecar.name}.tmp")]:
            try:
                file.unlink(missing_ok=True)
            except OSError:
                pass  # cleaning up must never stop a save or a close

    def pending(self) -> list[RecoveryEntry]:
        """The recovery copies of sessions that are no longer running, newest first.

        A session is gone when its process no longer exists on this machine, or when it ran
        on another machine (the folder is per user, so its copy is this user's too). Copies
        that cannot be restored (unreadable sidecar, missing book file, a book file left
        without its sidecar) come back with ``broken=True``, for the app to discard.

        Returns
        -------
        list of RecoveryEntry
        """
        if not self.folder.is_dir():
            return []
        entries, described = [], set()
        for sidecar in self.folder.glob(f"*{SIDECAR_SUFFIX}"):
            session = sidecar.name[:-len(SIDECAR_SUFFIX)]
            if not _SESSION.fullmatch(session):
                continue
            described.add(session)
            entry = self._entry(session, sidecar)
            if entry is not None:
                entries.append(entry)
        for path in self.folder.glob(f"*{BOOK_SUFFIX}"):
            session = path.name[:-len(BOOK_SUFFIX)]
            if _SESSION.fullmatch(session) and session not in described:
                written = _modified(path)
                if written is not None and time.time() - written.timestamp() > ORPHAN_GRACE_SECONDS:
                    entries.append(RecoveryEntry(session, path, None, "", 0, written, broken=True))
        return sorted(entries, key=lambda entry: entry.written, reverse=True)

    def restore(self, entry: RecoveryEntry) -> Book:
        """The book of a recovery copy.

        The caller shows it as an unsaved book: the user must save it somewhere (its
        ``entry.source`` is where it came from), since the copy is removed on discard.

        Parameters
        ----------
        entry : RecoveryEntry
            One of :meth:`pending`'s entries.

        Returns
        -------
        Book

        Raises
        ------
        PlannerError
            When the copy is missing or damaged (one clear line, from :func:`open_book`).
        """
        from planner.storage.store import open_book

        return open_book(entry.path)

    def _entry(self, session: str, sidecar: Path) -> RecoveryEntry | None:
        """The entry for one sidecar, or None while its session still runs."""
        path = self.book_path(session)
        try:
            info = json.loads(sidecar.read_text(encoding="utf-8"))
            if not isinstance(info, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            return self._broken(session, path, sidecar)
        if _running(info):
            return None  # even if its copy looks incomplete: that session may be writing it now
        try:
            source, title, revision = info["source"], info["title"], info["revision"]
            written = datetime.fromisoformat(info["written"]).astimezone()
            if not (source is None or isinstance(source, str)) or not isinstance(title, str) \
                    or not isinstance(revision, int):
                raise ValueError("wrong field types")
        except (KeyError, TypeError, ValueError):
            return self._broken(session, path, sidecar)
        base = info.get("base")
        base = base if isinstance(base, int) and not isinstance(base, bool) else None
        return RecoveryEntry(session, path, source, title, revision, written, broken=not path.is_file(), base=base)

    def _broken(self, session: str, path: Path, sidecar: Path) -> RecoveryEntry:
        written = _modified(sidecar) or datetime.fromtimestamp(0).astimezone()
        return RecoveryEntry(session, path, None, "", 0, written, broken=True)


def _checked(session: str) -> str:
    """``session``, refused unless it is a plain file name (it names the copy's files)."""
    if not isinstance(session, str) or not _SESSION.fullmatch(session):
        raise ValueError(f"not a session id: {session!r}")
    return session


def same_place(target: str | os.PathLike, source: str) -> bool:
    """Whether ``target`` is the place a recovery copy's ``source`` names (a file, also by
    another spelling; an address, whatever its password)."""
    from planner.storage import dialects
    from planner.storage.dialects import without_password
    from planner.storage.files import same_file

    target = os.fspath(target)
    if dialects.is_url(target) or dialects.is_url(source):
        return without_password(target) == source
    return same_file(Path(target), Path(source)) or Path(target).resolve() == Path(source).resolve()


def _running(info: dict) -> bool:
    """Whether the session that wrote ``info`` still runs on this machine."""
    if info.get("host") != socket.gethostname():
        return False
    pid = info.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    return process_alive(pid)


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None


def _save_error(path: Path, error: OSError) -> PlannerError:
    return PlannerError(QT_TRANSLATE_NOOP("errors", "Could not save {path}: {reason}"),
                        path=str(path), reason=os_reason(error))

"""Crash safety of saves: a save killed at any moment (SIGKILL) leaves the old book or the new one
(and the change log that goes with it).

A child process saves book B over a file holding book A (a change-set save of edits that turn A
into B, or a full write of B) or to a path that does not exist yet, and is killed with SIGKILL
after a delay; the delays are spread evenly over the whole measured duration of a save and a
little beyond. Afterwards the file must open and hold exactly A or exactly B.

The child comes from a forkserver that has the heavy modules preloaded, loads B before it reports
ready, and starts saving only when told to, so a delay is time into the save itself.
Run with ``pytest -s`` to see the outcome counts.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import random
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL (POSIX only)")

AS_OF = date(2026, 6, 30)
DEALS_A, SEED_A = 1000, 11
DEALS_B, SEED_B = 1100, 22  # different seed and size: every table differs from A's
KILLS_EXISTING = 60
KILLS_NEW = 20
SPREAD = 1.2  # kill delays run from 0 to SPREAD x the measured save duration
CALIBRATION_RUNS = 3
MIN_EACH = 4  # the kills must have hit both sides of the commit at least this often
PRELOAD = ["pandas", "sqlalchemy", "planner.storage", "planner.core.demo", "pytest"]
READY_TIMEOUT = 60.0


# -- the child -------------------------------------------------------------------------------
def _child_save(book_file: str, target: str, ready, go) -> None:
    """Load book B, say so, wait for the word, then write it whole to ``target`` (runs in the child)."""
    from planner.storage import save_book

    with open(book_file, "rb") as handle:
        book = pickle.load(handle)
    ready.set()
    if go.wait(READY_TIMEOUT):
        save_book(book, target)


def edit_a_into_b(book) -> None:
    """The same edits every time (so every run makes the same B): changed, deleted and new rows."""
    deals = book["Deals"]
    changed = deals.iloc[::3]
    book.set_values("Deals", changed[["amount"]].assign(amount=changed["amount"] + 1))
    book.delete_rows("Deals", deals.index[1::17])  # with their stage history and splits
    book.insert_rows("Deals", deals.iloc[:400].assign(id=[f"N-{n}" for n in range(400)]), at=10)
    history = book["StageHistory"]
    book.set_values("StageHistory", history.iloc[::2][["entered"]])


def _child_change_set(_book_file: str, target: str, ready, go) -> None:
    """Open ``target`` (a copy of A) for editing, turn it into B, then save the change set."""
    from planner.session import Session

    session = Session.open(target)
    edit_a_into_b(session.book)
    saving = session.saving()  # the changes taken: only the write is left
    ready.set()
    if go.wait(READY_TIMEOUT):
        saving.work()


@dataclass
class Run:
    delay: float | None  # None: not killed, the save ran to its end
    exitcode: int
    elapsed: float  # seconds from "go" to the child's end (or to the kill)


def _run_child(ctx, book_file: Path, target: Path, delay: float | None, child=_child_save) -> Run:
    ready, go = ctx.Event(), ctx.Event()
    process = ctx.Process(target=child, args=(str(book_file), str(target), ready, go), daemon=True)
    process.start()
    try:
        assert ready.wait(READY_TIMEOUT), f"the child never got ready (exit code {process.exitcode})"
        go.set()
        start = time.perf_counter()
        # the deliberate kill delay; returns early if the child finishes first
        process.join(READY_TIMEOUT if delay is None else delay)
        elapsed = time.perf_counter() - start
    finally:
        process.kill()  # SIGKILL; harmless if the child has already exited
        process.join()
    return Run(delay, process.exitcode, elapsed)


# -- books -----------------------------------------------------------------------------------
def fingerprint(book) -> str:
    """A hash over every table: names, columns, dtypes, row ids, positions and every value."""
    from planner.core import schema

    digest = hashlib.sha256()
    for name in sorted(schema.TABLES):
        frame = book[name]
        digest.update(f"\0{name}\0{list(frame.columns)!r}\0{[str(t) for t in frame.dtypes]!r}\0".encode())
        digest.update(frame.to_csv().encode())
        digest.update(book.positions(name).tobytes())
    return digest.hexdigest()


def logged(path: Path) -> list:
    """The book's change log (revision, table, row, kind): a save's lines commit with its rows."""
    from planner.storage import Store

    store = Store.open(path)
    try:
        return store.change_log()[["revision", "table_name", "row_id", "kind"]].astype(str).values.tolist()
    finally:
        store.close()


@dataclass
class Books:
    ctx: multiprocessing.context.BaseContext
    master_a: Path  # A, saved once, never touched again
    pickle_b: Path
    print_a: str  # fingerprints of A and B as open_book returns them
    print_b: str


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Books:
    from planner.core.demo import demo_book
    from planner.storage import open_book, save_book

    directory = tmp_path_factory.mktemp("books")
    book_a = demo_book(as_of=AS_OF, deals=DEALS_A, seed=SEED_A)
    book_b = demo_book(as_of=AS_OF, deals=DEALS_B, seed=SEED_B)
    assert fingerprint(book_a) != fingerprint(book_b)

    master_a = directory / "master-a.planner"
    save_book(book_a, master_a)
    assert sorted(p.name for p in directory.iterdir()) == ["master-a.planner"]  # no journal, no leftovers
    clean_b = directory / "clean-b.planner"
    save_book(book_b, clean_b)
    print_a, print_b = fingerprint(open_book(master_a)), fingerprint(open_book(clean_b))
    assert print_a != print_b

    pickle_b = directory / "b.pickle"
    pickle_b.write_bytes(pickle.dumps(book_b, protocol=pickle.HIGHEST_PROTOCOL))

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)  # takes effect when the forkserver starts (first child)
    return Books(ctx, master_a, pickle_b, print_a, print_b)


def _calibrate(books: Books, prepare, target: Path, child=_child_save, expected: str | None = None) -> tuple:
    """Durations of uninterrupted saves of B to ``target`` (each prepared first), checked, and
    the fingerprint they all produced."""
    from planner.storage import open_book

    durations, expected = [], expected or books.print_b
    for n in range(CALIBRATION_RUNS):
        prepare()
        run = _run_child(books.ctx, books.pickle_b, target, None, child)
        assert run.exitcode == 0, f"an uninterrupted save failed (exit code {run.exitcode})"
        expected = expected if expected != "first" else fingerprint(open_book(target))
        assert fingerprint(open_book(target)) == expected
        durations.append(run.elapsed)
    return durations, expected


def _delays(duration: float, count: int, seed: int) -> list[float]:
    """``count`` delays evenly spaced from 0 to SPREAD x ``duration``, in a seeded random order
    (so that a burst of load on the machine does not hit only one end of the range)."""
    delays = [SPREAD * duration * i / (count - 1) for i in range(count)]
    random.Random(seed).shuffle(delays)
    return delays


def _sidecars(target: Path) -> list[Path]:
    return [target.with_name(target.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _keep(broken: Path, directory: Path) -> str:
    """Copy a bad outcome (with any journal) aside for the owner to inspect; returns where."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in [broken, *_sidecars(broken)]:
        if path.exists():
            shutil.copy2(path, directory / path.name)
    return str(directory)


# -- the tests -------------------------------------------------------------------------------
def _copied_alone(path: Path, folder: Path) -> Path:
    """``path`` copied without its WAL, as a backup, a synced folder or a mail attachment takes it."""
    folder.mkdir()
    return Path(shutil.copyfile(path, folder / path.name))


def _saving_files(target: Path) -> list[str]:
    """The temporary files of full writes to ``target`` found beside it."""
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")
                  and ".saving" in p.name)


@pytest.mark.parametrize("how", ["change set", "full write"])
def test_killed_save_over_a_book_leaves_the_old_book_or_the_new_one(books, tmp_path, how):
    """...and once a save has returned, the book file alone (without its WAL) is the new book;
    what a killed full write left beside it is removed when the book is next opened."""
    from planner.storage import Store, open_book

    started = time.perf_counter()
    target = tmp_path / "book.planner"
    child = _child_change_set if how == "change set" else _child_save

    def prepare() -> None:
        for path in [target, *_sidecars(target)]:
            path.unlink(missing_ok=True)  # never let a stale journal meet a fresh copy of A
        shutil.copyfile(books.master_a, target)

    durations, print_b = _calibrate(books, prepare, target, child, "first" if how == "change set" else None)
    assert print_b != books.print_a
    logs = {"A": logged(books.master_a), "B": logged(target)}  # what the log holds beside each book
    assert how == "full write" or len(logs["B"]) > len(logs["A"])
    duration = max(durations)  # the slowest, so that the delays surely reach past the end of a save
    outcomes: dict[str, list[Run]] = {"A": [], "B": []}
    failures, journals = [], 0
    alone = {"A": 0, "B": 0, "torn": 0}  # what the book file alone held after a save that committed
    for i, delay in enumerate(_delays(duration, KILLS_EXISTING, seed=20260630)):
        prepare()
        # another program has the book open (a sync client, a backup): the save's own close is
        # then not the last one, which would copy the WAL into the file by itself
        reader = sqlite3.connect(target)
        try:
            reader.execute("SELECT count(*) FROM planner_meta").fetchall()
            run = _run_child(books.ctx, books.pickle_b, target, delay, child)
            had_journal = any(path.exists() for path in _sidecars(target)[:2])
            copy = _copied_alone(target, tmp_path / f"alone-{i}")
        finally:
            reader.close()
        journals += had_journal
        try:
            opened = fingerprint(open_book(target))
        except Exception as error:  # noqa: BLE001 - any failure to open is the finding
            failures.append(f"kill {i}: delay {delay:.3f}s ({delay / duration:.0%} of a save), exit code "
                            f"{run.exitcode}, journal {had_journal}: open_book raised {error!r}; "
                            f"kept in {_keep(target, tmp_path / f'broken-{i}')}")
            continue
        outcome = "A" if opened == books.print_a else "B" if opened == print_b else None
        if outcome is None:
            failures.append(f"kill {i}: delay {delay:.3f}s ({delay / duration:.0%} of a save), exit code "
                            f"{run.exitcode}, journal {had_journal}: the file holds neither A nor B; "
                            f"kept in {_keep(target, tmp_path / f'broken-{i}')}")
        elif outcome == "A" and run.exitcode == 0:
            failures.append(f"kill {i}: delay {delay:.3f}s: the save finished (exit code 0) but the file holds A")
        else:
            outcomes[outcome].append(run)
        if outcome is not None and logged(target) != logs[outcome]:
            failures.append(f"kill {i}: delay {delay:.3f}s: the file holds {outcome}, its change log does not")
        if outcome == "B":
            try:
                held = {books.print_a: "A", print_b: "B"}.get(fingerprint(open_book(copy)), "torn")
            except Exception:  # noqa: BLE001 - killed while the WAL was being copied in
                held = "torn"
            alone[held] += 1
            if run.exitcode == 0 and held != "B":
                failures.append(f"kill {i}: the save returned, but the book file alone (without its WAL) "
                                f"holds {held}, not the saved book")
        if outcome is not None:  # opening the book for editing clears what a killed full write left
            Store.open(target, "edit").close()
            left = _saving_files(target)
            if left:
                failures.append(f"kill {i}: {left} still beside the book after it was opened")

    killed = {side: sum(r.exitcode < 0 for r in runs) for side, runs in outcomes.items()}
    last_a = max((r.delay for r in outcomes["A"]), default=0.0)
    first_b = min((r.delay for r in outcomes["B"]), default=float("nan"))
    print(f"\n[crash-safe {how} over a book] saves took {', '.join(f'{d:.3f}' for d in durations)}s; "
          f"{KILLS_EXISTING} kills at 0..{SPREAD * duration:.3f}s: old book A {len(outcomes['A'])} "
          f"(killed {killed['A']}), new book B {len(outcomes['B'])} (killed {killed['B']}, the rest had "
          f"finished); a journal or WAL was left by {journals} kill(s); the file alone held B after "
          f"{alone['B']} of the {len(outcomes['B'])} saves that committed (A {alone['A']}, torn "
          f"{alone['torn']}); failures {len(failures)}; "
          f"latest A at {last_a:.3f}s, earliest B at {first_b:.3f}s; "
          f"test took {time.perf_counter() - started:.1f}s")
    assert not failures, "save_book is not crash safe:\n" + "\n".join(failures)
    assert killed["A"] >= MIN_EACH, f"too few kills landed before the commit: {killed['A']}"
    assert len(outcomes["B"]) >= MIN_EACH, f"too few delays reached past the commit: {len(outcomes['B'])}"


def test_killed_save_to_a_new_path_leaves_nothing_or_the_new_book(books, tmp_path, book):
    """...and the temporary file a killed save left goes at the next open or save there."""
    from planner.storage import Store, open_book, save_book

    started = time.perf_counter()
    calibration = tmp_path / "calibration" / "book.planner"
    calibration.parent.mkdir()
    durations, _ = _calibrate(books, lambda: calibration.unlink(missing_ok=True), calibration)
    # the median: one slow calibration run on a busy machine would put most kills after the end
    duration = sorted(durations)[len(durations) // 2]

    outcomes: dict[str, list[Run]] = {"absent": [], "B": []}
    failures, leftovers = [], 0
    for i, delay in enumerate(_delays(duration, KILLS_NEW, seed=30062026)):
        directory = tmp_path / f"kill-{i:02d}"
        directory.mkdir()
        target = directory / "book.planner"
        run = _run_child(books.ctx, books.pickle_b, target, delay)
        others = sorted(p.name for p in directory.iterdir() if p != target)
        strays = [name for name in others if not (name.startswith(f".{target.name}.") and ".saving" in name)]
        leftovers += bool(others)
        where = f"kill {i}: delay {delay:.3f}s ({delay / duration:.0%} of a save), exit code {run.exitcode}"
        if strays:
            failures.append(f"{where}: unexpected files beside the target: {strays}")
        if not target.exists():
            if run.exitcode == 0:
                failures.append(f"{where}: the save finished but left no file")
            outcomes["absent"].append(run)
            save_book(book, target)  # the next save there clears what the killed one left
        else:
            try:
                opened = fingerprint(open_book(target))
            except Exception as error:  # noqa: BLE001 - any failure to open is the finding
                failures.append(f"{where}: open_book raised {error!r}; kept in "
                                f"{_keep(target, tmp_path / f'broken-{i}')}")
                continue
            if opened != books.print_b:
                kept = _keep(target, tmp_path / f"broken-{i}")
                failures.append(f"{where}: the new file is not exactly B; kept in {kept}")
                continue
            outcomes["B"].append(run)
            Store.open(target, "edit").close()  # opening it for editing clears what was left
        if _saving_files(target):
            failures.append(f"{where}: {_saving_files(target)} still beside the book")

    print(f"\n[crash-safe save to a new path] saves took {', '.join(f'{d:.3f}' for d in durations)}s; "
          f"{KILLS_NEW} kills at 0..{SPREAD * duration:.3f}s: no file {len(outcomes['absent'])}, "
          f"new book B {len(outcomes['B'])}; temporary .saving leftovers after {leftovers} kill(s); "
          f"failures {len(failures)}; test took {time.perf_counter() - started:.1f}s")
    assert not failures, "save_book to a new path is not crash safe:\n" + "\n".join(failures)
    assert sum(r.exitcode < 0 for r in outcomes["absent"]) >= MIN_EACH, "too few kills landed mid-save"

"""A database user who may only read the book (SELECT, nothing else): the app opens the book
read-only and says why, as it does a book on a read-only disk; a command that writes says it
could not write, not that it could not read (a review: "Could not read …: permission denied")."""

import uuid

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from fixtures import planner
from planner.storage import ReadOnlyLocation, Store, open_book, save_book
from planner.storage.recovery import Recovery
from planner.views.main_window import MainWindow


@pytest.fixture
def viewer_url(pg_url, postgres_server, book):
    """The address of a book in a database that its user may only read."""
    save_book(book, pg_url)
    viewer, database = f"viewer_{uuid.uuid4().hex[:8]}", pg_url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_server.conninfo(database), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(viewer)))
        admin.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(sql.Identifier(viewer)))
    yield pg_url.replace("://postgres@", f"://{viewer}@")
    with psycopg.connect(postgres_server.conninfo(database), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(viewer)))
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(viewer)))


def test_a_read_only_user_reads_the_book_and_opening_it_to_edit_says_it_cannot_be_written(viewer_url, book):
    assert len(open_book(viewer_url)["Deals"]) == len(book["Deals"])
    with pytest.raises(ReadOnlyLocation) as raised:
        Store.open(viewer_url, "edit")
    text = str(raised.value)
    assert "cannot be written by this database user" in text and "permission denied" in text, text
    assert "Could not read" not in text


@pytest.mark.parametrize("command", [["close", "--period", "2026-01", "--yes"],
                                     ["quotas", "--year", "2027", "--target", "100", "--apply", "--yes"],
                                     ["forecast", "snapshot"]])
def test_a_write_command_of_a_read_only_user_says_it_could_not_write(viewer_url, command):
    result = planner(command[0], *command[1:2] if command[0] == "forecast" else (), viewer_url,
                     *command[2 if command[0] == "forecast" else 1:], check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("planner: error: ") and "cannot be written by this database user" in line \
        and "permission denied" in line and "Could not read" not in line, result.stderr


def test_the_app_opens_the_book_of_a_read_only_user_read_only_and_says_why(qtbot, tmp_path, viewer_url,
                                                                         monkeypatch):
    failures = []  # a refusal would be a modal box: recorded instead ("Could not read …: permission denied")
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: failures.append(text))
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                        Recovery(tmp_path / "recovery"))
    qtbot.addWidget(window)
    window.show()
    window.open_path(viewer_url)
    qtbot.waitUntil(lambda: bool(failures) or (window.session is not None and window.report is not None), timeout=60_000)
    assert not failures, failures
    assert window.session is not None and window.read_only and window.store.mode == "read"
    assert window.windowTitle().endswith("(read-only)[*] — Planner"), window.windowTitle()
    message = window.statusBar().currentMessage()
    assert message.startswith("Opened read-only: ") and "cannot be written by this database user" in message, message
    window.jobs.wait()

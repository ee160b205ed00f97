"""How the command line names a book in a PostgreSQL database: never with the address's
password, with the database name as the user typed it, and never an address that names no
database (it would write into the server's maintenance database)."""

import pytest

from conftest import DEMO_AS_OF
from fixtures import planner
from planner.core.errors import PlannerError
from planner.storage import dialects

SECRET = "s3cr3tPW"
DEALS_CSV = ("id,name,account,owner,stage,amount,created,closed\n"
             "D-00001,Changed name,Kumho Digital,S02,Closed Won,9999,2025-01-02,2025-02-17\n"
             "D-99999,Brand new,New Co,S01,Prospecting,1234,2026-12-01,\n")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-addresses") / "demo.planner"
    planner("demo", "--out", path, "--as-of", DEMO_AS_OF)
    return path


def test_no_command_prints_the_password_of_a_database_address(demo_file, tmp_path, pg_url):
    """Every command that names its book, on success, on a refusal and on an error (a review
    found close, quotas, backtest, forecast, import --into and statement printing it)."""
    address = pg_url.replace("://postgres@", f"://postgres:{SECRET}@")
    assert address != pg_url
    deals = tmp_path / "deals.csv"
    deals.write_text(DEALS_CSV, encoding="utf-8")
    commands = [
        ["copy", demo_file, address],
        ["report", address],
        ["close", address, "--period", "2026-Q1", "--dry-run"],
        ["close", address, "--period", "2026-Q1"],  # not confirmed: refused, naming the book
        ["close", address, "--period", "2026-Q1", "--yes"],
        ["close", address, "--period", "2026-Q1", "--reopen", "--dry-run"],
        ["close", address, "--period", "2026-Q1", "--reopen", "--yes"],
        ["quotas", address, "--year", "2027", "--target", "100", "--apply"],
        ["quotas", address, "--year", "2027", "--target", "100", "--apply", "--yes"],
        ["backtest", address, "--from", "2026-Q1", "--to", "2026-Q1", "--apply"],
        ["backtest", address, "--from", "2026-Q1", "--to", "2026-Q1", "--apply", "--yes"],
        ["backtest", address, "--from", "2026-Q1", "--to", "2026-Q1", "--apply", "--yes"],  # nothing to change
        ["forecast", "snapshot", address],
        ["import", deals, "--into", address, "--dry-run"],
        ["import", deals, "--into", address],
        ["import", deals, "--into", address, "--yes"],
        ["statement", address, "--rep", "S99", "--period", "2026-Q2"],
        ["export", address, "--out", tmp_path / "book.xlsx", "--period", "2026-Q1"],
        ["copy", address, tmp_path / "back.planner"],
    ]
    named = 0
    for command in commands:
        result = planner(*command, check=False)
        printed = result.stdout + result.stderr
        assert "Traceback" not in printed, printed
        assert SECRET not in printed, (command, printed)
        named += "postgres:***@" in printed
    assert named >= len(commands) - 3  # the commands do name the book (masked), not nothing


@pytest.mark.parametrize("address, kept", [
    ("postgresql://postgres:p@ssQ:w/rdZ@db.example.com/sales", "db.example.com/sales"),
    ("postgresql://postgres:aQ:b@cZ@db.example.com:5432/sales", "db.example.com:5432/sales"),
    ("postgresql://postgres:pwQ/xZ@db.example.com/sales", "db.example.com/sales"),
])
def test_a_password_with_at_colon_or_slash_is_hidden_whole(address, kept):
    """No part of a password typed unescaped is ever shown (it was hidden only up to its first
    ``@``: ``***@ss:w/rd@…``); one with an ``@`` is refused, saying how to write it."""
    if address.count("@") > 1:
        with pytest.raises(PlannerError) as raised:
            dialects.url_of(address)
        text = str(raised.value)
        assert "%40" in text, text
    else:
        text = dialects.shown(address)
    assert f"postgresql://postgres:***@{kept}" in text, text
    assert "Q" not in text and "Z" not in text, text  # no part of the password


def test_a_password_in_the_query_is_hidden_too():
    shown = dialects.shown(dialects.url_of("postgresql://ana@db/sales?password=s3cr3tPW&sslmode=require"))
    assert SECRET not in shown and "sslmode=require" in shown, shown


@pytest.mark.parametrize("address", ["postgresql://postgres@127.0.0.1:{port}", "postgresql://postgres@127.0.0.1:{port}/"])
def test_an_address_without_a_database_name_is_refused(demo_file, postgres_server, address):
    """It wrote the book into the server's ``postgres`` maintenance database."""
    import psycopg

    address = address.format(port=postgres_server.port)
    result = planner("copy", demo_file, address, check=False)
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert result.stderr == (f"planner: error: {address} names no database: write "
                             f"postgresql://user@host/database\n"), result.stderr
    with psycopg.connect(postgres_server.conninfo(), autocommit=True) as admin:
        assert admin.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)


@pytest.mark.parametrize("command", [
    ["report", "{address}"], ["demo", "--out", "{address}"], ["close", "{address}", "--period", "2026-Q1"],
    ["quotas", "{address}", "--year", "2027", "--target", "1"], ["forecast", "snapshot", "{address}"], ["copy", "{address}", "{here}/x.planner"],
    ["import", "{here}/deals.csv", "--into", "{address}"], ["statement", "{address}", "--rep", "S01", "--period", "2026-Q1"],
])
def test_every_command_refuses_an_address_without_a_database_before_connecting(command, tmp_path):
    """Port 1 has no server: the refusal comes before any connection is tried."""
    address = "postgresql://ana:s3cr3tPW@127.0.0.1:1"
    (tmp_path / "deals.csv").write_text(DEALS_CSV, encoding="utf-8")
    result = planner(*(part.format(address=address, here=tmp_path) for part in command), check=False)
    assert result.returncode == 1 and result.stderr == (
        "planner: error: postgresql://ana:***@127.0.0.1:1 names no database: write "
        "postgresql://user@host/database\n"), result.stderr


@pytest.mark.parametrize("typed", ["팀 book", "%ED%8C%80%20book"])
def test_a_database_name_is_shown_as_typed_not_percent_encoded(demo_file, postgres_server, typed):
    """It printed ``…/%ED%8C%80 book``."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(postgres_server.conninfo(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier("팀 book")))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier("팀 book")))
    address = f"postgresql://postgres@127.0.0.1:{postgres_server.port}/{typed}"
    out = planner("copy", demo_file, address).stdout
    assert out.startswith(f"copied {demo_file} to postgresql://postgres@127.0.0.1:{postgres_server.port}/팀 book ("), out
    assert dialects.shown(f"postgresql://ana:pw@db/{typed}?sslmode=require") == \
        "postgresql://ana:***@db/팀 book?sslmode=require"

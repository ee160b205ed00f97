"""The throwaway PostgreSQL fixtures of tests/postgres.py work: a usable, private database per test."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


def test_pg_url_is_a_working_database(pg_url):
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (id integer PRIMARY KEY, name text)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1, 'första')"))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT id, name FROM t")).all() == [(1, "första")]
    finally:
        engine.dispose()


_seen_urls: set[str] = set()


@pytest.mark.parametrize("run", [1, 2])
def test_each_pg_url_is_a_new_empty_database(pg_url, postgres_server, run):
    # Each run gets a URL never handed out before, and the same CREATE TABLE succeeds in both:
    # nothing carries over from another test's database.
    assert pg_url not in _seen_urls and pg_url != postgres_server.url("postgres")
    _seen_urls.add(pg_url)
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []
            conn.execute(sa.text("CREATE TABLE t (id integer)"))
    finally:
        engine.dispose()

"""Book formats: the migrations ladder (one step per format, each in its own transaction), older
books read as they are, and the storage modules free of import circles.

A book of an older format is made from a current one, as that format had it: without the tables
later formats added, and with its version in the metadata. (Format 1, tables without row ids,
is a file of Planner 0.1: see test_storage.py.)
"""

import ast
import json
import os
import re
import socket
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from planner.core.errors import PlannerError
from planner.core.report import compute_report
from planner.storage import SCHEMA_VERSION, Store, migrations, open_book, write_book
from planner.storage.layout import CHANGE_LOG_NAME, tables_of
from planner.storage.rows import write_all
from fixtures import rebuilt
from stores import editing, engine_of, save, target  # noqa: F401 - target is a fixture

STORAGE = Path(__file__).parents[1] / "src" / "planner" / "storage"


def book_of_format(book, target, version: int) -> None:
    """Write ``book`` to ``target`` as a Planner of format ``version`` would have: its layout
    (before format 5, a rep's and a quota's team as text), without the tables later formats added."""
    write_book(book, target)
    engine = engine_of(target)
    with engine.begin() as connection:
        for name in sa.inspect(connection).get_table_names():
            connection.execute(sa.text(f'DROP TABLE "{name}"'))
        write_all(connection, book.snapshot(), revision=1, version=version)
    engine.dispose()


def looked_at(target) -> tuple[str, set[str], str | None]:
    """The book's format, its tables and its holder record, read behind Planner's back."""
    engine = engine_of(target)
    with engine.connect() as connection:
        meta = dict(connection.execute(sa.text("SELECT key, value FROM planner_meta")).all())
        tables = set(sa.inspect(connection).get_table_names())
    engine.dispose()
    return meta["schema_version"], tables, meta.get("holder")


def test_the_ladder_has_one_step_per_format_in_order():
    assert [to for to, _ in migrations.STEPS] == list(range(2, SCHEMA_VERSION + 1))


def test_a_book_of_format_2_reads_as_it_is_and_climbs_every_step_when_opened_for_editing(book, target):
    book_of_format(book, target, 2)
    reader = Store.open(target)
    try:
        old = reader.load()
        assert reader.change_log().empty  # no log before format 4
    finally:
        reader.close()
    assert len(old["Leads"]) == 0 and len(old["Deals"]) == len(book["Deals"])
    version, tables, _ = looked_at(target)
    assert version == "2" and "Leads" not in tables and CHANGE_LOG_NAME not in tables  # reading wrote nothing

    store, live = editing(target)
    try:
        live.insert_rows("LeadRules", pd.DataFrame({"signal": ["demo booked"], "points": [25]}))
        revision = save(store, live)
        log = store.change_log()
    finally:
        store.close()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) and {"Leads", "LeadRules", CHANGE_LOG_NAME} <= tables
    assert log[["revision", "table_name", "kind"]].values.tolist() == [[revision, "LeadRules", "insert"]]
    assert open_book(target)["LeadRules"]["signal"].tolist() == ["demo booked"]


def test_a_failed_step_leaves_the_book_whole_at_the_last_format_it_reached(book, target, monkeypatch):
    book_of_format(book, target, 2)
    last_to, last_step = migrations.STEPS[-1]

    def interrupted(connection, name):
        last_step(connection, name)  # done, then the disk fills up before the step commits
        raise sa.exc.OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS[:-1], (last_to, interrupted)])
    with pytest.raises(PlannerError, match=r"^Could not bring .* up to this Planner's book format: database or "
                                           r"disk is full$"):
        Store.open(target, "edit")
    version, tables, holder = looked_at(target)
    assert version == str(last_to - 1)  # the steps before it were kept
    assert tables == {table.name for table in tables_of(last_to - 1)} and holder is None  # its own work was not
    assert len(open_book(target)["Deals"]) == len(book["Deals"])

    monkeypatch.undo()  # the next open climbs on from there
    Store.open(target, "edit").close()
    assert looked_at(target)[0] == str(SCHEMA_VERSION)


def test_a_book_of_format_4_gets_its_teams_as_rows_and_the_same_figures(book, target):
    """Format 5: teams are rows. A format-4 book (a rep's and a quota's team as text) reads as it
    is, its Teams implied; opened for editing it gets a Teams row per team its reps name, in
    order, the reps and quotas pointing at them, rows keeping their versions."""
    def busan(frames):
        frames["Quotas"] = pd.concat([frames["Quotas"], pd.DataFrame({"team": ["Busan"], "period": ["2026-Q2"],
                                                                      "amount": [10]})], ignore_index=True)

    book = rebuilt(book, busan)
    assert [p.fields["value"] for p in book.problems()] == ["Busan"]  # no rep is in Busan: a problem
    book_of_format(book, target, 4)
    engine = engine_of(target)
    with engine.connect() as connection:  # what format 4 stored: names
        stored = connection.execute(sa.text('SELECT team FROM "Quotas" WHERE team IS NOT NULL')).scalars().all()
    engine.dispose()
    assert stored == ["Seoul", "Busan"]
    before = compute_report(open_book(target)).to_json()
    old = open_book(target)
    assert old["Teams"]["name"].tolist() == ["Seoul", "Tokyo"] and "Teams" not in looked_at(target)[1]

    store, live = editing(target)
    store.close()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) and "Teams" in tables
    migrated = open_book(target)
    teams = migrated["Teams"]
    assert teams["name"].tolist() == ["Seoul", "Tokyo"]
    assert migrated["Reps"]["team"].map(teams["name"]).tolist() == ["Seoul", "Tokyo", "Seoul"]
    quotas = migrated.keyed("Quotas")
    assert quotas["team"].dropna().tolist() == ["Seoul"] and migrated.unresolved("Quotas", "team") == {
        int(migrated["Quotas"].index[-1]): "Busan"}
    assert [(p.table, p.column, p.fields["value"]) for p in migrated.problems()] == [("Quotas", "team", "Busan")]
    assert compute_report(migrated).to_json() == before
    assert migrated.versions["Reps"].tolist() == old.versions["Reps"].tolist()
    assert min(teams.index) >= max(int(frame.index.max()) for name, frame in migrated._frames.items()
                                   if name != "Teams" and len(frame))  # new ids, above every id in use


def test_a_book_of_format_6_gets_the_plan_rules_when_opened_for_editing(book, target):
    """Format 7: the PlanMultipliers and Spiffs tables, and columns added to existing tables
    (Plans ``clawback_days``, PlanBonuses ``percent_of_base``, by ALTER TABLE). A format-6 book reads as it is (the column and
    tables empty, nothing written); opened for editing it climbs, its rows and figures kept."""
    book_of_format(book, target, 6)
    before = compute_report(open_book(target)).to_json()
    old = open_book(target)
    assert old["Plans"]["clawback_days"].isna().all() and len(old["Plans"]) == len(book["Plans"]) > 0
    assert old["PlanBonuses"]["percent_of_base"].isna().all() and len(old["PlanBonuses"]) == len(book["PlanBonuses"])
    assert len(old["PlanMultipliers"]) == len(old["Spiffs"]) == 0
    engine = engine_of(target)
    with engine.connect() as connection:
        columns = {column["name"] for column in sa.inspect(connection).get_columns("Plans")}
    engine.dispose()
    version, tables, _ = looked_at(target)
    assert version == "6" and "clawback_days" not in columns and not {"PlanMultipliers", "Spiffs"} & tables

    store, live = editing(target)
    try:
        plan = int(live["Plans"].index[0])
        live.set_value("Plans", plan, "clawback_days", 90)
        live.insert_rows("PlanMultipliers", pd.DataFrame({"plan": [plan], "deal_type": ["renewal"],
                                                          "multiplier": [500_000]}))
        save(store, live)
    finally:
        store.close()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) and {"PlanMultipliers", "Spiffs"} <= tables
    migrated = open_book(target)
    assert migrated["Plans"].at[plan, "clawback_days"] == 90
    assert migrated["PlanBonuses"]["percent_of_base"].isna().all()  # the added column, empty in every row
    assert migrated["PlanMultipliers"][["plan", "deal_type", "multiplier"]].values.tolist() == [[plan, "renewal", 500_000]]
    assert migrated.versions["Deals"].tolist() == old.versions["Deals"].tolist()
    assert migrated["Deals"].equals(old["Deals"]) and migrated["Reps"].equals(old["Reps"])
    assert compute_report(migrated).to_json() == before  # the fixture has no renewals


def test_a_book_held_by_another_planner_is_not_migrated_under_it(book, tmp_path):
    path = tmp_path / "book.planner"
    book_of_format(book, path, 3)
    engine = engine_of(path)
    with engine.begin() as connection:  # a live Planner of format 3 edits it (this process stands in)
        holder = {"token": "t", "host": socket.gethostname(), "pid": os.getpid(), "since": "2026-01-01T10:42:00"}
        connection.execute(sa.text("INSERT INTO planner_meta VALUES ('holder', :h)"), {"h": json.dumps(holder)})
    engine.dispose()
    with pytest.raises(PlannerError, match=r"is open in another Planner \(.+@.+\) since 2026-01-01 10:42"):
        Store.open(path, "edit")
    assert looked_at(path)[0] == "3"


def imports_of(path: Path) -> set[str]:
    """The planner.storage modules ``path`` imports, at its top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("planner.storage"):
            names = [node.module] if node.module != "planner.storage" else \
                [f"planner.storage.{alias.name}" for alias in node.names]
            found.update(name.rsplit(".", 1)[-1] for name in names)
        elif isinstance(node, ast.Import):
            found.update(a.name.rsplit(".", 1)[-1] for a in node.names if a.name.startswith("planner.storage."))
    return found


def test_the_storage_modules_import_each_other_without_a_circle():
    graph = {path.stem: imports_of(path) & {p.stem for p in STORAGE.glob("*.py")}
             for path in STORAGE.glob("*.py") if path.stem != "__init__"}
    done, path = set(), []

    def visit(module):
        if module in path:
            raise AssertionError("import circle: " + " -> ".join([*path[path.index(module):], module]))
        if module in done or module == "__init__":
            return
        path.append(module)
        for imported in sorted(graph.get(module, ())):
            visit(imported)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert "store" not in graph["legacy"] and "legacy" in graph["migrations"]


def test_a_book_of_format_6_opens_and_climbs_to_format_7_with_plan_draws_and_assignments(book, target):
    """Format 7 adds PlanDraws and PlanAssignments: a format-6 book reads as it is (both empty,
    the same figures) and, opened for editing, gets both tables and takes a draw."""
    book_of_format(book, target, 6)
    version, tables, _ = looked_at(target)
    assert version == "6" and not {"PlanDraws", "PlanAssignments"} & tables
    old = open_book(target)
    assert len(old["PlanDraws"]) == 0 and len(old["PlanAssignments"]) == 0
    before = compute_report(old).to_json()

    store, live = editing(target)
    try:
        plan = int(live["Plans"].index[0])
        live.insert_rows("PlanDraws", pd.DataFrame({"plan": [plan], "amount": [100_000], "recoverable": ["yes"]}))
        save(store, live)
    finally:
        store.close()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) and {"PlanDraws", "PlanAssignments"} <= tables
    migrated = open_book(target)
    assert migrated.keyed("PlanDraws")[["plan", "amount", "recoverable"]].values.tolist() == [["RETRO", 100_000, "yes"]]
    assert "draw_balance" not in before["commissions"][0]  # a book without draws reports as before


def test_a_book_of_format_7_opens_and_climbs_to_format_8_recording_amount_changes(book, target):
    """Format 8 adds AmountHistory: a format-7 book reads as it is (no amount history, the same
    figures) and, opened for editing, gets the table, and an amount edit is recorded in it."""
    book_of_format(book, target, 7)
    version, tables, _ = looked_at(target)
    assert version == "7" and "AmountHistory" not in tables
    old = open_book(target)
    assert len(old["AmountHistory"]) == 0
    before = compute_report(old).to_json()

    store, live = editing(target)
    try:
        deal = int(live["Deals"].index[0])
        amount, currency = int(live["Deals"].at[deal, "amount"]), live["Deals"].at[deal, "currency"]
        live.set_value("Deals", deal, "amount", amount + 100)
        save(store, live)
    finally:
        store.close()
    version, tables, _ = looked_at(target)
    assert version == str(SCHEMA_VERSION) == "8" and "AmountHistory" in tables
    migrated = open_book(target)
    rows = migrated["AmountHistory"]
    assert rows[["deal_id", "before"]].values.tolist() == [[deal, amount]]
    assert str(rows["currency"].iloc[0]) == str(currency)  # the deal's currency then (<NA> too)
    assert rows["changed"].iloc[0].date() == migrated.as_of  # recorded on the book's day
    assert compute_report(old).to_json() == before


def test_the_readme_names_the_book_format_and_every_step_of_the_ladder():
    """The README said format 6 and stopped at 5 → 6 while books were at 8."""
    from planner.storage.layout import SCHEMA_VERSION
    from planner.storage.migrations import STEPS

    text = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    formats = text[text.index("**Formats.**"):]
    assert f"schema version ({SCHEMA_VERSION})" in formats
    assert re.findall(r"(\d+) → (\d+) \(", formats) == [(str(to - 1), str(to)) for to, _step in STEPS]

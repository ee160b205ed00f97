"""`planner report --json` byte for byte on the demo book and on the Maven CRM data, as stored
in tests/data/golden: a reshaping of the engine (issue 15) must not move a figure. A change
that means to move one regenerates the files (`python tests/test_golden_report.py`) and says
why in its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures import planner  # noqa: E402

GOLDEN = Path(__file__).parent / "data" / "golden"
MAVEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "maven-crm"
CASES = {
    "demo-2026-Q2.json": ("demo", ["--period", "2026-Q2"]),
    "demo-2026.json": ("demo", ["--period", "2026"]),
    "maven-2017.json": ("maven", ["--as-of", "2017-12-31", "--period", "2017"]),
    "maven-2017-Q4.json": ("maven", ["--as-of", "2017-12-31"]),
}


def make_book(kind: str, folder: Path) -> Path:
    book = folder / f"{kind}.planner"
    if not book.exists():
        if kind == "demo":
            planner("demo", "--out", book, "--as-of", "2026-06-30")
        else:
            planner("import", MAVEN / "sales_pipeline.csv", MAVEN / "sales_teams.csv", "--out", book)
    return book


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return tmp_path_factory.mktemp("golden")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_report_is_byte_identical_to_the_golden_file(books, name):
    kind, args = CASES[name]
    if kind == "maven" and not MAVEN.is_dir():
        pytest.skip("../shared/data is not beside the project")
    printed = planner("report", make_book(kind, books), "--json", *args).stdout
    assert printed == (GOLDEN / name).read_text(encoding="utf-8")


if __name__ == "__main__":  # regenerate the golden files
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for name, (kind, args) in sorted(CASES.items()):
            text = planner("report", make_book(kind, Path(folder)), "--json", *args).stdout
            (GOLDEN / name).write_text(text, encoding="utf-8")
            print("wrote", GOLDEN / name)

"""Keep the Korean and Japanese translations in step with the source.

    python tools/translations.py update    # refresh resources/translations/*.ts from src/ (lupdate)
    python tools/translations.py release   # compile the .ts files to the .qm files the app loads

Translate in Qt Linguist (``pyside6-linguist resources/translations/planner_ko.ts``) or by
editing the .ts XML; tests/test_translations.py fails while a message is unfinished or a
.qm file is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "planner"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("ko", "ja")


def tool(name: str) -> str:
    """Path of a Qt tool shipped with PySide6 (pyside6-lupdate, pyside6-lrelease)."""
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def python_sources() -> list[str]:
    return sorted(str(path) for path in SOURCES.rglob("*.py"))


def update(ts_files: list[Path]) -> None:
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *python_sources(),
                    "-ts", *map(str, ts_files)], check=True, capture_output=True)


def release(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def main(command: str) -> None:
    ts_files = [FOLDER / f"planner_{lang}.ts" for lang in LANGUAGES]
    if command == "update":
        update(ts_files)
    elif command == "release":
        for ts_file in ts_files:
            release(ts_file, ts_file.with_suffix(".qm"))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")

"""The engine, storage and command line stay free of Qt (import-linter contracts in pyproject.toml)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def lint(source_root: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run([*LINT, "--config", str(config), "--no-cache"], cwd=config.parent, env=env,
                          capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = lint(ROOT / "src", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_contract_catches_qt_in_the_core(tmp_path):
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    facts = tmp_path / "src" / "planner" / "core" / "facts.py"
    facts.write_text(facts.read_text() + "\nfrom planner.qt.table_model import FrameTableModel\n")
    result = lint(tmp_path / "src", tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert "Engine, storage and command line never import Qt BROKEN" in result.stdout

"""LibreOffice headless for tests: recalculate a workbook, or render it to PDF.

Each run uses a throwaway user profile (so a desktop LibreOffice, its settings and its lock
files are never touched) told to recalculate every formula of an Excel file on load, and a
time limit. Without ``soffice`` (Debian: ``libreoffice-calc-nogui``) the tests that need it are
skipped, except under ``CI=true``, where that is a failure (CI must prove the workbook's formulas).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 120  # seconds for one conversion

# Always recalculate on load (0), for Excel 2007+ files and ODF alike: never trust a cache.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require(program: str | None, what: str) -> str:
    """``program``, or skip the test without it (fail under CI=true, where it must run)."""
    if program is None:
        message = f"{what} is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: the export's formula and rendering tests must run)")
        pytest.skip(message)
    return program


def require_soffice() -> str:
    """The soffice program; skips the test without it (fails under CI=true)."""
    return require(soffice(), "LibreOffice (soffice)")


def convert(sources: Path | list[Path], out_dir: Path, to: str, timeout: float = TIMEOUT) -> list[Path]:
    """Open each of ``sources`` in one LibreOffice headless run (recalculating every formula)
    and save it as ``to`` (``xlsx``, ``pdf``, …) in ``out_dir``; returns the new files."""
    program = require_soffice()
    sources = [sources] if isinstance(sources, Path) else list(sources)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        (Path(profile) / "user").mkdir()
        (Path(profile) / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
                   f"-env:UserInstallation={Path(profile).as_uri()}", "--convert-to", to,
                   "--outdir", str(out_dir), *map(str, sources)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "HOME": profile})
    targets = [out_dir / (source.stem + "." + to.split(":")[0]) for source in sources]
    missing = [target.name for target in targets if not target.exists()]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing) or 'its files'} "
                           f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return targets

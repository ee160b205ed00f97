"""Korean and Japanese translations are complete, current and compiled."""

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402

LANGUAGES = translations.LANGUAGES


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang):
    unfinished = [source for source, message in messages(translations.FOLDER / f"planner_{lang}.ts").items()
                  if message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                  or not "".join(message.find("translation").itertext()).strip()]
    assert unfinished == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_cover_the_current_source(lang, tmp_path):
    committed = translations.FOLDER / f"planner_{lang}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    translations.update([fresh])
    assert set(messages(fresh)) == set(messages(committed)), "run: python tools/translations.py update"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_files_are_current(lang, tmp_path):
    ts_file = translations.FOLDER / f"planner_{lang}.ts"
    translations.release(ts_file, tmp_path / "fresh.qm")
    assert (tmp_path / "fresh.qm").read_bytes() == ts_file.with_suffix(".qm").read_bytes(), \
        "run: python tools/translations.py release"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    import re

    for (_context, source), message in messages(translations.FOLDER / f"planner_{lang}.ts").items():
        text = "".join(message.find("translation").itertext())
        assert sorted(re.findall(r"\{\w+(?:!r)?\}|%\d|%n", source)) == \
            sorted(re.findall(r"\{\w+(?:!r)?\}|%\d|%n", text)), source


def test_the_app_speaks_korean(qapp):
    from PySide6.QtCore import QCoreApplication

    from planner.qt.i18n import install_translators

    install_translators(qapp, "ko")
    try:
        assert QCoreApplication.translate("schema", "Deals") == "거래"
        assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
    finally:
        install_translators(qapp, "en")
    assert QCoreApplication.translate("schema", "Deals") == "Deals"


def test_the_operating_system_s_reason_is_said_in_the_user_s_language(qapp, tmp_path):
    """An OS error's own text (strerror) is English: a known reason is translated with its message."""
    import errno

    from planner.core.errors import PlannerError, os_reason
    from planner.io.excel_export import CANNOT_WRITE
    from planner.qt.i18n import error_text, install_translators, reason_text

    full = OSError(errno.ENOSPC, "No space left on device")
    refused = PlannerError(CANNOT_WRITE, path="보고서.xlsx", reason=os_reason(full))
    install_translators(qapp, "ko")
    try:
        assert "디스크가 가득" in error_text(refused) and "No space" not in error_text(refused)
        assert "디스크가 가득" in reason_text(full)
        assert reason_text(OSError(9999, "Something odd")) == "Something odd"  # unknown: the system's words
    finally:
        install_translators(qapp, "en")
    assert "the disk is full" in error_text(refused)


def test_a_refused_edit_names_the_sheet_and_column_as_the_grid_does(qapp):
    """The app said "Deals 1행, amount 열" in Korean: the tab and header are 거래 and 금액.
    The command line keeps the names of the files and the JSON."""
    from planner.core.problems import Problem, Refused
    from planner.qt.i18n import error_text, install_translators

    refused = Refused([Problem("Deals", 7, "amount", "a value is required", position=0, key="D-1"),
                       Problem("Quotas", 8, "rep, team, period", "duplicate of an earlier row", position=2)])
    install_translators(qapp, "ko")
    try:
        shown = error_text(refused)
        assert "거래 1행, 금액 열" in shown and "할당량 3행, 담당자, 팀, 기간 열" in shown, shown
        assert "Deals" not in shown and "amount" not in shown and "rep, team" not in shown, shown
    finally:
        install_translators(qapp, "en")
    assert str(refused) == ("Not changed: Deals D-1, column amount: a value is required; "
                            "Quotas row 3, column rep, team, period: duplicate of an earlier row")

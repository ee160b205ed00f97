"""Loading translations: Planner's own (resources/translations) and Qt's standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.core.errors import PlannerError
from planner.core.problems import BookProblems
from planner.resources import resource

LANGUAGES = ("en", "ko", "ja")


def install_translators(app: QCoreApplication, lang: str | None = None) -> QLocale:
    """Install translators for ``lang`` (default: the system's language), replacing earlier
    ones; returns the locale used."""
    for translator in app.findChildren(QTranslator, "planner_translator"):
        app.removeTranslator(translator)
        translator.deleteLater()
    locale = QLocale(lang) if lang else QLocale.system()
    QLocale.setDefault(locale)
    folder = str(resource("translations"))
    for name, path in (("planner", folder), ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        translator.setObjectName("planner_translator")
        if translator.load(locale, name, "_", path):
            app.installTranslator(translator)
    return locale


def error_text(error: Exception) -> str:
    """The message of ``error`` for the user, translated when it is a Planner error."""
    if isinstance(error, BookProblems):  # the app names rows by the row number the user sees
        return error.translated(QCoreApplication.translate, by_key=False)
    if isinstance(error, PlannerError):
        return error.translated(QCoreApplication.translate)
    return str(error) or type(error).__name__


# Readable English for the codes of allowed values (schema.py), shown when the language has no
# translation of a code (English has none: its "translation" is the code itself). Only what is
# shown changes: the book, files and the clipboard keep the codes, and typing either works.
VALUE_LABELS = {
    "open": "Open", "won": "Won", "lost": "Lost",
    "new": "New", "renewal": "Renewal", "upsell": "Upsell",
    "pipeline": "Pipeline", "best_case": "Best case", "commit": "Commit", "omitted": "Omitted",
    "month": "Month", "quarter": "Quarter", "year": "Year",
    "marginal": "Marginal", "retroactive": "Retroactive",
    "tier": "Tier", "cap": "Cap", "bonus": "Bonus",
    "weighted": "Stage-weighted", "historical": "Historical", "cycle_length": "Sales-cycle length",
    "commit_override": "Commit with overrides", "best_case_override": "Best case with overrides",
}


def value_label(code: str) -> str:
    """What the user sees for an allowed value's code: its translation, else readable English."""
    text = QCoreApplication.translate("values", code)
    return VALUE_LABELS.get(code, code) if text == code else text


def value_code(text, allowed: tuple[str, ...]):
    """The code a typed or pasted ``text`` names among ``allowed``: the code itself or its label
    (case and surrounding spaces ignored); ``text`` unchanged when it names none (the core says why)."""
    if not isinstance(text, str) or text in allowed:
        return text
    wanted = text.strip().casefold()
    for code in allowed:
        if wanted in (code.casefold(), value_label(code).casefold()):
            return code
    return text

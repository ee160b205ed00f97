"""Loading translations: Planner's own (resources/translations) and Qt's standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.core.errors import Label, PlannerError, os_reason
from planner.core.kinds import label
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


def reason_text(error: OSError) -> str:
    """Why ``error`` happened, in the app's language when the reason is a known one."""
    reason = os_reason(error)
    return reason.translated(QCoreApplication.translate) if isinstance(reason, Label) else reason


def value_label(code: str) -> str:
    """What the user sees for an allowed value's code, in the app's language
    (:func:`planner.core.kinds.label`)."""
    return label(code, QCoreApplication.translate)

"""Errors a user can cause, and the marker that makes their text translatable.

The core cannot import Qt, yet everything the user sees must go through Qt's translation
system. Messages are therefore English templates marked with ``QT_TRANSLATE_NOOP`` (which
``pyside6-lupdate`` finds by name) and formatted with named arguments; the Qt layer
translates the template first, then formats it with the same arguments.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class PlannerError(Exception):
    """Bad input or a user mistake: shown as one clear line, never as a traceback.

    Parameters
    ----------
    template : str
        English message with ``{name}`` fields, marked with ``QT_TRANSLATE_NOOP("errors", ...)``.
    **fields
        Values for the template's fields.
    """

    def __init__(self, template: str, **fields: object) -> None:
        self.template = template
        self.fields = fields
        super().__init__(template.format(**fields))

    def translated(self, translate) -> str:
        """The message with its template passed through ``translate(context, text)``."""
        return translate("errors", self.template).format(**self.fields)

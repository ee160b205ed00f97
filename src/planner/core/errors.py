"""Errors a user can cause, and the marker that makes their text translatable.

The core cannot import Qt, yet everything the user sees must go through Qt's translation
system. Messages are therefore English templates marked with ``QT_TRANSLATE_NOOP`` (which
``pyside6-lupdate`` finds by name) and formatted with named arguments; the Qt layer
translates the template first, then formats it with the same arguments.
"""

from __future__ import annotations

import errno


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class Label(str):
    """A field of a message that is itself translated with it: a table's or column's label
    (context "schema"), a stage kind ("values"). Reads as the English text elsewhere."""

    def __new__(cls, context: str, text: str) -> Label:
        label = super().__new__(cls, text)
        label.context = context
        return label

    def __reduce__(self):  # copied and pickled with its context
        return Label, (self.context, str(self))

    def translated(self, translate) -> str:
        return translate(self.context, str(self)) if translate else str(self)


# What the operating system said, in words that are translated (its own strerror is English).
_OS_REASONS = {
    errno.ENOENT: QT_TRANSLATE_NOOP("errors", "no such file or folder"),
    errno.EACCES: QT_TRANSLATE_NOOP("errors", "permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("errors", "permission denied"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("errors", "the disk is full"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("errors", "the disk quota is used up"),
    errno.EROFS: QT_TRANSLATE_NOOP("errors", "the disk is read-only"),
    errno.EISDIR: QT_TRANSLATE_NOOP("errors", "it is a folder"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("errors", "a part of the path is not a folder"),
    errno.EEXIST: QT_TRANSLATE_NOOP("errors", "it exists already"),
    errno.EBUSY: QT_TRANSLATE_NOOP("errors", "it is in use"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("errors", "the name is too long"),
    errno.EIO: QT_TRANSLATE_NOOP("errors", "the disk could not be read or written"),
}


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, for a message's ``{reason}``: translated with the message when
    the system's words for it are known, else the system's own text."""
    if error.errno in _OS_REASONS:
        return Label("errors", _OS_REASONS[error.errno])
    return error.strerror or str(error) or type(error).__name__


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
        return translate("errors", self.template).format(**{
            name: value.translated(translate) if isinstance(value, Label) else value
            for name, value in self.fields.items()})

"""``planner`` / ``python -m planner``: the command line, or the desktop app for ``open``.

The only module that joins the Qt-free command line to the Qt views, so that batch
commands never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planner.cli import fail, parse, run
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

# commands that write nothing but their output: once it is out, nothing is left to finish
ONLY_PRINTING = {"report", "backtest"}


def main(argv: list[str] | None = None) -> int:
    return _run(parse(argv))


def command() -> None:
    """The ``planner`` program. After a command that only prints, the process leaves without
    Python freeing each object it read one by one: the system takes a process's memory back at
    once (0.1 s of a report at 100,000 deals, about 1 s at a million)."""
    args = parse()
    status = _run(args)
    if args.command in ONLY_PRINTING:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):  # none, or the reader left: nothing to finish
                pass
        os._exit(status)
    sys.exit(status)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "open":
            if isinstance(args.book, Path) and not args.book.is_file():
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path}: no such file"), path=str(args.book))
            if args.book is not None:  # the store will be opened: SQLAlchemy before Qt (views/app.py says why)
                import planner.storage.store  # noqa: F401
            from planner.views.app import run_app

            return run_app(args.book, lang=args.lang)
        return run(args)
    except PlannerError as error:
        return fail(error)
    except BrokenPipeError:  # `planner report ... | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    command()

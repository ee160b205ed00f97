"""``planner`` / ``python -m planner``: the command line, or the desktop app for ``open``.

The only module that joins the Qt-free command line to the Qt views, so that batch
commands never load Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planner.cli import fail, parse, run
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
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
    sys.exit(main())

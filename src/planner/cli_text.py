"""What the command line prints: text from a book or a file made harmless, tables aligned on a
terminal, and output that cannot be written turned into one error line (no Qt).

Everything ``planner.cli.run`` prints passes through :func:`terminal`, which escapes control
characters (:func:`printable`): a rep named ``"\\x1b]0;pwned\\x07"`` in a hostile workbook can
neither retitle nor clear the terminal. Tables are aligned by display width (:func:`table`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sys
import unicodedata

import orjson
import pandas as pd

from planner.core import kinds
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.core.schema import Kind

OUTPUT_FAILED = QT_TRANSLATE_NOOP("errors", "the output could not be written: {reason}")

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str, lines: bool = False) -> str:
    """``text`` with every control character (C0, DEL, C1) written as an escape, ESC as
    ``\\u001b``; with ``lines``, line breaks are kept. The escapes are JSON's, so escaping JSON
    text leaves it JSON with the same values."""
    return (_CONTROL_BUT_NEWLINE if lines else _CONTROL).sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: Korean, Chinese and Japanese letters two, combining
    marks and format characters none."""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def table(rows: list[list], right: frozenset[int] = frozenset(), indent: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up on a terminal: each column as wide as its
    widest cell (:func:`display_width`; one empty in every row is left out), the ``right``
    columns aligned right, cells escaped."""
    cells = [[printable(str(cell)) for cell in row] for row in rows]
    if not cells:
        return []
    widths = [max(display_width(row[column]) for row in cells) for column in range(len(cells[0]))]
    lines = []
    for row in cells:
        padded = [(" " * (widths[column] - display_width(cell)) + cell) if column in right
                  else cell + " " * (widths[column] - display_width(cell))
                  for column, cell in enumerate(row) if widths[column]]  # a column empty in every row: left out
        lines.append((indent + "  ".join(padded)).rstrip())
    return lines


class _Escaped:
    """A text stream writing through to ``stream`` with control characters escaped; a write
    that fails (a full disk, a closed terminal) is one error line, never a traceback."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _failing_as_error(self._stream):
            return self._stream.write(printable(text, lines=True))

    def flush(self) -> None:
        with _failing_as_error(self._stream):
            self._stream.flush()

    def __getattr__(self, name: str):  # encoding, fileno, isatty, reconfigure, ...
        return getattr(self._stream, name)


@contextlib.contextmanager
def _failing_as_error(stream):
    try:
        yield
    except BrokenPipeError:  # `planner report | head`: the caller's business (not an error)
        raise
    except OSError as error:
        # what is still buffered goes nowhere, so the exit does not try (and fail) again
        with contextlib.suppress(AttributeError, OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise PlannerError(OUTPUT_FAILED, reason=os_reason(error)) from None


@contextlib.contextmanager
def terminal():
    """Within: ``sys.stdout`` and ``sys.stderr`` escape control characters, and a failed write
    of the output (also when flushed at the end) raises :class:`PlannerError`."""
    if sys.stdout is None:  # started with its output closed (`>&-`): nowhere to write it
        raise PlannerError(OUTPUT_FAILED, reason=os_reason(OSError(errno.EBADF, os.strerror(errno.EBADF))))
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaped(real[0]), _Escaped(real[1])
    try:
        yield
        sys.stdout.flush()  # a full disk shows here, not as a traceback at exit
    finally:
        sys.stdout, sys.stderr = real


def print_json(data) -> None:
    """``data`` as JSON on standard output, UTF-8 (Korean and Japanese names as themselves),
    indented by two spaces, in one write (json.dump writes each token: 1 s at 100k deals)."""
    sys.stdout.reconfigure(encoding="utf-8")
    try:  # the same text as json.dumps(indent=2), ten times faster (Python's indenting encoder is pure Python)
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # what orjson cannot write (an integer beyond 64 bits)
        text = json.dumps(data, ensure_ascii=False, indent=2)
    print(text)


def go_ahead(yes: bool, interactive: bool, refusal: PlannerError, question: str, declined: str,
             out=None) -> bool:
    """Whether a command may change its book: ``--yes``, else a yes to ``question`` at a terminal.
    Raises ``refusal`` when no one can be asked; on a no, prints ``declined`` (to ``out``,
    default standard output) and returns False."""
    if yes:
        return True
    if not interactive:
        raise refusal
    if says_yes(question):
        return True
    print(declined, file=out or sys.stdout)
    return False


def says_yes(question: str) -> bool:
    """Ask ``question [y/N]`` at the terminal: only y or yes is a yes (Ctrl-D or Ctrl-C: a no)."""
    try:
        answer = input(f"{question} [y/N] ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer in ("y", "yes")


def error_line(error: PlannerError) -> str:
    """What a command-line error prints: one line, or a first line and one indented line per
    problem (an import refusal lists every bad cell); control characters from a book or file
    in it escaped."""
    return printable(f"planner: error: {error}", lines=True)


def report_text(report) -> str:
    """A short human-readable report."""
    def money(minor) -> str:
        return kinds.text(Kind.MONEY, minor, report.currency) or "-"

    def share(ratio) -> str:
        return kinds.text(Kind.PERCENT, ratio) or "-"

    p, f = report.pipeline, report.forecast
    cycle = "-" if p["avg_cycle_days"] is None else f"{p['avg_cycle_days']:.1f} days"
    lines = [
        f"Period {report.period} (as of {report.as_of}, {_AS_OF_SOURCE[report.as_of_source]}), amounts in "
        f"{report.currency}",
        f"Pipeline: {p['open_count']} open deals worth {money(p['open_value'])}, weighted {money(p['weighted_value'])}",
        f"Closed in period: {p['won_count']} won ({money(p['won_value'])}), {p['lost_count']} lost; "
        f"win rate {share(p['win_rate'])}, average won deal {money(p['avg_won_deal'])}, average cycle {cycle}, "
        f"velocity {money(p['velocity_per_day'])} a day",
        f"Forecast: won {money(f['won'])}, stage-weighted {money(f['weighted'])}, "
        f"commit {money(f['commit'])}, best case {money(f['best_case'])}, historical {money(f['historical'])}, "
        f"sales-cycle {money(f['cycle_length'])}; overdue, not in this forecast: {money(f['overdue'])}",
        f"Health: {len(report.health['stalled'])} stalled, {len(report.health['slipped'])} slipped deals",
        "",
    ]
    if report.period_status == "future":
        lines.append(f"No data for period {report.period}: it begins after the as-of date {report.as_of}, "
                     "nothing is credited or paid yet.")
    else:
        lines += _attainment_lines(report, money, share)
        lines += ["", "Commissions:"]
        lines += table([[row.rep, row.period, row.plan, "commission", money(row.commission), "bonus",
                         money(row.bonus), "total", money(row.total)] for row in report.commissions.itertuples()],
                       right=frozenset({4, 6, 8}))
    lines += [f"Warning: {template.format(**fields)}" for template, fields in report.warnings]
    return "\n".join(lines + _problem_lines(report))


def _attainment_lines(report, money, share) -> list[str]:
    """Attainment per rep (with pacing beside it while the period is in progress), the share
    of reps at quota, year to date and the rep quadrants."""
    lines = []
    rows = [[row.rep, _other_than(row.name, row.rep), "quota", money(row.quota), "credited",
             money(row.credited), share(row.attainment)] for row in report.attainment.itertuples()]
    if report.period_status == "in_progress":
        elapsed, total = report.days
        lines.append(f"Period {report.period} is in progress: day {elapsed} of {total}; projected = credited so far "
                     "at the current run rate to the period's end, with its attainment (pacing)")
        for cells, pace in zip(rows, report.pacing.itertuples()):
            cells += ["projected", money(pace.projected), share(pace.pacing)]
    lines += ["Attainment:"] + table(rows, right=frozenset({3, 5, 6, 8, 9})) + [""]
    hit = report.at_quota
    if hit.get("with_quota"):
        teams = ", ".join(f"{row.team} {share(row.share)}" for row in report.team_at_quota.itertuples()
                          if row.with_quota)
        lines.append(f"Reps at quota: {hit['at_quota']} of {hit['with_quota']} ({share(hit['share'])})"
                     + (f"; by team: {teams}" if teams else ""))
    company = report.company_ytd
    if company:
        lines.append(f"Year to date ({report.as_of.year}-01-01 to {report.as_of}): credited {money(company['credited'])}"
                     f" of quota {money(company['quota'])} ({share(company['attainment'])})")
    if len(report.quadrants):
        counts = report.quadrants["quadrant"].value_counts()
        lines.append(f"Quadrants {report.quadrant_quarter}: " + ", ".join(
            f"{_QUADRANT_WORDS[name]} {int(counts.get(name, 0))}" for name in _QUADRANT_WORDS))
    return lines


_QUADRANT_WORDS = {"rising_star": "rising stars", "falling_star": "falling stars",
                   "improving_laggard": "improving laggards", "worsening_laggard": "worsening laggards"}

_AS_OF_SOURCE = {"--as-of": "given by --as-of", "setting": "the book's as_of setting", "today": "today"}


def _problem_lines(report) -> list[str]:
    """The book's problems and the rows they leave out of the figures above (none: no lines)."""
    if not report.problems:
        return []
    left = report.left_out
    lines = ["", f"Problems ({len(report.problems)}):"] + [f"  {problem}" for problem in report.problems]
    if left.count:
        sections = ", ".join(f"{name} ({count})" for name, count in left.sections.items())
        lines.append(f"Left out of the figures: {left.count} row(s), in {sections}")
        for (table_name, row), (key, number) in left.places.items():
            because = left.rows[table_name][row]
            lines.append(f"  {table_name} {key or f'row {number}'}" + (
                "" if (because.table, because.row) == (table_name, row) else f" (because of {because})"))
        if left.owned:
            lines.append("  with the rows they own: " + ", ".join(f"{name} {count}" for name, count in left.owned.items()))
    if left.kept:
        lines.append(f"{len(left.kept)} won or lost deal(s) without a created date: left out of cycle and cohort "
                     "figures only")
    return lines


def _other_than(name, rep) -> str:
    """A rep's name beside its id, or nothing when it says the same (a CRM import's reps)."""
    if name is None or name is pd.NA or (isinstance(name, float) and pd.isna(name)):
        return ""
    return "" if str(name) == str(rep) else str(name)


def accuracy_text(data: dict) -> str:
    """``planner forecast accuracy`` as text."""
    def share(value) -> str:
        return kinds.text(Kind.PERCENT, value) or "-"

    lines = [f"Forecast accuracy as of {data['as_of']}, amounts in {data['currency']} "
             "(1 - |forecast - actual| / actual; rank 1 = the period's best method)"]
    if not data["forecast_accuracy"]:
        lines.append("No snapshot of a period that has ended (save some with `planner forecast snapshot`).")
    lines += table([[row["period"], row["method"], "taken", row["taken"], "forecast", row["forecast"], "actual",
                     row["actual"], share(row["accuracy"]),
                     f"rank {row['rank']}" if row["rank"] is not None else row["note"] or ""]
                    for row in data["forecast_accuracy"]], right=frozenset({5, 7, 8}))
    if data["forecast_method_accuracy"]:
        lines += ["", "By method (average over the closed periods):"]
        lines += table([[row["method"], share(row["average"]), f"over {row['periods']} period(s), best {row['best']} "
                         "time(s)"] for row in data["forecast_method_accuracy"]], right=frozenset({1}))
    return "\n".join(lines)

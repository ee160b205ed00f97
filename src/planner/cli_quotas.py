"""``planner quotas``: plan a year's quotas from a company target (core/quota_planning.py),
print the plan, and with ``--apply`` write it to the book's Quotas table through the session
(one change, one save). No Qt.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

from planner.cli_text import go_ahead, print_json, table
from planner.core import kinds, schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import RATIO_SCALE, format_money, format_ratio, to_minor, to_ratio
from planner.core.schema import Kind

BAD_YEAR_TEXT = QT_TRANSLATE_NOOP("errors", "{flag} must be a year such as 2027, not {value!r}")
BAD_PRODUCTIVITY = QT_TRANSLATE_NOOP("errors", "--productivity {value!r}: write ROLE=AMOUNT, e.g. "
                                               "\"Account executive=400000\"")
UNKNOWN_ROLE = QT_TRANSLATE_NOOP("errors", "--productivity: no rep has the role {role!r} (the roles: {roles})")
NO_FILE = QT_TRANSLATE_NOOP("errors", "{path}: no such file")
BAD_WEIGHT_FILE = QT_TRANSLATE_NOOP("errors", "{path}: a CSV file of two columns, rep and weight, is expected")
BAD_WEIGHT_ROW = QT_TRANSLATE_NOOP("errors", "{path}, row {row}: {message}")
NOT_APPLIED = QT_TRANSLATE_NOOP("errors", "{book} was not changed: pass --yes with --apply to write this plan")
CHANGED_MEANWHILE = QT_TRANSLATE_NOOP("errors", "{book} was changed by someone else while the plan was made; nothing "
                                                "was written: run the command again")


def add_parser(commands, target, day) -> None:
    quotas = commands.add_parser("quotas", help="plan a year's quotas from a company target, per team, rep and month")
    quotas.add_argument("book", type=target, help="book file (.planner) or postgresql://… address")
    quotas.add_argument("--year", required=True, help="the year to plan, e.g. 2027")
    quotas.add_argument("--target", required=True, metavar="AMOUNT", help="the company's target for the year, in the "
                                                                          "book's currency")
    quotas.add_argument("--over", "--over-assign", dest="over", default="100%",
                        help="over-assignment: the reps' quotas add up to target × this, 110%% or 1.10 (default 100%%)")
    quotas.add_argument("--weights", default="equal", help="equal (default), won (last year's won revenue at a full "
                                                           "year's rate) or hand:FILE (a CSV of rep,weight)")
    quotas.add_argument("--seasonality", default="flat", help="flat (default), history (the company's won value per "
                                                              "month of the basis year) or hand:W1,…,W12")
    quotas.add_argument("--ramp", default="", help="a new hire's first months, e.g. 25,50,75 (percent; then 100%%)")
    quotas.add_argument("--basis", help="the year weights, seasonality and productivity come from (default: the year "
                                        "before)")
    quotas.add_argument("--productivity", action="append", default=[], metavar="ROLE=AMOUNT",
                        help="a role's yearly revenue per rep for capacity (default: the role's mean in the basis year)")
    quotas.add_argument("--as-of", type=day, metavar="YYYY-MM-DD",
                        help="the day run rates stop at and reps start after to count as planned (default: the "
                             "book's as_of setting, else today)")
    quotas.add_argument("--json", action="store_true", help="print one JSON object (money as decimal strings)")
    quotas.add_argument("--apply", action="store_true", help="write the plan to the Quotas table (the year's rep × "
                                                             "month rows are replaced)")
    quotas.add_argument("--yes", "-y", action="store_true", help="with --apply: write without asking")


def run_quotas(args: argparse.Namespace, interactive: bool) -> int:
    from planner.core.quota_planning import plan_quotas
    from planner.session import Session
    from planner.storage import dialects, open_book

    book = open_book(args.book)
    inputs = _inputs(args, book)
    scenario = plan_quotas(book, inputs)
    data = scenario_json(book, scenario)
    if args.json:
        print_json(data)
    else:
        print(scenario_text(data))
    if not args.apply:
        return 0
    place = dialects.shown(args.book)  # never an address's password
    if not go_ahead(args.yes, interactive, PlannerError(NOT_APPLIED, book=place),
                    f"Write this plan to {place}?", f"not applied: {place} was not changed", sys.stderr):
        return 1
    with Session.open(args.book) as session:
        again = plan_quotas(session.book, inputs)
        if not again.rows().equals(scenario.rows()):
            raise PlannerError(CHANGED_MEANWHILE, book=place)
        change = again.change(session.book)
        before = len(session.book["Quotas"])
        session.apply(change, f"Plan quotas for {inputs.year}")
        session.save()
        written, after = len(again.rows()), len(session.book["Quotas"])
    print(f"wrote {written:,} quota rows of {inputs.year} into {place} "
          f"(replacing {before + written - after:,})", file=sys.stderr if args.json else sys.stdout)
    return 0


def _inputs(args: argparse.Namespace, book):
    from planner.core.quota_planning import QuotaInputs, parse_ramp, typed_amount

    currency = book.currency
    year = _year("--year", args.year)
    target = typed_amount("--target", args.target, currency)
    weights, hand = args.weights, {}
    if weights.startswith("hand:"):
        weights, hand = "hand", _hand_weights(Path(weights[5:]), book)
    season, hand_season = args.seasonality, ()
    if season.startswith("hand:"):
        season, hand_season = "hand", tuple(_number("--seasonality", v) for v in season[5:].split(","))
    productivity = {}
    for given in args.productivity:
        role, _, amount = given.partition("=")
        if not role.strip() or not amount.strip():
            raise PlannerError(BAD_PRODUCTIVITY, value=given)
        productivity[role.strip()] = typed_amount("--productivity", amount, currency)
    roles = set(book["Reps"]["role"].dropna().astype(str).str.strip())
    for role in productivity:
        if role not in roles:  # a typo would silently leave the role's reps at their history's rate
            raise PlannerError(UNKNOWN_ROLE, role=role, roles=", ".join(sorted(roles)) or "-")
    return QuotaInputs(
        year=year, target=target, over=_number("--over", args.over), weights=weights, hand_weights=hand,
        seasonality=season, hand_seasonality=hand_season,
        ramp=parse_ramp(args.ramp),
        basis=None if args.basis is None else _year("--basis", args.basis), productivity=productivity,
        as_of=args.as_of)


def _year(flag: str, text: str) -> int:
    if not text.strip().isdigit():
        raise PlannerError(BAD_YEAR_TEXT, flag=flag, value=text)
    return int(text)


def _number(flag: str, text: str) -> int:
    """``1.10``, ``110%`` or ``3`` in millionths."""
    from planner.core.quota_planning import NOT_NUMBER

    try:
        return to_ratio(text)
    except ValueError:
        raise PlannerError(NOT_NUMBER, flag=flag, value=text) from None


def _hand_weights(path: Path, book) -> dict[int, int]:
    """Weights by rep row id from a CSV of rep (id or name) and weight, with a header row."""
    from planner.core.resolve import Resolver

    if not path.is_file():
        raise PlannerError(NO_FILE, path=str(path))
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        raise PlannerError(BAD_WEIGHT_FILE, path=str(path)) from None
    if frame.shape[1] != 2:
        raise PlannerError(BAD_WEIGHT_FILE, path=str(path))
    reps, failures = Resolver(schema.REPS, book["Reps"]).resolve(frame.iloc[:, 0])
    out, rows = {}, {}
    for position, (rep, text) in enumerate(zip(reps, frame.iloc[:, 1])):
        row = position + 2  # as a spreadsheet numbers it, the header being row 1
        if pd.isna(rep) and position not in failures:
            raise PlannerError(BAD_WEIGHT_ROW, path=str(path), row=row, message="no rep")
        if position in failures:
            template, fields = failures[position]
            raise PlannerError(BAD_WEIGHT_ROW, path=str(path), row=row, message=template.format(**fields))
        try:
            weight = to_ratio(text)
        except ValueError:
            weight = -1
        if weight < 0:
            raise PlannerError(BAD_WEIGHT_ROW, path=str(path), row=row,
                               message=f"weight {text!r} is not a number of zero or more")
        if int(rep) in rows:  # two weights for one rep: which was meant is not for Planner to guess
            raise PlannerError(BAD_WEIGHT_ROW, path=str(path), row=row,
                               message=f"{frame.iloc[position, 0]!r} has a weight already, in row {rows[int(rep)]}")
        out[int(rep)], rows[int(rep)] = weight, row
    return out


def scenario_json(book, scenario) -> dict:
    """The plan as plain JSON types: money as decimal strings, reps and teams by the user's ids."""
    currency, inputs = scenario.currency, scenario.inputs
    keys, names, teams = book.keys("Reps"), book.titles("Reps"), book["Teams"]["name"]

    def money(value) -> str:
        return kinds.json_value(Kind.MONEY, int(value), currency)

    def team(row) -> str | None:
        return None if pd.isna(row) else str(teams.get(int(row)))

    periods = scenario.periods
    reps = []
    for number, record in enumerate(scenario.reps.to_dict("records")):
        reps.append({
            "rep": str(keys[record["rep"]]), "name": str(names[record["rep"]]), "team": team(record["team"]),
            "role": None if pd.isna(record["role"]) else str(record["role"]),
            "start": kinds.json_value(Kind.DATE, record["start"]), "end": kinds.json_value(Kind.DATE, record["end"]),
            "planned": bool(record["planned"]), "weight": record["weight"],
            "annual": money(record["annual"]), "capacity": money(record["capacity"]),
            # a closed month's row is kept as it is (``kept``), even for a rep not employed then
            "months": [{"period": period, "amount": money(amount), "kept": bool(kept)}
                       for period, amount, worked, kept in zip(periods, scenario.months[number],
                                                               scenario.employed[number], scenario.kept)
                       if worked or (kept and amount)],
        })
    parents = scenario.team_tree["parent"]
    team_rows = [{"team": team(row["team"]),
                  "parent": None if pd.isna(row["team"]) else team(parents.get(row["team"])),
                  "annual": money(row["annual"]), "capacity": money(row["capacity"]), "gap": money(row["gap"]),
                  "months": [{"period": period, "amount": money(row[period])} for period in periods]}
                 for row in scenario.teams().to_dict("records")]
    return {
        "year": inputs.year, "currency": currency, "target": money(inputs.target),
        "over_assign": inputs.over / RATIO_SCALE, "assigned": money(scenario.assigned), "basis": inputs.basis_year,
        "weights": inputs.weights, "seasonality": inputs.seasonality,
        "ramp": [step / RATIO_SCALE for step in inputs.ramp],
        "capacity": money(scenario.capacity), "gap": money(scenario.gap),
        "closed": list(scenario.closed), "kept": money(scenario.kept_amount),
        "kept_months": [period for period, kept in zip(periods, scenario.kept) if kept],
        "reps": reps, "teams": team_rows,
        "notes": [template.format(**fields) for template, fields in scenario.notes],
    }


def scenario_text(data: dict) -> str:
    """The plan as a terminal shows it: the totals, then per rep and per team the year and months."""
    currency = data["currency"]

    def shown(text: str | None) -> str:
        return "" if text is None else format_money(to_minor(text, currency), currency)

    over = format_ratio(int(Decimal(str(data["over_assign"])) * RATIO_SCALE))
    ramp = ", ".join(format_ratio(int(Decimal(str(step)) * RATIO_SCALE)) for step in data["ramp"]) or "none"
    lines = [f"Quota plan for {data['year']} ({currency}): target {shown(data['target'])} × {over} = "
             f"{shown(data['assigned'])} assigned; weights {data['weights']}, seasonality {data['seasonality']}, "
             f"ramp {ramp}, basis {data['basis']}",
             f"capacity {shown(data['capacity'])} against the target {shown(data['target'])}: "
             f"gap {shown(data['gap'])}", ""]
    months = [f"{data['year']}-{m:02d}" for m in range(1, 13)]
    kept = set(data["kept_months"])
    columns = [m[5:] + ("*" if m in kept else "") for m in months]  # a closed month: kept, not planned
    header = ["rep", "name", "team", "annual", *columns, "capacity"]
    rows = [header]
    for rep in data["reps"]:
        amounts = {month["period"]: shown(month["amount"]) for month in rep["months"]}
        name = "" if rep["name"] == rep["rep"] else rep["name"]
        rows.append([rep["rep"] + (" (planned)" if rep["planned"] else ""), name, rep["team"] or "",
                     shown(rep["annual"]), *(amounts.get(m, "") for m in months), shown(rep["capacity"])])
    right = frozenset(range(3, len(header)))
    lines += table(rows, right)
    lines += ["", "teams:"]
    rows = [["team", "annual", *columns, "capacity", "gap"]]
    for team in data["teams"]:
        name = team["team"] or "(no team)"
        rows.append([name + (f" (in {team['parent']})" if team["parent"] else ""), shown(team["annual"]),
                     *(shown(month["amount"]) for month in team["months"]), shown(team["capacity"]),
                     shown(team["gap"])])
    lines += table(rows, frozenset(range(1, len(rows[0]))))
    if kept:
        lines += [f"* closed ({', '.join(data['closed'])}): kept as they are, {shown(data['kept'])} in all"]
    lines += [f"note: {note}" for note in data["notes"]]
    return "\n".join(lines)

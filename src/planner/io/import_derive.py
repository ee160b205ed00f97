"""What the tables of an import imply (no Qt): deals' stages and close dates from status
columns, stages and reps made from names, the rules decisions.md sets for deals, required
cells and duplicate keys. A mixin of :class:`planner.io.import_reader._Reader`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import deal_rules, schema
from planner.core.errors import PlannerError
from planner.core.parse import REQUIRED
from planner.core.schema import Kind
from planner.core.teams import missing_teams
from planner.io.import_cells import _aliases
from planner.io.import_orders import _Orders
from planner.io.import_results import (BAD_OWNER_TARGET, BAD_STAGE_TARGET, CLOSED_NEEDS, DUPLICATE, DUPLICATE_IN_FILE,
                                       DUPLICATE_IN_SHEET, GENERATED, GENERATED_IDS, LISTED, MADE_ORDER_STAGES,
                                       MADE_REPS, MADE_STAGES, MISSING_COLUMN, MISSING_FOR_CLOSED, NO_CREATED_COLUMN,
                                       NO_IDS_TO_MERGE, NO_OWNER, OPEN_NO_AMOUNT, OPEN_NO_CREATED, UNASSIGNED,
                                       ImportProblem, Kinded, Label)
from planner.io.mapping import DERIVED, NEW_REP
from planner.io.stage_names import (kind_of_stage, most_said, new_stage_probability, place_new_stages,
                                    probability_notes)


class _Derive(_Orders):
    """The derive step of :class:`~planner.io.import_reader._Reader` (its frames, locations,
    headers, problems and warnings)."""

    # -- what the tables imply -------------------------------------------------------------
    def derive(self) -> None:
        if "Deals" in self.frames:
            self._orders()
            self._deals()
        self._stages()
        self._reps()
        self._teams()
        self._required()
        self._duplicates()
        if "Settings" not in self.frames and self.book is None:
            self.frames["Settings"] = pd.DataFrame({"key": ["currency"], "value": [self.currency]})
            self.locations["Settings"] = pd.DataFrame({"file": [None], "sheet": [None], "row": [None]})
            self.made.setdefault("Settings", set()).add("currency")

    def _deal_kinds(self) -> pd.Series:
        """Each deal's stage kind as the import will make it (open, won, lost or missing)."""
        deals = self.frames["Deals"]
        stages = deals["stage"] if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
        known = self._known_stage_kinds()
        names = stages.dropna().unique()
        kinds = {}
        for name in names:
            target = self.mapping.stages.get(name)
            if target in schema.STAGE_KINDS:
                kinds[name] = target
            elif target is not None and target in known:
                kinds[name] = known[target]
            elif name in known:
                kinds[name] = known[name]
            else:
                kinds[name] = kind_of_stage(name) or "open"
        return stages.map(kinds).astype("string")

    def _check_stage_targets(self, stages: pd.Series) -> None:
        """A stage name of the files mapped to something that is neither a kind nor a stage (of
        the book, of the files' Stages sheet or of their deals) is a typo: refused, as an
        unknown table or column is, rather than turning won deals into a new open stage."""
        names = set(stages.dropna().astype(str))
        known = set(self._known_stage_kinds()) | names
        for name, target in self.given.stages.items():
            if name in names and target is not None and target not in schema.STAGE_KINDS and target not in known:
                raise PlannerError(BAD_STAGE_TARGET, name=name, target=target, kinds=", ".join(schema.STAGE_KINDS))

    def _known_reps(self) -> set[str]:
        """The ids and names of the reps of the book merged into and of the files' Reps sheet."""
        names: set[str] = set()
        for frame in ([self.frames["Reps"]] if "Reps" in self.frames else []) + \
                ([self.book["Reps"]] if self.book is not None else []):
            for column in ("id", "name"):
                if column in frame:
                    names |= set(frame[column].dropna().astype(str).str.strip())
        return names

    def _check_owner_targets(self, owners: pd.Series) -> None:
        """An owner mapped to neither a rep (of the book, the files' Reps sheet or another owner
        of the files) nor ``"new"`` is a typo: refused, as a stage mapped to nothing is."""
        names = set(owners.dropna().astype(str)) | {""}
        known = self._known_reps() | names | {NEW_REP}
        for name, target in self.given.owners.items():
            if name in names and target is not None and str(target).strip() not in known:
                raise PlannerError(BAD_OWNER_TARGET, name=name, target=target)

    def _known_stage_kinds(self) -> dict[str, str]:
        known = {}
        if self.book is not None:
            stages = self.book["Stages"]
            known.update({str(s): str(k) for s, k in zip(stages["stage"], stages["kind"]) if pd.notna(s)})
        if "Stages" in self.frames and "stage" in self.frames["Stages"]:
            sheet = self.frames["Stages"]
            kinds = sheet["kind"] if "kind" in sheet else pd.Series(pd.NA, index=sheet.index)
            for name, kind in zip(sheet["stage"], kinds):
                if pd.notna(name):
                    known[str(name)] = str(kind) if pd.notna(kind) else (kind_of_stage(str(name)) or "open")
        return known

    def _deals(self) -> None:
        deals = self.frames["Deals"]
        location = self.locations["Deals"]
        headers = self.headers.get("Deals", {})
        # the mapping's stage names: deals move to the stage a name is mapped to
        if "stage" in deals:
            self._check_stage_targets(deals["stage"])
            renames = {name: target for name, target in self.given.stages.items()
                       if target not in schema.STAGE_KINDS}
            if renames:
                deals["stage"] = deals["stage"].replace(renames)
        # status columns (Pipedrive status, Salesforce IsWon/IsClosed) decide the kind
        status = None
        if "status" in deals:
            status = deals["status"]
        elif "is_closed" in deals or "is_won" in deals:
            won = deals["is_won"] if "is_won" in deals else pd.Series(pd.NA, index=deals.index, dtype="boolean")
            closed = deals.get("is_closed", won)
            status = pd.Series(np.where(won.fillna(False), "won", np.where(closed.fillna(False), "lost", "open")),
                               index=deals.index, dtype="string").where(won.notna() | closed.notna())
        if status is not None:
            stage = deals["stage"] if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
            kinds = self._deal_kinds() if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
            for kind, name in (("won", "Won"), ("lost", "Lost")):
                moved = (status == kind).fillna(False) & (kinds != kind).fillna(True)
                stage = stage.mask(moved.to_numpy(dtype=bool), name)
                if moved.any():
                    self.mapping.stages.setdefault(name, kind)
            deals["stage"] = stage.astype("string")
            self.provided["Deals"].add("stage")
            headers.setdefault("stage", headers.get("status") or headers.get("is_won") or "stage")
        kinds = self._deal_kinds() if "stage" in deals else pd.Series(pd.NA, index=deals.index, dtype="string")
        closed_kind = deal_rules.closed_kind(kinds)
        # when each deal closed (or is expected to)
        closed = deals["closed"] if "closed" in deals else pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")
        for name, kind in (("won_time", "won"), ("lost_time", "lost")):
            if name in deals:
                closed = closed.fillna(deals[name].where((kinds == kind).fillna(False).to_numpy(dtype=bool)))
                headers.setdefault("closed", headers.get(name))
        if "close_date" in deals:
            closed = closed.where(~closed_kind | closed.notna(), deals["close_date"].where(closed_kind))
            headers.setdefault("closed", headers.get("close_date"))
            expected = deals["expected_close"] if "expected_close" in deals else \
                pd.Series(pd.NaT, index=deals.index, dtype="datetime64[ns]")
            deals["expected_close"] = expected.fillna(deals["close_date"].where(~closed_kind))
            headers.setdefault("expected_close", headers.get("close_date"))
            self.provided["Deals"].add("expected_close")
            # a close date neither taken as the closed date nor as the expected close (a won deal
            # that has its Closed date too) must not vanish: the column is kept as the user's own
            given = deals["close_date"]
            taken = np.where(closed_kind, closed.eq(given).fillna(False).to_numpy(dtype=bool),
                             deals["expected_close"].eq(given).fillna(False).to_numpy(dtype=bool))
            if (given.notna().to_numpy(dtype=bool) & ~taken).any():
                name = headers.get("close_date") or "close_date"
                while name in deals or name in schema.TABLES["Deals"].names:
                    name = f"{name} (2)"
                deals[name] = given
        if any(name in deals for name in ("closed", "won_time", "lost_time", "close_date")):
            deals["closed"] = closed.astype("datetime64[ns]")
            self.provided["Deals"].add("closed")
        # stage probabilities written on deals: a made open stage takes the value most of its
        # deals hold (more than half of those with one; deals are often adjusted one by one),
        # else none (see _stages)
        if "probability" in deals and "stage" in deals:
            probabilities = pd.DataFrame({"stage": deals["stage"], "p": deals["probability"]}).dropna()
            self._deal_probabilities = probabilities
            self._stage_probabilities = most_said(probabilities)
        deals = deals.drop(columns=[c for c in DERIVED if c in deals])
        for name in DERIVED:
            self.provided["Deals"].discard(name)
        # ids
        if "id" not in deals and len(deals):
            if self.book is not None:
                self.problem(None, None, None, None, NO_IDS_TO_MERGE)
            else:
                ids = pd.Series([f"D-{n:05d}" for n in range(1, len(deals) + 1)], dtype="string")
                deals.insert(0, "id", ids)
                self.provided["Deals"].add("id")
                self.made.setdefault("Deals", set()).add(GENERATED)
                self.warn("Deals", None, GENERATED_IDS, first=ids.iloc[0], last=ids.iloc[-1])
        # owners: as the mapping says; deals without one go to Unassigned in a new book (a file
        # without an owner column leaves the owners of deals a book already has as they are);
        # into a book they stay without one, for plan_merge to refuse until mapped (decisions.md)
        if "owner" not in deals:
            deals["owner"] = pd.Series(pd.NA, index=deals.index, dtype="string")
        self._check_owner_targets(deals["owner"])
        renames = {name: target for name, target in self.given.owners.items() if name and target != NEW_REP}
        if renames:
            deals["owner"] = deals["owner"].replace(renames)
        blank_owner = deals["owner"].isna()
        target = self.given.owners.get("")
        if blank_owner.any() and target not in (None, NEW_REP):
            deals.loc[blank_owner, "owner"] = target
        elif blank_owner.any() and (self.book is None or target == NEW_REP):
            rep = self._unassigned()
            deals.loc[blank_owner, "owner"] = rep
            self.warn("Deals", headers.get("owner"), NO_OWNER, count=int(blank_owner.sum()), rep=rep)
        self.frames["Deals"] = deals
        self._deal_rules(kinds, location)

    def _unassigned(self) -> str:
        if self.book is not None:
            reps = self.book["Reps"]
            hit = reps[(reps["id"] == UNASSIGNED) | (reps["name"] == UNASSIGNED)]
            if len(hit):
                return str(hit["id"].iloc[0])
        return UNASSIGNED

    def _deal_rules(self, kinds: pd.Series, location: pd.DataFrame) -> None:
        """The rules of :mod:`planner.core.deal_rules` on the files' deals: what an open deal may
        lack is a warning, what a won or lost deal needs is a problem of its row (or, when no
        header gives it, of the files)."""
        deals, headers = self.frames["Deals"], self.headers.get("Deals", {})
        warnings = {"amount": OPEN_NO_AMOUNT, "created": OPEN_NO_CREATED}
        for column in deal_rules.OPEN_MAY_LACK + deal_rules.CLOSED_NEEDS:
            lacking, needed = deal_rules.may_lack(kinds, column), deal_rules.needs(kinds, column)
            if column not in deals:
                if column in deal_rules.KEPT_WITHOUT and needed.any():  # kept, out of cycle figures only
                    self.missing_created.update(sorted(set(location["file"].dropna())))
                    self.warn("Deals", None, NO_CREATED_COLUMN, count=int(needed.sum()))
                elif needed.any():
                    self._missing_column("Deals", column, self._closed_stages(kinds))
                if lacking.any():
                    self.warn("Deals", None, warnings[column], count=int(lacking.sum()))
                continue
            missing = deals[column].isna().to_numpy(dtype=bool)
            if (missing & lacking).any():
                self.warn("Deals", headers.get(column), warnings[column], count=int((missing & lacking).sum()))
            what = headers.get(column, "closed date" if column == "closed" else column)
            for index in np.flatnonzero(missing & needed & ~self._bad_cells("Deals", column)):
                self._at("Deals", index, column, None, CLOSED_NEEDS, what=what)

    def _closed_stages(self, kinds: pd.Series) -> list[str]:
        """The deals' stage names taken as won or lost, in the files' order."""
        stages = self.frames["Deals"]["stage"]
        closed = deal_rules.closed_kind(kinds)
        return [str(name) for name in stages[closed].dropna().unique()]

    def _bad_cells(self, table: str, column: str) -> np.ndarray:
        """Rows whose cell in ``column`` was already reported as bad (not to report twice)."""
        header = self.headers.get(table, {}).get(column)
        frame = self.locations[table]
        bad = {(p.file, p.row) for p in self.problems if p.column == header and p.row is not None}
        if not bad:
            return np.zeros(len(frame), dtype=bool)
        return np.fromiter(((f, r) in bad for f, r in zip(frame["file"], frame["row"])), dtype=bool,
                           count=len(frame))

    def _at(self, table: str, index: int, column: str | None, cell, template: str, fields: dict | None = None,
            **more) -> None:
        location = self.locations[table].iloc[index]
        header = self.headers.get(table, {}).get(column, column) if column else None
        self.problem_count += 1
        if len(self.problems) < LISTED:
            row = location["row"]
            self.problems.append(ImportProblem(location["file"], location["sheet"],
                                               None if pd.isna(row) else int(row), header, cell, template,
                                               {**(fields or {}), **more}))

    def _missing_column(self, table: str, column: str, closed_stages: list[str] | None = None) -> None:
        """A required column none of the headers is, named by its label (translated with the
        message); ``closed_stages``: the won or lost stages that make it required."""
        files = self.locations.get(table, pd.DataFrame({"file": []}))["file"].dropna().unique()
        spec = schema.TABLES[table]
        fields = {"table": Label("schema", spec.label), "name": Label("schema", spec.column(column).label),
                  "aliases": ", ".join(_aliases(table, column))}
        if closed_stages:
            shown = closed_stages[:5] + (["..."] if len(closed_stages) > 5 else [])
            fields["stages"] = ", ".join(shown)
        self.problem_count += 1
        self.problems.append(ImportProblem(", ".join(map(str, files)) or None, None, None, None, None,
                                           MISSING_FOR_CLOSED if closed_stages else MISSING_COLUMN, fields))

    def _stages(self) -> None:
        """Stages of the deals' stage names that are not stages yet: made, with a kind (by the
        mapping, else by the name, else open), a probability and an order."""
        if "Deals" not in self.frames or "stage" not in self.frames["Deals"]:
            return
        deals = self.frames["Deals"]
        known = self._known_stage_kinds()
        names = [str(name) for name in deals["stage"].dropna().unique()]
        extra = [name for name in self.order_stages if name not in names and name not in known]
        new = [name for name in names if name not in known]
        self.stages_unknown = [name for name in new if name not in self.given.stages]
        new += extra
        for name in names:  # what each name became: a stage already there, else the kind of a new one
            self.mapping.stages.setdefault(name, self.given.stages.get(name) or (name if name in known else None)
                                           or kind_of_stage(name) or "open")
        if not new:
            self._probability_notes(pd.DataFrame({"stage": [], "kind": [], "probability": []}))
            return
        probabilities = self._stage_probabilities
        rows = []
        for position, name in enumerate(new):
            target = self.given.stages.get(name)
            kind = target if target in schema.STAGE_KINDS else kind_of_stage(name) or "open"
            rows.append({"stage": name, "kind": kind, "probability": new_stage_probability(name, kind, probabilities),
                         "first": position})
        table = pd.DataFrame(rows)
        open_rows = table["kind"] == "open"
        unknown = open_rows & table["probability"].isna()
        if unknown.any():  # an even ladder for open stages nothing says anything about
            count = int(unknown.sum())
            table.loc[unknown, "probability"] = [round(100 * (i + 1) / (count + 1)) * 10_000 for i in range(count)]
        table["rank"] = table["kind"].map({"open": 0, "won": 1, "lost": 2})
        table = table.sort_values(["rank", "probability", "first"], kind="stable")
        made = pd.DataFrame({"stage": table["stage"].to_numpy(), "order": self._new_stage_orders(table["kind"]),
                             "probability": table["probability"].astype("int64").to_numpy(),
                             "kind": table["kind"].to_numpy()})
        self._append("Stages", made)
        self.made.setdefault("Stages", set()).update(made["stage"])
        self._probability_notes(made)
        header = self.headers.get("Deals", {}).get("stage")
        self.warn("Deals", header, MADE_STAGES if header else MADE_ORDER_STAGES, count=len(made), header=header,
                  names=Kinded((n, Label("values", k)) for n, k in zip(made["stage"], made["kind"])))

    def _probability_notes(self, made: pd.DataFrame) -> None:
        header = self.headers.get("Deals", {}).get("probability")
        for template, fields in probability_notes(self._deal_probabilities, made):
            self.warn("Deals", header, template, **fields)

    def _new_stage_orders(self, new_kinds: pd.Series) -> np.ndarray:
        """The orders of new stages (:func:`place_new_stages`); the stages after the last open
        one moved down when there is no room: rows of the files' Stages sheet in place, the
        book's as rows the import changes."""
        files, known = self.frames.get("Stages"), []
        if self.book is not None and len(self.book["Stages"]):
            known.append(self.book["Stages"][["stage", "order", "kind"]].assign(book=True))
        if files is not None and "order" in files:
            kind = files["kind"] if "kind" in files else files["stage"].map(lambda n: kind_of_stage(str(n)) or "open")
            known.append(pd.DataFrame({"stage": files["stage"], "order": files["order"], "kind": kind, "book": False}))
        stages = (pd.concat(known, ignore_index=True) if known
                  else pd.DataFrame(columns=["stage", "order", "kind", "book"]))
        # a stage both in the book and in the files' Stages sheet: the files' row wins
        stages = stages[~(stages["book"] & stages["stage"].isin(stages.loc[~stages["book"], "stage"]))]
        orders, last_open, shift = place_new_stages(stages, new_kinds)
        if shift and files is not None and "order" in files:
            moved = files["order"].notna() & (files["order"] > last_open)
            files.loc[moved, "order"] = files.loc[moved, "order"] + shift
        moved = stages.loc[stages["book"] & stages["order"].notna() & (stages["order"] > last_open), "stage"]
        if shift and len(moved):
            book = self.book["Stages"]
            columns = [c for c in book.columns if c in ("stage", "order", "probability", "kind")
                       or (files is not None and c in files)]
            rows = book.loc[book["stage"].isin(moved), columns].reset_index(drop=True)
            self._append("Stages", rows.assign(order=rows["order"] + shift))
        return orders

    def _append(self, table: str, rows: pd.DataFrame) -> None:
        if table in self.frames:
            self.frames[table] = pd.concat([self.frames[table], rows], ignore_index=True, sort=False)
        else:
            self.frames[table] = rows.reset_index(drop=True)
        self.locations[table] = pd.concat([self.locations.get(table, pd.DataFrame(columns=["file", "sheet", "row"])),
                                           pd.DataFrame({"file": [None] * len(rows), "sheet": [None] * len(rows),
                                                         "row": [None] * len(rows)})], ignore_index=True)
        self.provided.setdefault(table, set()).update(c for c in rows.columns if c in schema.TABLES[table].names)

    def _reps(self) -> None:
        """Reps named by id only: id = name; managers and deal owners that are no rep yet are
        made when reps are known by name only (a CRM export, Maven's sales_teams.csv)."""
        # reps known by name only: none yet, or all made from names (their id is their name)
        by_name_only = self.book is None or bool((self.book["Reps"]["id"] == self.book["Reps"]["name"]).all())
        if "Reps" in self.frames:
            reps = self.frames["Reps"]
            if "id" not in reps and "name" in reps:
                reps.insert(0, "id", reps["name"])
                self.provided["Reps"].add("id")
                self.headers["Reps"].setdefault("id", self.headers["Reps"].get("name"))
            elif "id" in reps:
                by_name_only = False
                if "name" not in reps:
                    reps["name"] = reps["id"]
                    self.provided["Reps"].add("name")
            self.frames["Reps"] = reps
        names = self._known_reps()
        self._unknown_owners(names)
        made = []
        header = self.headers.get("Deals", {}).get("owner", "owner") if "Deals" in self.frames else None
        owners = self.frames["Deals"]["owner"].dropna().unique() if "Deals" in self.frames else []
        # decisions.md: deals without an owner go to an Unassigned rep the import creates (into a
        # book, when the mapping says so); owners the mapping makes new reps of
        for owner in owners:
            if owner not in names and (owner == UNASSIGNED or self.given.owners.get(owner) == NEW_REP):
                made.append(self._made_rep(owner))
                names.add(owner)
        if by_name_only and "Reps" in self.frames and "manager" in self.frames["Reps"]:
            reps = self.frames["Reps"]
            for manager in reps["manager"].dropna().unique():
                if manager not in names:
                    teams = reps.loc[reps["manager"] == manager, "team"].dropna().unique() if "team" in reps else []
                    made.append({"id": manager, "name": manager, "role": "manager",
                                 "team": teams[0] if len(teams) == 1 else pd.NA})
                    names.add(manager)
        if by_name_only and self.book is None:  # into a book, other owners are refused unless mapped
            for owner in owners:
                if owner not in names:
                    made.append(self._made_rep(owner))
                    names.add(owner)
        if made:
            self._append_made_reps(made, header)

    def _teams(self) -> None:
        """Teams the reps name (a ``team`` text column) that neither the files' Teams sheet nor
        the book has: made, as decisions.md says (teams are created or matched by name)."""
        reps = self.frames.get("Reps")
        if reps is None or "team" not in reps:
            return
        known = [frame["name"] for frame in (self.frames.get("Teams"), None if self.book is None
                                             else self.book["Teams"]) if frame is not None and "name" in frame]
        names = missing_teams(reps["team"], pd.concat(known) if known else None)
        if names:
            self._append("Teams", pd.DataFrame({"name": names}))
            self.made.setdefault("Teams", set()).update(names)

    def _made_rep(self, owner: str) -> dict:
        """A rep made from an owner's name (one named after a region has it as its team)."""
        team = self.region_teams.get(owner)
        return {"id": owner, "name": owner} if team is None else {"id": owner, "name": owner, "team": team}

    def _unknown_owners(self, known: set[str]) -> None:
        """Into a book: the owners to map before the merge can be made (``""``: deals without
        one, new or whose owner the files set), for the wizard to offer (plan_merge refuses them)."""
        if self.book is None or "Deals" not in self.frames:
            return
        deals = self.frames["Deals"]
        sets = pd.Series("owner" in self.provided.get("Deals", set()), index=deals.index)
        if "id" in deals:
            sets |= ~deals["id"].isin(self.book["Deals"]["id"].dropna())
        owners = deals["owner"][sets.to_numpy(dtype=bool)]
        mapped = set(self.given.owners) | ({UNASSIGNED} if "" in self.given.owners else set())
        unknown = [str(name) for name in owners.dropna().unique() if str(name).strip() not in known | mapped]
        self.owners_unknown = ([""] if owners.isna().any() else []) + unknown

    def _append_made_reps(self, made: list[dict], header: str | None) -> None:
        """Reps made from names (``header``: the deals' owner column), with a warning naming
        them; the Unassigned rep has its own warning (NO_OWNER)."""
        frame = pd.DataFrame(made)
        managers = frame["role"].eq("manager").fillna(False).to_numpy(dtype=bool) if "role" in frame else \
            np.zeros(len(frame), dtype=bool)
        self._append("Reps", frame)
        self.made.setdefault("Reps", set()).update(frame["id"])
        for table, chosen, column in (("Reps", managers, self.headers.get("Reps", {}).get("manager", "manager")),
                                      ("Deals", ~managers, header)):
            names = [str(name) for name in frame["id"][chosen] if name != UNASSIGNED]
            if names:
                shown = names[:10] + (["..."] if len(names) > 10 else [])
                self.warn(table, column, MADE_REPS, count=len(names), header=column, names=", ".join(shown))

    def _required(self) -> None:
        """Required cells left blank (Deals: see _deal_rules; a merge's deals without an owner
        are plan_merge's to refuse, saying what to map), and required columns missing."""
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            made = self.locations[table]["file"].isna().to_numpy(dtype=bool)
            for column in spec.columns:
                if not column.required or (table == "Deals" and column.name in deal_rules.OPEN_MAY_LACK):
                    continue
                if table == "Deals" and column.name == "owner" and self.book is not None:
                    continue
                if table == "Quotas" and column.name in ("rep", "team"):
                    continue
                if column.name not in frame:
                    if (~made).any():
                        self._missing_column(table, column.name)
                    continue
                missing = frame[column.name].isna().to_numpy(dtype=bool) & ~made
                for index in np.flatnonzero(missing & ~self._bad_cells(table, column.name)):
                    self._at(table, index, column.name, None, REQUIRED)

    def _duplicates(self) -> None:
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            if not spec.key or spec.key[0] not in frame or spec.column(spec.key[0]).kind is Kind.REF:
                continue
            keys = frame[spec.key[0]]
            repeated = keys.notna() & keys.duplicated(keep="first")
            if not repeated.any():
                continue
            first = {}
            for index, value in keys.items():
                if pd.notna(value):
                    first.setdefault(value, index)
            locations = self.locations[table]
            for index in np.flatnonzero(repeated.to_numpy(dtype=bool)):
                value = keys.iloc[index]
                here, there = locations.iloc[index], locations.iloc[first[value]]
                other = "?" if pd.isna(there["row"]) else int(there["row"])
                fields = {"value": value, "other": other, "file": there["file"], "sheet": there["sheet"]}
                if there["file"] == here["file"] and there["sheet"] == here["sheet"] or pd.isna(there["file"]):
                    template = DUPLICATE
                else:  # the other row is in another file or sheet: named
                    template = DUPLICATE_IN_SHEET if isinstance(there["sheet"], str) and there["sheet"] else \
                        DUPLICATE_IN_FILE
                self._at(table, index, spec.key[0], value, template, fields)

"""Who has a book open for editing: the *holders* recorded in the book's metadata.

A session that opens a book for editing adds itself to the ``holders`` list (token, host,
pid, user, since); another Planner is then told "open in another Planner (USER@HOST) since 2026-12-07 10:42"
unless it chooses to edit anyway, when it joins the list. Closing removes only the session's
own claim, so the book stays held while anyone still edits it. ``holder`` names the latest
holder: all that Planners before "Edit anyway" kept, and still read. A holder whose process
has ended on this machine no longer counts; one on another machine, whose process cannot be
looked at, counts while it renews its hold (``seen``, each minute: a book shared on a
PostgreSQL server), so a Planner killed on a laptop does not hold the team's book for ever.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from datetime import datetime, timedelta, timezone

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.storage.processes import process_alive


class BookInUse(PlannerError):
    """Another Planner has the book open for editing; ``holder`` says who and since when."""

    def __init__(self, target: str, holder: dict) -> None:
        since = holder.get("since", "")[:16].replace("T", " ") or "?"  # the day too: a hold may be old
        super().__init__(QT_TRANSLATE_NOOP("errors", "{target} is open in another Planner ({who}) since {since}"),
                         target=target, since=since, who=who(holder))
        self.holder = holder


# a holder on another machine that has not renewed its hold for this long is gone (it renews
# each minute: this leaves room for a missed beat and for clocks a few minutes apart)
HOLD_LAPSES = timedelta(minutes=10)


def session_holder() -> dict:
    """The record of this session, as it joins a book's holders."""
    return {"token": uuid.uuid4().hex, "host": socket.gethostname(), "pid": os.getpid(),
            "user": getpass.getuser(), "since": datetime.now().isoformat(timespec="seconds"), "seen": _now()}


def renewed(found: list[dict], token: str) -> list[dict]:
    """``found`` with the hold of ``token`` renewed now (other holders as they are)."""
    return [{**holder, "seen": _now()} if holder.get("token") == token else holder for holder in found]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def who(holder: dict | None = None) -> str:
    """``user@host`` of a holder record, as the change log names who changed a row (this
    process's user and machine when ``holder`` is None)."""
    holder = holder or {"user": getpass.getuser(), "host": socket.gethostname()}
    return f"{holder.get('user') or '?'}@{holder.get('host') or '?'}"


def record(text: str | None) -> dict | None:
    """A holder (or last saver) record from the metadata; None when absent or unreadable."""
    try:
        return _record(json.loads(text) if text else None)
    except ValueError:
        return None


def holders(meta: dict) -> list[dict]:
    """The sessions that hold the book for editing, oldest first (dead ones included)."""
    try:
        listed = json.loads(meta.get("holders") or "[]")
    except ValueError:
        listed = []
    found = [one for one in map(_record, listed if isinstance(listed, list) else []) if one]
    latest = record(meta.get("holder"))
    if latest and latest.get("token") not in {one.get("token") for one in found}:
        found.append(latest)  # held by an earlier Planner
    return found


def live_holder(meta: dict) -> dict | None:
    """The latest session still holding the book (None when none does)."""
    return next((one for one in reversed(holders(meta)) if alive(one)), None)


def holder_meta(found: list[dict]) -> dict[str, str | None]:
    """The metadata values that record ``found`` as the book's holders (None: removed)."""
    return {"holders": json.dumps(found) if found else None, "holder": json.dumps(found[-1]) if found else None}


def alive(holder: dict) -> bool:
    """Whether the session that holds the book still runs: on this machine, its process; on
    another, its hold renewed lately (a holder that never renews, an older Planner, counts)."""
    if holder.get("host") != socket.gethostname():
        try:
            seen = datetime.fromisoformat(str(holder["seen"]))
        except (KeyError, ValueError):
            return True
        if seen.tzinfo is None:
            return True
        return datetime.now(timezone.utc) - seen < HOLD_LAPSES
    pid = holder.get("pid")
    return isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 and process_alive(pid)


def _record(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {key: str(item) if key not in ("pid",) else item for key, item in value.items()}

"""Where a coder left the workbench: stored per coder name in ``workbench_state`` (migration
``0007_workbench_state``), outside the event log, so that undo never touches it."""

from __future__ import annotations

import json
import sqlite3

from qualcode.store.project import Project, utc_now


def read_workbench_state(project: Project, coder: str) -> dict:
    """The state ``coder`` saved last (a JSON object), or ``{}`` when there is none or it
    cannot be read (an older project file, a damaged value)."""
    try:
        row = project.db.execute("SELECT state FROM workbench_state WHERE coder = ?",
                                 [coder]).fetchone()
        value = json.loads(row[0]) if row else {}
    except (sqlite3.Error, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def write_workbench_state(project: Project, coder: str, state: dict) -> bool:
    """Store ``state`` (JSON-serialisable) for ``coder``, replacing what was there; returns
    ``False`` when the project cannot be written (read-only, locked), which is not an error:
    only the place to reopen at is lost."""
    if project.readonly is not None:
        return False
    payload = json.dumps(state, sort_keys=True, ensure_ascii=False)
    try:
        with project.db.atomic():
            project.db.execute(
                """INSERT INTO workbench_state (coder, state, modified) VALUES (?, ?, ?)
                   ON CONFLICT (coder) DO UPDATE SET state = excluded.state,
                       modified = excluded.modified""", [coder, payload, utc_now()])
    except sqlite3.OperationalError:
        return False
    return True

"""What the database holds after a fault: every acknowledged set, and nothing half-written."""

from __future__ import annotations

from sqlalchemy import text

from supple.store.repositories import open_store


def assert_store_whole(
    database_url: str, *, session: int, acknowledged: list[tuple[int, int]], opened: list[int]
) -> None:
    """Every set answered 204 is there, in the session it was sent to; no set without its session;
    every session opened (201) is there, each with its plan. `session` is the one the load began on."""
    store = open_store(database_url)
    try:
        steps: dict[int, set[int]] = {}
        for target in {session, *(s for s, _ in acknowledged)}:
            kept = store.history.session(session_id=target)
            steps[target] = {s.step for s in kept.sets} if kept is not None else set()
        with store.database.reading() as c:
            orphans = c.scalar(text("SELECT count(*) FROM sets WHERE session_id NOT IN (SELECT id FROM sessions)"))
            plans = {row[0]: row[1] for row in c.execute(text("SELECT id, plan FROM sessions"))}
    finally:
        store.close()
    lost = sorted((s, step) for s, step in acknowledged if step not in steps[s])
    assert not lost, f"lost sets: {lost[:20]}"
    assert orphans == 0
    assert set(opened) <= set(plans), f"lost sessions: {sorted(set(opened) - set(plans))}"
    assert all(plans.values()), "a session without its plan"

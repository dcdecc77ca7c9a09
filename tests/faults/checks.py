"""What the database holds after a fault: every acknowledged set, and nothing half-written."""

from __future__ import annotations

from sqlalchemy import text

from supple.store.repositories import open_store


def assert_store_whole(database_url: str, *, session: int, acknowledged: list[int], opened: list[int]) -> None:
    """Every set answered 204 is there; no set without its session; every session opened (201)
    is there, each with its plan."""
    store = open_store(database_url)
    try:
        kept = store.history.session(session_id=session)
        steps = {s.step for s in kept.sets} if kept is not None else set()
        with store.database.reading() as c:
            orphans = c.scalar(text("SELECT count(*) FROM sets WHERE session_id NOT IN (SELECT id FROM sessions)"))
            plans = {row[0]: row[1] for row in c.execute(text("SELECT id, plan FROM sessions"))}
    finally:
        store.close()
    assert set(acknowledged) <= steps, f"lost sets: {sorted(set(acknowledged) - steps)[:20]}"
    assert orphans == 0
    assert set(opened) <= set(plans), f"lost sessions: {sorted(set(opened) - set(plans))}"
    assert all(plans.values()), "a session without its plan"

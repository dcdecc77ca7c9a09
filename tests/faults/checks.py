"""What the database holds after a fault: every acknowledged set, and nothing half-written."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def assert_store_whole(database_url: str, *, session: int, acknowledged: list[int], opened: list[int]) -> None:
    """Every set answered 204 is there; no set without its session; every session opened (201)
    is there, each with its plan."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as c:
            steps = set(c.scalars(text("SELECT step FROM sets WHERE session_id = :s"), {"s": session}))
            orphans = c.scalar(text("SELECT count(*) FROM sets WHERE session_id NOT IN (SELECT id FROM sessions)"))
            plans = {row[0]: row[1] for row in c.execute(text("SELECT id, plan FROM sessions"))}
    finally:
        engine.dispose()
    assert set(acknowledged) <= steps, f"lost sets: {sorted(set(acknowledged) - steps)[:20]}"
    assert orphans == 0
    assert set(opened) <= set(plans), f"lost sessions: {sorted(set(opened) - set(plans))}"
    assert all(plans.values()), "a session without its plan"

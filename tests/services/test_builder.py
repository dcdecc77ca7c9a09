"""Shaping a routine by hand: every operation, the safety refusals and the dose-range refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.planner.request import PlanRequest
from supple.services import builder
from supple.services.context import AppContext
from supple.services.planning import make_plan
from supple.services.routines import routines_listed, save_routine, saved_routine
from supple.services.screening import record_screening
from supple.session.builder import items


def started(context: AppContext, title: str = "Morning back") -> str:
    return builder.new_routine(context, title=title)


def exercise_ids(context: AppContext, name: str) -> list[str]:
    return [edited.item.exercise.id for edited in builder.routine_to_edit(context, name=name).items]


def test_a_person_starts_a_routine_under_a_title_shown_everywhere(screened: AppContext) -> None:
    name = started(screened, "Morning back, after my walk!")
    assert name == "morning-back-after-my-walk"
    editing = builder.routine_to_edit(screened, name=name)
    assert editing.title == "Morning back, after my walk!"
    assert editing.items == () and editing.total_seconds == 0
    assert [r.title for r in routines_listed(screened)] == ["Morning back, after my walk!"]


def test_two_routines_of_the_same_title_get_names_of_their_own(screened: AppContext) -> None:
    assert started(screened, "Evening") == "evening"
    assert started(screened, "Evening") == "evening-2"


def test_a_title_must_say_something(screened: AppContext) -> None:
    with pytest.raises(BadRequest, match="title"):
        started(screened, "   ")


def test_a_person_adds_exercises_and_the_total_time_follows(screened: AppContext) -> None:
    name = started(screened)
    one = builder.add_exercise(screened, name=name, exercise_id="single-knee-to-chest")
    two = builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    assert [e.item.exercise.id for e in two.items] == ["single-knee-to-chest", "supine-figure-four"]
    assert one.total_seconds < two.total_seconds == sum(e.item.seconds for e in two.items)
    played_name, plan = saved_routine(screened, name=name)
    assert played_name == name and plan.total_seconds == two.total_seconds


def test_an_exercise_the_answers_exclude_cannot_be_added(screened: AppContext) -> None:
    record_screening(screened, yes=["knee-trouble"])
    name = started(screened)
    with pytest.raises(UnsafeToStart, match="Child's pose cannot be added") as refused:
        builder.add_exercise(screened, name=name, exercise_id="childs-pose")
    assert refused.value.topic == "excluded"
    assert exercise_ids(screened, name) == []


def test_an_exercise_the_answers_modify_carries_its_modification(screened: AppContext) -> None:
    record_screening(screened, yes=["knee-trouble"])
    name = started(screened)
    editing = builder.add_exercise(screened, name=name, exercise_id="cat-cow")
    (only,) = editing.items
    assert only.item.modifications and "cushion" in only.item.modifications[0]
    assert saved_routine(screened, name=name)[1].items[0].modifications == only.item.modifications


def test_nothing_is_added_while_the_safety_check_reports_a_warning_sign(screened: AppContext) -> None:
    name = started(screened)
    record_screening(screened, yes=["bladder-bowel"])
    with pytest.raises(UnsafeToStart, match="warning sign"):
        builder.add_exercise(screened, name=name, exercise_id="single-knee-to-chest")


def test_a_routine_planned_without_the_floor_refuses_a_floor_exercise(screened: AppContext) -> None:
    request = PlanRequest(conditions=("lower-back-pain",), minutes=10, no_floor=True)
    plan = make_plan(screened, request=request)
    save_routine(screened, name="no-floor", plan=plan, title="No floor")
    with pytest.raises(UnsafeToStart, match="avoid"):
        builder.add_exercise(screened, name="no-floor", exercise_id="supine-figure-four")


def test_removing_gives_back_what_an_undo_puts_back(screened: AppContext) -> None:
    name = started(screened)
    for exercise in ("single-knee-to-chest", "supine-figure-four", "pelvic-tilts"):
        builder.add_exercise(screened, name=name, exercise_id=exercise)
    builder.set_exercise_dose(screened, name=name, index=1, changes={"hold_s": 45})
    builder.set_exercise_note(screened, name=name, index=1, text="Keep the knee soft")
    before = builder.routine_to_edit(screened, name=name)
    after, removed = builder.remove_exercise(screened, name=name, index=1)
    assert [e.item.exercise.id for e in after.items] == ["single-knee-to-chest", "pelvic-tilts"]
    undone = builder.add_exercise(
        screened, name=name, exercise_id=removed["exercise"], at=1, dose=removed["dose"], note=removed["note"]
    )
    assert [e.item for e in undone.items] == [e.item for e in before.items]


def test_moving_reorders_and_keeps_the_total_the_sum(screened: AppContext) -> None:
    name = started(screened)
    for exercise in ("standing-quad-stretch", "supine-figure-four", "wall-calf-stretch"):
        builder.add_exercise(screened, name=name, exercise_id=exercise)
    moved = builder.move_exercise(screened, name=name, index=2, to=0)
    assert [e.item.exercise.id for e in moved.items] == [
        "wall-calf-stretch",
        "standing-quad-stretch",
        "supine-figure-four",
    ]
    assert moved.total_seconds == sum(e.item.seconds for e in moved.items)
    with pytest.raises(NotFound):
        builder.move_exercise(screened, name=name, index=7, to=0)


def test_a_dose_changes_within_its_range_and_is_refused_outside_saying_the_range(screened: AppContext) -> None:
    name = started(screened)
    builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    changed = builder.set_exercise_dose(screened, name=name, index=0, changes={"hold_s": 60, "reps": 2})
    (only,) = changed.items
    assert only.item.dosage.hold_s == 60 and only.item.dosage.reps == 2
    assert only.ranges["hold_s"] == (10, 60)
    with pytest.raises(BadRequest, match="can be 10 to 60 seconds, not 90") as refused:
        builder.set_exercise_dose(screened, name=name, index=0, changes={"hold_s": 90})
    assert refused.value.topic == "dose-range"
    with pytest.raises(BadRequest, match="has no breaths to change"):
        builder.set_exercise_dose(screened, name=name, index=0, changes={"breaths": 5})
    assert builder.routine_to_edit(screened, name=name).items[0].item.dosage.hold_s == 60


def test_notes_for_the_routine_and_each_exercise_reach_the_player(screened: AppContext) -> None:
    name = started(screened)
    builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    builder.set_exercise_note(screened, name=name, index=0, text="  Slowly   in ")
    builder.set_routine_note(screened, name=name, text="After your walk")
    plan = saved_routine(screened, name=name)[1]
    assert plan.note == "After your walk" and plan.items[0].note == "Slowly in"
    with pytest.raises(BadRequest, match="at most"):
        builder.set_routine_note(screened, name=name, text="x" * 501)


def test_a_swap_offers_a_short_list_with_reasons_and_brings_in_the_one_chosen(screened: AppContext) -> None:
    name = started(screened)
    builder.add_exercise(screened, name=name, exercise_id="pigeon-pose")
    builder.set_exercise_note(screened, name=name, index=0, text="gently")
    choices = builder.swap_choices(screened, name=name, index=0)
    assert 0 < len(choices) <= 5
    assert choices[0].exercise.id == "modified-pigeon"  # its easier version comes first
    assert all(choice.reasons for choice in choices)
    swapped = builder.swap_exercise(screened, name=name, index=0, exercise_id="modified-pigeon")
    assert [e.item.exercise.id for e in swapped.items] == ["modified-pigeon"]
    assert swapped.items[0].item.note == "gently"


def test_a_swap_never_offers_what_the_answers_exclude(screened: AppContext) -> None:
    name = started(screened)
    builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    record_screening(screened, yes=["knee-trouble"])
    offered = {choice.exercise.id for choice in builder.swap_choices(screened, name=name, index=0)}
    assert not offered & {"childs-pose", "couch-quad-stretch", "kneeling-couch-stretch", "pigeon-pose"}


def test_a_routine_is_renamed_duplicated_marked_and_deleted(screened: AppContext) -> None:
    name = started(screened, "Morning")
    builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    builder.rename_routine(screened, name=name, title="Morning, gently")
    copy = builder.duplicate_routine(screened, name=name)
    builder.set_exercise_dose(screened, name=copy, index=0, changes={"hold_s": 20})
    assert builder.routine_to_edit(screened, name=name).items[0].item.dosage.hold_s != 20
    builder.mark_favourite(screened, name=copy, favourite=True)
    listed = routines_listed(screened)
    assert [(r.title, r.favourite) for r in listed] == [("Copy of Morning, gently", True), ("Morning, gently", False)]
    builder.delete_routine(screened, name=name)
    assert [r.name for r in routines_listed(screened)] == [copy]
    with pytest.raises(NotFound):
        builder.delete_routine(screened, name=name)


def test_the_catalogue_is_searched_by_name_and_alias_and_filtered(screened: AppContext) -> None:
    name = started(screened)
    by_name = builder.exercise_choices(screened, name=name, search="pigeon")
    assert {c.exercise.id for c in by_name} == {"pigeon-pose", "modified-pigeon"}
    floor = builder.exercise_choices(screened, name=name, position="standing", kind="static")
    assert floor and all(c.exercise.position == "standing" and c.exercise.kind == "static" for c in floor)
    legs = builder.exercise_choices(screened, name=name, area="lower-legs")
    assert legs and len(legs) < len(builder.exercise_choices(screened, name=name))
    record_screening(screened, yes=["knee-trouble"])
    child = builder.exercise_choices(screened, name=name, search="child")
    assert child and child[0].refused and "knee" in child[0].refused.lower()


def test_a_planned_routine_is_edited_like_one_made_by_hand(screened: AppContext) -> None:
    plan = make_plan(screened, request=PlanRequest(conditions=("lower-back-pain",), minutes=10))
    save_routine(screened, name="my-routine", plan=plan)
    editing = builder.routine_to_edit(screened, name="my-routine")
    assert editing.title == "My routine"
    assert editing.total_seconds == plan.total_seconds


EDIT = st.one_of(
    st.tuples(
        st.just("add"),
        st.sampled_from(
            ["childs-pose", "cat-cow", "supine-figure-four", "pigeon-pose", "standing-quad-stretch", "pelvic-tilts"]
        ),
    ),  # fmt: skip
    st.tuples(st.just("remove"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.tuples(st.integers(0, 5), st.integers(-1, 6))),
    st.tuples(st.just("hold"), st.tuples(st.integers(0, 5), st.integers(0, 120))),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, max_size=8))
def test_any_sequence_of_edits_keeps_the_routine_safe_and_its_time_the_sum(screened: AppContext, edits) -> None:
    record_screening(screened, yes=["knee-trouble"])
    name = started(screened)
    for kind, value in edits:
        try:
            if kind == "add":
                builder.add_exercise(screened, name=name, exercise_id=value)
            elif kind == "remove":
                builder.remove_exercise(screened, name=name, index=value)
            elif kind == "move":
                builder.move_exercise(screened, name=name, index=value[0], to=value[1])
            else:
                builder.set_exercise_dose(screened, name=name, index=value[0], changes={"hold_s": value[1]})
        except (UnsafeToStart, BadRequest, NotFound):
            pass
    editing = builder.routine_to_edit(screened, name=name)
    assert all(not edited.left_out for edited in editing.items)  # nothing the answers exclude got in
    assert all(edited.item.exercise.id != "childs-pose" for edited in editing.items)
    for edited in editing.items:
        hold = edited.item.dosage.hold_s
        if hold is not None and "hold_s" in edited.ranges:
            low, high = edited.ranges["hold_s"]
            assert low <= hold <= high
        if edited.item.exercise.id == "cat-cow":
            assert edited.item.modifications
    kept = screened.store.routines.record(person_id=screened.mode.person(None), name=name)
    assert kept is not None and len(items(kept.plan)) == len(editing.items)
    assert editing.total_seconds == sum(edited.item.seconds for edited in editing.items)
    if editing.items:  # the time a player shows is the routine's own, laid out afresh
        assert saved_routine(screened, name=name)[1].total_seconds == editing.total_seconds
        assert kept.plan["minutes"] == -(-editing.total_seconds // 60)


def test_the_fhir_export_carries_the_title_and_the_notes(screened: AppContext) -> None:
    from supple.services.interop import fhir_export

    name = started(screened, "After my walk")
    builder.add_exercise(screened, name=name, exercise_id="supine-figure-four")
    builder.set_exercise_note(screened, name=name, index=0, text="keep the knee soft")
    builder.set_routine_note(screened, name=name, text="after your walk")
    bundle = fhir_export(screened, routine=name).bundle
    (care_plan,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    assert care_plan["title"] == "After my walk"
    assert care_plan["note"][0] == {"text": "after your walk"}
    assert "Note: keep the knee soft" in care_plan["activity"][0]["detail"]["description"]


@pytest.fixture
def clinic_context(tmp_path, clock) -> Iterator[AppContext]:
    from argon2 import PasswordHasher

    from supple.config import Settings
    from supple.services.passwords import Passwords

    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    made = AppContext(Settings(home=tmp_path / "clinic", multi_user=True), clock=clock, passwords=cheap)
    yield made
    made.close()


def test_a_clients_draft_is_given_after_their_answers_and_templates_go_as_copies(clinic_context) -> None:
    from supple.services import templates
    from supple.services.people import create_account, create_client

    context, password = clinic_context, "a long enough password"
    carol = create_account(context, username="carol", password=password, role="clinician").person_id
    dave = create_account(context, username="dave", password=password, role="clinician").person_id
    alice = create_client(context, clinician_id=carol, username="alice", password=password).person_id
    bob = create_client(context, clinician_id=carol, username="bob", password=password).person_id
    record_screening(context, yes=[], person_id=alice)
    record_screening(context, yes=["knee-trouble"], person_id=bob)
    ids = {"person_id": alice, "clinician_id": carol}
    name = builder.new_routine(context, title="Hips", **ids)
    builder.add_exercise(context, name=name, exercise_id="childs-pose", **ids)
    assert routines_listed(context, person_id=alice) == []  # a draft: not alice's to see yet
    with pytest.raises(NotFound):
        builder.add_exercise(context, name=name, exercise_id="cat-cow", person_id=alice, clinician_id=dave)
    templates.give_routine(context, clinician_id=carol, client_id=alice, name=name)
    assert [r.title for r in routines_listed(context, person_id=alice)] == ["Hips"]
    template = templates.save_as_template(context, clinician_id=carol, client_id=alice, name=name)
    given = templates.give_template(context, clinician_id=carol, template_id=template, client_ids=[alice, bob])
    assert [person for person, _ in given.given] == [alice]
    assert [person for person, _ in given.refused] == [bob]  # child's pose is not for bob's knees
    copy = given.given[0][1]
    builder.remove_exercise(context, name=copy, index=0, **ids)
    assert len(items(templates.template(context, clinician_id=carol, template_id=template).plan)) == 1
    assert len(builder.routine_to_edit(context, name=name, **ids).items) == 1
    with pytest.raises(NotFound):
        templates.give_template(context, clinician_id=dave, template_id=template, client_ids=[alice])
    with pytest.raises(BadRequest, match="at least one exercise"):
        templates.give_routine(context, clinician_id=carol, client_id=alice, name=copy)

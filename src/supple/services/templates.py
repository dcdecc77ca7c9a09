"""A clinician giving routines: a draft given to its client once it passes the client's own answers,
and templates, routines kept to give to any of their clients. Each client gets a copy: editing one
client's routine changes neither the template nor anyone else's copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.services.builder import MAX_TITLE, new_routine, precautions_of, routine_record, whose
from supple.services.clinic import client
from supple.session import builder

if TYPE_CHECKING:
    from supple.services.context import AppContext
    from supple.store.repositories.templates import Template


def _checked_for(context: AppContext, client_id: int, plan: builder.Routine) -> builder.Routine:
    """The routine checked against the client's own answers, now: UnsafeToStart names what they rule out."""
    if not builder.items(plan):
        raise BadRequest("add at least one exercise before giving the routine")
    catalog = context.content.catalog()
    return builder.recheck(plan, catalog=catalog, precautions=precautions_of(context, client_id))


def give_routine(context: AppContext, *, clinician_id: int, client_id: int, name: str) -> None:
    """Give the client a routine the clinician wrote for them (a draft until now), after checking it
    against the client's own safety answers as they stand."""
    person = whose(context, person_id=client_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    checked = _checked_for(context, person, found.plan)
    context.store.routines.edit(
        person_id=person, name=name, now=context.now(), plan=checked, draft=False, given_by=clinician_id
    )
    context.plans_played.clear()


def save_as_template(context: AppContext, *, clinician_id: int, client_id: int, name: str) -> int:
    """Keep one of the client's routines as a template of the clinician's; gives its id."""
    person = whose(context, person_id=client_id, clinician_id=clinician_id)
    found = routine_record(context, person, name)
    if not builder.items(found.plan):
        raise BadRequest("add at least one exercise before keeping the routine as a template")
    plan = {key: value for key, value in found.plan.items() if key != "request"}  # a client's limits stay theirs
    return context.store.templates.add(clinician_id=clinician_id, title=found.title[:MAX_TITLE], plan=plan,
                                       now=context.now())  # fmt: skip


def templates(context: AppContext, *, clinician_id: int) -> list[Template]:
    return context.store.templates.listed(clinician_id=clinician_id)


def template(context: AppContext, *, clinician_id: int, template_id: int) -> Template:
    found = context.store.templates.get(clinician_id=clinician_id, template_id=template_id)
    if found is None:
        raise NotFound("that template is not among yours")
    return found


def delete_template(context: AppContext, *, clinician_id: int, template_id: int) -> None:
    if not context.store.templates.delete(clinician_id=clinician_id, template_id=template_id):
        raise NotFound("that template is not among yours")


@dataclass(frozen=True)
class Given:
    """What giving a template to several clients did: who got it (and under which name), and who
    did not, with why in words."""

    given: tuple[tuple[int, str], ...]
    refused: tuple[tuple[int, str], ...]


def give_template(context: AppContext, *, clinician_id: int, template_id: int, client_ids: list[int]) -> Given:
    """A copy of the template to each client named, each checked against that client's own answers;
    a client whose answers rule something out does not get it, and is named with the reason."""
    found = template(context, clinician_id=clinician_id, template_id=template_id)
    if not client_ids:
        raise BadRequest("choose at least one client to give the template to")
    given, refused = [], []
    for client_id in dict.fromkeys(client_ids):
        account = client(context, clinician_id=clinician_id, client_id=client_id)
        try:
            checked = _checked_for(context, client_id, found.plan)
        except UnsafeToStart as error:
            refused.append((account.person_id, str(error)))
            continue
        name = new_routine(context, title=found.title, plan=checked, person_id=client_id, clinician_id=clinician_id)
        context.store.routines.edit(person_id=client_id, name=name, now=context.now(), draft=False)
        given.append((account.person_id, name))
    context.plans_played.clear()
    return Given(tuple(given), tuple(refused))

"""The printable home-exercise programme: what `supple handout` and the web's handout pages call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from supple.catalog.loader import read_yaml
from supple.errors import BadRequest
from supple.export.handout import Handout, build_handout
from supple.export.render import PageLinks, Paper, handout_html, handout_pdf, parse_paper
from supple.figures import still_svg
from supple.planner.plan import Plan
from supple.services import clinic
from supple.services.routines import routine_title, saved_routine, saved_routine_to_read
from supple.services.screening import precautions_for, require_safe_start, screening_questions
from supple.session.routine import plan_from_data, title_of
from supple.store.files.atomic import write_file

if TYPE_CHECKING:
    from supple.services.context import AppContext


@dataclass(frozen=True)
class WrittenHandout:
    handout: Handout
    pages: int


def make_handout(
    context: AppContext,
    *,
    plan_file: Path | None = None,
    routine: str | None = None,
    person: str | None = None,
    base_url: str | None = None,
    ack_caution: bool = False,
    person_id: int | None = None,
) -> Handout:
    """The handout of a routine file, a saved routine by name, or else the routine saved last; after
    the safety gate and with today's precautions, as `supple go` would play it. Paper doesn't move:
    a movement's key poses are printed together, the later ones as ghosts. With `base_url`
    (where the web app is reached), a QR code links to the saved routine there."""
    if plan_file is not None and routine is not None:
        raise BadRequest("choose one of --plan FILE and --routine NAME")
    if plan_file is not None:
        if base_url:
            raise BadRequest("--base-url links to a saved routine in the web app: save it first and use --routine NAME")
        title, plan = _from_file(context, plan_file, ack_caution)
        link = None
    else:
        name, plan = saved_routine(context, name=routine, ack_caution=ack_caution, person_id=person_id)
        title, link = _title(context, person_id, name), routine_link(base_url, name) if base_url else None
    return _handout(context, plan, title=title, person=person, link=link)


def _handout(context: AppContext, plan: Plan, *, title: str, person: str | None, link: str | None) -> Handout:
    return build_handout(
        plan, context.content.catalog(), screening_questions(context), title=title, person=person,
        today=context.today(), figure_for=still_svg, link=link,
    )  # fmt: skip


def write_handout(
    context: AppContext,
    *,
    path: Path,
    plan_file: Path | None = None,
    routine: str | None = None,
    person: str | None = None,
    paper: str = "a4",
    base_url: str | None = None,
    ack_caution: bool = False,
) -> WrittenHandout:
    """Render the handout as a PDF into `path`."""
    chosen = parse_paper(paper)
    handout = make_handout(context, plan_file=plan_file, routine=routine, person=person, base_url=base_url,
                           ack_caution=ack_caution)  # fmt: skip
    data, pages = _pdf(handout, chosen)
    write_file(path, data)
    return WrittenHandout(handout, pages)


def handout_page(
    context: AppContext,
    *,
    routine: str,
    person: str | None,
    paper: str,
    base_url: str | None,
    back: str,
    person_id: int | None = None,
) -> str:
    """The web page of a saved routine's handout: the PDF's HTML, with a toolbar the printout leaves out."""
    chosen = parse_paper(paper)
    handout = _own_handout(context, routine, person, base_url, person_id)
    links = PageLinks(pdf=f"/routines/{quote(routine)}/handout.pdf", back=back, person=handout.person, paper=chosen)
    return handout_html(handout, paper=chosen, links=links)


def handout_document(
    context: AppContext,
    *,
    routine: str,
    person: str | None,
    paper: str,
    base_url: str | None,
    person_id: int | None = None,
) -> bytes:
    """A saved routine's handout as a PDF, for the web's download."""
    chosen = parse_paper(paper)
    return _pdf(_own_handout(context, routine, person, base_url, person_id), chosen)[0]


def _own_handout(
    context: AppContext, routine: str, person: str | None, base_url: str | None, person_id: int | None
) -> Handout:
    """The web's handout of the person's own saved routine: readable after a "this hurts" (the
    programme is theirs, and printing starts nothing), refused after a stop verdict
    (docs/handout.md, "When the handout is refused")."""
    name, plan = saved_routine_to_read(context, name=routine, person_id=person_id)
    link = routine_link(base_url, name) if base_url else None
    return _handout(context, plan, title=_title(context, person_id, name), person=person, link=link)


def client_handout_page(
    context: AppContext, *, clinician_id: int, client_id: int, routine: str, paper: str, base_url: str | None
) -> str:
    """Clinic mode: the handout of a client's routine, for their clinician to print and hand over."""
    chosen = parse_paper(paper)
    handout = _client_handout(context, clinician_id, client_id, routine, base_url)
    here = f"/clients/{client_id}/routines/{quote(routine)}"
    links = PageLinks(pdf=f"{here}/handout.pdf", back=here, person=handout.person, paper=chosen)
    return handout_html(handout, paper=chosen, links=links)


def client_handout_document(
    context: AppContext, *, clinician_id: int, client_id: int, routine: str, paper: str, base_url: str | None
) -> bytes:
    chosen = parse_paper(paper)
    return _pdf(_client_handout(context, clinician_id, client_id, routine, base_url), chosen)[0]


def _client_handout(
    context: AppContext, clinician_id: int, client_id: int, routine: str, base_url: str | None
) -> Handout:
    """The routine as the client will play it today (their precautions), under the client's name;
    the QR code opens it in the web app, where the client signs in and plays it."""
    client = clinic.client(context, clinician_id=clinician_id, client_id=client_id)
    plan = clinic.client_routine(context, clinician_id=clinician_id, client_id=client_id, name=routine)
    link = routine_link(base_url, routine) if base_url else None
    return _handout(context, plan, title=_title(context, client_id, routine), person=client.username, link=link)


def routine_link(base_url: str, routine: str) -> str:
    """Where the web app plays `routine`, for the handout's QR code."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest(f"--base-url {base_url!r}: give the web app's address, e.g. http://192.168.1.20:8000")
    return f"{base_url.strip().rstrip('/')}/play?routine={quote(routine)}"


def _pdf(handout: Handout, paper: Paper) -> tuple[bytes, int]:
    return handout_pdf(handout_html(handout, paper=paper))


def _title(context: AppContext, person_id: int | None, name: str) -> str:
    return routine_title(context, name=name, person_id=person_id)


def _from_file(context: AppContext, path: Path, ack_caution: bool) -> tuple[str, Plan]:
    """A routine file's title (a clinician's `name:`, else the file's name) and its plan for today."""
    screening = require_safe_start(context, ack_caution=ack_caution)
    precautions = precautions_for(context, screening=screening)
    data = read_yaml(path)  # JSON is YAML too: a plan's JSON or a clinician's routine
    plan = plan_from_data(data, source=path, catalog=context.content.catalog(), precautions=precautions)
    name = data.get("name") if isinstance(data, dict) else None
    return (name.strip() if isinstance(name, str) and name.strip() else title_of(path.stem, None)), plan

"""The handout as HTML (one Jinja2 template, for the web page and the PDF alike) and as PDF (WeasyPrint).

WeasyPrint and segno are imported inside the functions that use them: `supple --help` and every
other command stay fast (docs/architecture.md, Budgets).
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from supple.errors import BadRequest
from supple.export.handout import Handout

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"
Paper = Literal["a4", "letter"]
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}  # the CSS @page size of each
# Anything before the <svg> element of a standalone SVG document: the XML declaration, a DOCTYPE, comments.
_SVG_START = re.compile(r"<svg[\s>]")


@dataclass(frozen=True)
class PageLinks:
    """What the web page adds around the handout (hidden when printed): the PDF and the way back."""

    pdf: str  # the PDF download, without the paper query
    back: str
    person: str | None
    paper: Paper


def parse_paper(text: str) -> Paper:
    paper = text.strip().lower()
    if paper == "a4":
        return "a4"
    if paper in ("letter", "us-letter"):
        return "letter"
    raise BadRequest(f"paper {text!r}: use a4 or letter")


@functools.cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters.update(svg_data_uri=svg_data_uri, cites=cites)
    env.globals.update(qr_data_uri=qr_data_uri)
    return env


def handout_html(handout: Handout, *, paper: Paper = "a4", links: PageLinks | None = None) -> str:
    """The handout as one self-contained HTML page: its style and images are inside it."""
    css, screen_css = ((TEMPLATES / name).read_text(encoding="utf-8") for name in ("handout.css", "handout-screen.css"))
    template = _environment().get_template("handout.html")
    return template.render(handout=handout, page_size=PAPERS[paper], css=css, screen_css=screen_css, links=links)


def handout_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of a handout page (A4 or Letter as its @page rule says), and its number of pages."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    document = HTML(string=html, base_url=str(TEMPLATES)).render()
    data: bytes = document.write_pdf()
    return data, len(document.pages)


def svg_data_uri(svg: str) -> str:
    """A standalone SVG document as an image URI. As an <img> rather than inline markup, each
    figure keeps its own ids and styles: two figures' gradients or classes cannot clash, and an
    XML declaration or DOCTYPE at the top does no harm."""
    match = _SVG_START.search(svg)
    if match is None:
        raise ValueError("not an SVG document: no <svg> element")
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def qr_data_uri(url: str) -> str:
    """A QR code for `url`, as an SVG image URI (medium error correction: survives a crease)."""
    import segno

    uri: str = segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2, dark="#1d2421")
    return uri


def cites(numbers: tuple[int, ...]) -> str:
    """(1, 3) -> '[1, 3]': the source numbers after a piece of advice."""
    return f"[{', '.join(map(str, numbers))}]" if numbers else ""

"""The exercises' figures as SVG images: `/figures/{id}.svg`, the same drawings the command line
and the handout use. Cacheable: each carries an ETag and a conditional request gets a 304."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response

from supple.services.figures import exercise_figure
from supple.web.deps import ContextDep
from supple.web.headers import SVG_POLICY

router = APIRouter(include_in_schema=False)
# Browsers keep a figure for a day, then ask again with the ETag (one small 304 when unchanged).
CACHE_CONTROL = "public, max-age=86400"


@router.get("/figures/{exercise_id}.svg")
def figure(
    context: ContextDep,
    exercise_id: str,
    still: Annotated[bool, Query(description="without motion, for reduced motion and print")] = False,
    side: Annotated[
        Literal["left", "right"], Query(description="the side shown: the left is the mirror image")
    ] = "right",
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    drawn = exercise_figure(context, exercise_id=exercise_id, animate=not still, side=side)
    etag = f'"{drawn.etag}"'
    # Opened as a page of its own, the drawing keeps its <style> and runs nothing (web/headers.py)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Content-Security-Policy": SVG_POLICY}
    if if_none_match is not None and etag in (tag.strip() for tag in if_none_match.split(",")):
        return Response(status_code=304, headers=headers)
    return Response(drawn.svg, media_type="image/svg+xml", headers=headers)

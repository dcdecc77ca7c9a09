"""`GET /health`: whether this process can serve, for a load balancer or a reverse proxy.

Open to anyone in clinic mode too: it says nothing about anybody, only whether the database answers.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from supple.services.health import database_answers
from supple.web.deps import ContextDep

router = APIRouter(include_in_schema=False)


@router.get("/health")
def health(context: ContextDep) -> JSONResponse:
    if database_answers(context):
        return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
    return JSONResponse(
        {"status": "unavailable", "detail": "the database does not answer"},
        status_code=503, headers={"Cache-Control": "no-store", "Retry-After": "5"},
    )  # fmt: skip

"""FastAPI dependencies, as Annotated aliases: the settings, the templates, who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from supple.config import Settings


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def get_person(request: Request) -> int:
    """The person whose data this request may touch. In single-person mode that is the one local
    person (the server listens on 127.0.0.1 unless told otherwise)."""
    from supple import services

    return services.local_person(request.app.state.settings)


SettingsDep = Annotated[Settings, Depends(get_settings)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
PersonDep = Annotated[int, Depends(get_person)]

"""What went wrong with a request, in sentences for a web page: the field named in words, the
problem in words ("Please choose the days of the week.", never "days: field required")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from supple.validation import problem_words

# A form's or a query's fields, as a person would name them.
FIELDS = {
    "activity": "the activity",
    "at": "the time",
    "avoid_positions": "the positions to leave out",
    "backup": "the backup file",
    "conditions": "what bothers you",
    "confirm": "the confirmation",
    "current": "your current password",
    "days": "the days of the week",
    "done": "the page's note",
    "equipment": "what you have at hand",
    "exercise_id": "the exercise",
    "minutes": "the minutes",
    "name": "the name",
    "new": "the new password",
    "new_to_stretching": "the choice of new to stretching",
    "next": "the page to go back to",
    "no_floor": "the floor choice",
    "pain_today": "your pain today",
    "paper": "the paper size",
    "password": "the password",
    "person": "the name on the handout",
    "query": "the routine's choices",
    "routine": "the routine's name",
    "score": "the rating",
    "speed": "the speed",
    "text": "the routine",
    "username": "the username",
    "warmed_up": "the warm-up choice",
    "without": "the exercises swapped out",
    "yes": "your answers",
}
CHOSEN = frozenset({"days", "conditions", "yes", "equipment", "backup"})  # chosen, not typed
WHERE = frozenset({"body", "query", "path", "form", "header", "cookie"})


def field_words(location: Sequence[int | str]) -> str:
    """("query", "days") -> "the days of the week"; a field without words of its own is named as
    it is written, its underscores made spaces."""
    names = [str(part) for part in location if isinstance(part, str) and part not in WHERE]
    name = names[-1] if names else ""
    return FIELDS.get(name, f"the {name.replace('_', ' ')}" if name else "what you entered")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def problem_sentence(problem: Mapping[str, Any]) -> str:
    """One of FastAPI's problems as a sentence: "The rating must be 10 or less."."""
    location = problem.get("loc") or ()
    field = field_words(location)
    if problem.get("type") == "missing":
        name = next((str(p) for p in reversed(location) if isinstance(p, str) and p not in WHERE), "")
        return _sentence(f"please {'choose' if name in CHOSEN else 'fill in'} {field}")
    return _sentence(f"{field} {problem_words(problem)}")


def form_problems(problems: Iterable[Mapping[str, Any]]) -> str:
    """Every problem of a form, each once, as sentences."""
    said = list(dict.fromkeys(problem_sentence(problem) for problem in problems))
    return " ".join(said) if said else "Please check what you entered."

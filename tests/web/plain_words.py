"""What a page must never say to a person: command-line words, folder names, raw validation text,
"(s)" plurals, "Not Found", and ids where a name belongs (issue 16). The crawler
(tests/web/test_plain_words.py) and the browser's error pages (tests/e2e/test_plain_words.py)
both check with `problems_in`."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from supple.cli.app import COMMANDS, GROUPS
from supple.safety.loader import builtin_safety

COMMAND = re.compile(r"\bsupple (?:" + "|".join(sorted([*COMMANDS, *GROUPS])) + r")\b")
WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("a command", COMMAND),
    ("an option", re.compile(r"(?<![\w-])--[a-z]")),
    ("a backtick", re.compile("`")),
    ("a folder or variable", re.compile(r"SUPPLE_|docs/|\.ya?ml\b", re.IGNORECASE)),
    ("validation text", re.compile(r"Input should|List should|Tuple should|validation|field required", re.IGNORECASE)),
    ("an (s) plural", re.compile(r"\(s\)")),
    ("a plural after one", re.compile(r"(?<![\d.,:])\b1 (?:exercises|sets|sessions|weeks|days|reps|holds|minutes)\b")),
    ("Not Found", re.compile(r"\bnot found\b", re.IGNORECASE)),
    ("a list of valid ids", re.compile(r"; valid: ")),
]
# Text that shows what a person writes or reads as code: a routine's format, its example.
CODE = frozenset({"textarea", "pre", "code"})
HIDDEN = frozenset({"script", "style", "template"})
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


@functools.cache
def known_ids() -> frozenset[str]:
    """Every id of the catalogue and the safety data that reads as one (with a dash): a person
    should see the name instead."""
    safety = builtin_safety()
    from supple.catalog.loader import builtin_catalog

    catalog = builtin_catalog()
    vocabulary = catalog.vocabulary
    ids = {*catalog.exercises, *(q.id for q in safety.questions), *(p.id for p in safety.precautions)}
    for terms in (vocabulary.conditions, vocabulary.positions, vocabulary.kinds, vocabulary.equipment,
                  vocabulary.muscles, vocabulary.demands, vocabulary.areas):  # fmt: skip
        ids |= set(terms)
    return frozenset(i for i in ids if "-" in i)


@dataclass
class Shown(HTMLParser):
    """The words of a page as a person meets them: its text, the attributes read out or shown, and
    the player's cues; `prose` leaves out what is shown as code."""

    text: list[str] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    patterns_without_title: list[str] = field(default_factory=list)
    _hidden: int = 0
    _code: int = 0
    _script_json: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _say(self, words: str) -> None:
        self.text.append(words)
        if not self._code:
            self.prose.append(words)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in HIDDEN:
            self._hidden += 1
            self._script_json = tag == "script" and values.get("type") == "application/json"
        if tag in CODE:
            self._code += 1
        if tag == "input" and values.get("pattern") and not values.get("title"):
            self.patterns_without_title.append(values.get("name") or "?")
        for name in SHOWN_ATTRIBUTES:
            if values.get(name):
                self._say(str(values[name]))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self._say(str(values["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
            self._script_json = False
        if tag in CODE:
            self._code = max(self._code - 1, 0)

    def handle_data(self, data: str) -> None:
        if self._script_json:  # the player's data: its cues and names are shown as it plays
            self.text.extend(_strings(json.loads(data)))
        elif not self._hidden and data.strip():
            self._say(data)


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def problems_in(text: str, *, prose: str | None = None) -> list[str]:
    """What is wrong with these words: each problem named, with the words around it."""
    found = []
    for what, pattern in WORDS:
        for match in pattern.finditer(text):
            found.append(f"{what}: ...{text[max(match.start() - 50, 0) : match.end() + 50]}...")
    checked = text if prose is None else prose
    for raw in known_ids():
        for match in re.finditer(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", checked):
            found.append(f"an id, {raw}: ...{checked[max(match.start() - 50, 0) : match.end() + 50]}...")
    return found


def page_problems(html: str) -> list[str]:
    shown = Shown()
    shown.feed(html)
    shown.close()
    found = problems_in(" ¶ ".join(shown.text), prose=" ¶ ".join(shown.prose))
    found += [f"a pattern without a title (the browser's own message): {name}" for name in shown.patterns_without_title]
    return found


def calendar_problems(ics: str) -> list[str]:
    unfolded = ics.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")
    return problems_in(unfolded)

"""Frozen dataclasses that pydantic validates, without pydantic at import: the content's records,
and the values that cross the layers (a plan request, a finished set), which the web's API takes
as its bodies.

A cold `supple plan` takes the catalogue already validated from the content cache
(store/content_cache.py). Had the records been pydantic models, merely defining their classes
would import pydantic and build each model's fields: half of that command's start-up budget
(docs/architecture.md, Budgets) spent before anything was planned. As plain dataclasses they cost a few
milliseconds; pydantic is imported, and each record's validator built, only when a file is
validated. Field rules are declared once, on the fields, with `Limits` (pydantic's own keyword
arguments, applied when the validator is built), and rules across fields in `__post_init__`,
whose ValueError pydantic reports as the record's validation error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Self, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema


class Limits:
    """Constraints on a field, as pydantic-core's keyword arguments for its type: `Limits(gt=0,
    le=3600)` on an int, `Limits(pattern=..., strip_whitespace=True)` on a str, `Limits(min_length=1)`
    on a tuple, `Limits(allow_inf_nan=False)` on a float. Pydantic reads them from the annotation."""

    def __init__(self, **constraints: object) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema: Any = {**handler(source), **self.constraints}
        return schema  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"Limits({', '.join(f'{key}={value!r}' for key, value in self.constraints.items())})"


class Described:
    """A field's description in the API's schema (/docs), read by pydantic when it builds the schema."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        schema = handler(core_schema)
        schema["description"] = self.text
        return schema


class Record:
    """Base of every content record. Subclasses are decorated with `@record`.

    Unknown keys are errors: a typo in a content file must not be silently ignored. The methods
    keep pydantic's names, so code that reads or copies a record reads as it would with a model.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    # Equality, hash and repr as a frozen dataclass would write them, but written once here: the
    # dataclass module compiles each method of each class from source as the class is defined, and
    # for the content's 30 records that was about 4 ms of every cold `supple plan`
    # (docs/architecture.md, Budgets).
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(self.__class__).compared
        return tuple(getattr(self, name) for name in names) == tuple(getattr(other, name) for name in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in _names(self.__class__).hashed))

    def __repr__(self) -> str:
        fields = (f"{name}={getattr(self, name)!r}" for name in _names(self.__class__).shown)
        return f"{self.__class__.__qualname__}({', '.join(fields)})"

    @classmethod
    def prepare(cls, data: Any) -> Any:
        """Turn what a file says into the record's fields before they are validated (a shorthand
        expanded, say). The default takes the data as it is."""
        return data

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        if cls.prepare.__func__ is Record.prepare.__func__:  # type: ignore[attr-defined]
            return schema
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(cls.prepare, schema)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from a file's data; pydantic.ValidationError says what is wrong where."""
        record: Self = _adapter(cls).validate_python(data)
        return record

    def model_dump(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The record's fields as a dict, records within it too; in "json" mode tuples become lists.
        What pydantic would dump (tests/catalog/test_record.py), without importing it: `supple
        catalog --json` needs no validator."""
        dumped = dataclasses.asdict(self)  # type: ignore[call-overload]
        return _as_json(dumped) if mode == "json" else dumped  # type: ignore[no-any-return]

    def model_copy(self, *, update: dict[str, Any]) -> Self:
        """A copy with some fields changed, checked by `__post_init__` like any new record."""
        return dataclasses.replace(self, **update)  # type: ignore[type-var]


R = TypeVar("R", bound=Record)


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[R]) -> type[R]:
    """A content record's class: a frozen dataclass whose fields are given by name, with Record's
    equality, hash and repr."""
    return dataclasses.dataclass(frozen=True, kw_only=True, eq=False, repr=False)(cls)


class _Names(NamedTuple):
    compared: tuple[str, ...]
    hashed: tuple[str, ...]
    shown: tuple[str, ...]


_names_of: dict[type[Record], _Names] = {}


def _names(cls: type[Record]) -> _Names:
    """Which fields a record's equality, hash and repr take, as a dataclass's own would."""
    names = _names_of.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        names = _names_of[cls] = _Names(
            tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in fields if f.repr),
        )
    return names


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in value]
    return value


_adapters: dict[type[Record], TypeAdapter[Any]] = {}


def _adapter(cls: type[Record]) -> TypeAdapter[Any]:
    """A record class's validator, built on first use (several threads may build one at once: the
    same validator either way)."""
    adapter = _adapters.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _adapters[cls] = TypeAdapter(cls)
    return adapter


# --- pydantic's problems in plain words ----------------------------------------------------------

_TYPES = {
    "missing": "is missing",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "finite_number": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "string_unicode": "must be text in Unicode",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a set of fields, each written as name: value",
    "model_type": "must be a set of fields, each written as name: value",
    "model_attributes_type": "must be a set of fields, each written as name: value",
    "dataclass_type": "must be a set of fields, each written as name: value",
    "extra_forbidden": "is not a field supple knows",
    "unexpected_keyword_argument": "is not a field supple knows",
    "string_pattern_mismatch": "has characters that are not allowed there",
    "datetime_parsing": "must be a date and time",
    "datetime_from_date_parsing": "must be a date and time",
    "datetime_type": "must be a date and time",
    "date_parsing": "must be a date",
    "date_from_datetime_parsing": "must be a date",
    "time_parsing": "must be a time like 07:30",
}


def _number(value: object) -> object:
    """360.0 -> 360: a limit as a person writes it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _count(number: object, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def problem_words(problem: Mapping[str, Any]) -> str:
    """One of pydantic's problems (an item of `ValidationError.errors()`) in plain words that follow
    the field's name: "must be a whole number", "needs at least 1 item", never "Input should be"."""
    kind, ctx = str(problem.get("type", "")), problem.get("ctx") or {}
    if kind in _TYPES:
        return _TYPES[kind]
    if kind == "greater_than":
        return f"must be more than {_number(ctx.get('gt'))}"
    if kind == "greater_than_equal":
        return f"must be {_number(ctx.get('ge'))} or more"
    if kind == "less_than":
        return f"must be less than {_number(ctx.get('lt'))}"
    if kind == "less_than_equal":
        return f"must be {_number(ctx.get('le'))} or less"
    if kind == "too_short":
        return f"needs at least {_count(ctx.get('min_length'), 'item')}"
    if kind == "too_long":
        return f"can have at most {_count(ctx.get('max_length'), 'item')}"
    if kind == "string_too_short":
        return (
            "must not be empty" if ctx.get("min_length") == 1 else f"needs {ctx.get('min_length')} characters or more"
        )
    if kind == "string_too_long":
        return f"can be at most {_count(ctx.get('max_length'), 'character')} long"
    if kind in ("literal_error", "enum"):
        return f"must be one of {ctx.get('expected')}"
    if kind in ("value_error", "assertion_error"):  # the record's own check, already in words
        return str(problem.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return "is not right"

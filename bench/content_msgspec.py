"""Issue 22's question, measured: would msgspec, decoding the content into typed structs, make the
content cache (store/caches/, a pickle of the validated content beside a fingerprint) unnecessary?

A prototype, not supple's code: each of the catalogue's and the safety data's records (frozen
dataclasses read by pydantic, validation.py) is turned into a `msgspec.Struct` with the same fields,
limits (`Limits` as `msgspec.Meta`), defaults and `__post_init__` checks, and supple's own loaders
run with `msgspec.convert` in place of pydantic (the structs are made from the dataclasses when
the process starts, which a module of structs written out would not pay: an upper bound). The ways
to get the validated built-in content into a new process, each timed in fresh processes, round
robin, against `python -c pass`:

- `pickle`: today's cold command, the validated content read back from the content cache;
- `pydantic, parsed files cached`: today's path when the content cache is stale (pydantic's
  validators built, the parsed YAML read from the parse cache's JSON);
- `pydantic, nothing cached`: today's first run (YAML parsed, pydantic's validators built);
- `msgspec, nothing cached`: the YAML parsed, then decoded and validated by msgspec;
- `msgspec, parsed files cached`: the same from the parse cache's JSON.

.venv/bin/python -m bench.content_msgspec
.venv/bin/python -m bench.content_msgspec --instructions   # each way once under valgrind: a count
                                                           # a busy machine does not move
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import types
import typing
from pathlib import Path
from typing import Any

from bench.stats import summary_ms

WAYS = ("pickle", "pydantic, parsed files cached", "pydantic, nothing cached", "msgspec, nothing cached",
        "msgspec, parsed files cached")  # fmt: skip


def struct_of(record: type, made: dict[type, Any]) -> Any:
    """A msgspec Struct with `record`'s fields, limits, defaults and checks."""
    import msgspec

    from supple.validation import Record

    if record in made:
        return made[record]
    hints = typing.get_type_hints(record, include_extras=True)
    fields = []
    for field in dataclasses.fields(record):
        kind = _translated(hints[field.name], made)
        if field.default is not dataclasses.MISSING:
            fields.append((field.name, kind, field.default))
        elif field.default_factory is not dataclasses.MISSING:
            fields.append((field.name, kind, msgspec.field(default_factory=field.default_factory)))
        else:
            fields.append((field.name, kind))
    bases = [base for base in record.__bases__ if dataclasses.is_dataclass(base)]
    parent = struct_of(bases[0], made) if bases else None
    namespace: dict[str, Any] = {}
    cell = types.CellType()
    check = record.__dict__.get("__post_init__")
    if check is not None:  # its `super()` must find the struct's parent, not the dataclass's
        code = check.__code__
        closure = tuple(cell if name == "__class__" else types.CellType() for name in code.co_freevars)
        namespace["__post_init__"] = types.FunctionType(code, check.__globals__, check.__name__, None, closure)
    for name, value in record.__dict__.items():
        if isinstance(value, property | types.FunctionType) and name not in ("__post_init__", "__init__"):
            namespace.setdefault(name, value)
    struct = msgspec.defstruct(
        record.__name__, fields, bases=(parent,) if parent is not None else None, namespace=namespace,
        frozen=True, kw_only=True, forbid_unknown_fields=record is not Record,
    )  # fmt: skip
    cell.cell_contents = struct
    made[record] = struct
    return struct


def _translated(kind: Any, made: dict[type, Any]) -> Any:
    import msgspec

    from supple.validation import Limits, Record

    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        inner, *extras = typing.get_args(kind)
        limits = [extra for extra in extras if isinstance(extra, Limits)]
        if not limits:
            return _translated(inner, made)
        # msgspec has no strip_whitespace nor allow_inf_nan (a bound already refuses an infinity)
        given = {k: v for k, v in limits[0].constraints.items() if k not in ("strip_whitespace", "allow_inf_nan")}
        return typing.Annotated[_translated(inner, made), msgspec.Meta(**given)]
    if isinstance(kind, type) and issubclass(kind, Record):
        return struct_of(kind, made)
    if origin in (typing.Union, types.UnionType):
        translated = tuple(_translated(arg, made) for arg in typing.get_args(kind))
        shapes = [arg for arg in translated if typing.get_origin(arg) is tuple]
        if len(shapes) > 1:  # msgspec takes one array type in a union: [x, height] or [x, height, z]
            sizes = [len(typing.get_args(shape)) for shape in shapes]
            item = typing.get_args(shapes[0])[0]
            merged = typing.Annotated[tuple[item, ...], msgspec.Meta(min_length=min(sizes), max_length=max(sizes))]
            translated = (*(arg for arg in translated if arg not in shapes), merged)
        return typing.Union[translated]  # noqa: UP007
    if origin in (tuple, dict):
        args = tuple(_translated(arg, made) if arg is not Ellipsis else arg for arg in typing.get_args(kind))
        return origin[args]
    return kind


def load_with_msgspec(read_cached: bool, cache_file: Path) -> Any:
    """The built-in catalogue and safety data through supple's loaders, msgspec validating."""
    import msgspec
    import yaml

    import supple.catalog.loader as catalog_loader
    import supple.safety.loader as safety_loader
    from supple.catalog.pose import KeyPose, Pose
    from supple.errors import DataFileError

    made: dict[type, Any] = {}

    def parse(model: type, data: Any, path: Any) -> Any:
        if model is catalog_loader.Exercise and isinstance(data.get("pose"), dict):
            pose = Pose.prepare(data["pose"])
            data = {**data, "pose": {**pose, "frames": [KeyPose.prepare(f) for f in pose["frames"]]}}
        try:
            return msgspec.convert(data, struct_of(model, made))
        except msgspec.ValidationError as error:
            raise DataFileError(str(path), "", str(error)) from None

    catalog_loader.parse = parse  # type: ignore[assignment]
    safety_loader.parse = parse  # type: ignore[assignment]
    read = catalog_loader.read_yaml
    if read_cached:
        entries = msgspec.json.decode(cache_file.read_bytes())["entries"]

        def read(path: Any) -> Any:
            return entries[str(Path(path).resolve())]["data"]

    assert yaml is not None
    catalog = catalog_loader.builtin_catalog(read)
    return catalog, safety_loader.load_safety(catalog=catalog, read=read)


def child(way: str, home: str) -> None:
    """One cold load of the built-in content, the way named, with the cycle collector off as in a
    short command of supple's (cli/app.py)."""
    gc.disable()
    cache_dir = Path(home) / "cache"
    if way.startswith("msgspec"):
        content = load_with_msgspec(way == "msgspec, parsed files cached", cache_dir / "parsed-data.json")
    else:
        from supple.config import Settings
        from supple.services.content import Content

        if way != "pickle":
            (cache_dir / "builtin-content.pickle").unlink(missing_ok=True)
        if way == "pydantic, nothing cached":
            (cache_dir / "parsed-data.json").unlink(missing_ok=True)
        content = Content(Settings(home=Path(home))).safety()
    assert content is not None


def time_once(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run: on a shared machine the CPU time is the steadier."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def run(runs: int = 20) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as home:
        from supple.config import Settings
        from supple.services.content import Content

        Content(Settings(home=Path(home))).safety()  # the caches made once
        pickle_file, parsed_file = (
            Path(home) / "cache" / name for name in ("builtin-content.pickle", "parsed-data.json")
        )
        kept = pickle_file.read_bytes(), parsed_file.read_bytes()
        argvs = {"python -c pass": [sys.executable, "-c", "pass"]}
        argvs |= {way: [sys.executable, "-m", "bench.content_msgspec", "--child", way, home] for way in WAYS}
        timings: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
        for _ in range(runs):
            for name, argv in argvs.items():
                pickle_file.write_bytes(kept[0])
                parsed_file.write_bytes(kept[1])
                timings[name].append(time_once(argv))
        return [
            {"way": name, **summary_ms([wall for wall, _ in measured]),
             "cpu median": summary_ms([cpu for _, cpu in measured])["median"]}
            for name, measured in timings.items()
        ]  # fmt: skip


def instructions() -> dict[str, int]:
    """Each way's instructions (millions, valgrind's callgrind), once: the same on a busy machine."""
    counts = {}
    with tempfile.TemporaryDirectory() as home:
        from supple.config import Settings
        from supple.services.content import Content

        Content(Settings(home=Path(home))).safety()
        kept = {file: file.read_bytes() for file in (Path(home) / "cache").iterdir()}
        argvs = {"python -c pass": [sys.executable, "-c", "pass"]}
        argvs |= {way: [sys.executable, "-m", "bench.content_msgspec", "--child", way, home] for way in WAYS}
        for name, argv in argvs.items():
            for file, data in kept.items():
                file.write_bytes(data)
            counted = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            ran = subprocess.run(counted, capture_output=True, text=True, check=True, env=env)
            counts[name] = int(re.findall(r"Collected : (\d+)", ran.stderr)[-1]) // 1_000_000
    return counts


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if sys.argv[1:2] == ["--instructions"]:
        for name, count in instructions().items():
            print(f"{name:<32} {count:6d} M instructions")
        sys.exit(0)
    for row in run():
        print(
            f"{row['way']:<32} median {row['median']:6.1f} ms   p99 {row['p99']:6.1f} ms   "
            f"cpu {row['cpu median']:6.1f} ms   ({row['runs']} runs)"
        )

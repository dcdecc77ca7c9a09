"""The content cache gives exactly what validating the files gives, and never a stale catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from tests.content import builtin_catalog, builtin_safety

from supple.config import Settings
from supple.planner.request import PlanRequest
from supple.services import content
from supple.services.catalogue import catalog
from supple.services.context import AppContext
from supple.services.planning import make_plan

BUTTERFLY = Path(content.__file__).parents[1] / "catalog" / "data" / "exercises" / "butterfly-stretch.yaml"


def cold_start(context: AppContext) -> AppContext:
    """A new command: a new application context over the same settings, which has loaded nothing."""
    return AppContext(context.settings, clock=context.clock)


def test_the_kept_content_equals_the_freshly_validated_content(context: AppContext) -> None:
    catalog(context)
    assert (context.settings.cache_dir / "builtin-content.pickle").is_file()
    cold = cold_start(context)
    kept_catalog = catalog(cold)
    kept_safety = cold.content.safety()
    fresh_catalog, fresh_safety = builtin_catalog(), builtin_safety()
    assert kept_catalog is not fresh_catalog  # it did come from the cache
    assert kept_catalog == fresh_catalog
    assert kept_safety == fresh_safety


def test_a_plan_from_the_kept_content_is_the_plan_from_the_files(screened: AppContext) -> None:
    def plan(context: AppContext) -> object:
        request = PlanRequest(conditions=("sciatica", "hip-pain"), minutes=30)
        return make_plan(context, request=request).to_json()

    fresh = plan(screened)
    cold = cold_start(screened)
    assert (screened.settings.cache_dir / "builtin-content.pickle").is_file()
    assert plan(cold) == fresh
    cold.close()


def own_butterfly(settings: Settings, **changes: object) -> Path:
    folder = settings.user_exercises_dir
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(BUTTERFLY.read_text()) | {"id": "my-butterfly", "easier": [], "harder": []} | changes
    path = folder / "my-butterfly.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_an_own_exercise_edited_between_commands_is_seen_by_the_next_one(context: AppContext) -> None:
    path = own_butterfly(context.settings)
    assert catalog(context).exercises["my-butterfly"].name == "Butterfly stretch"
    cold = cold_start(context)
    path.write_text(path.read_text().replace("name: Butterfly stretch", "name: My own butterfly"))
    assert catalog(cold).exercises["my-butterfly"].name == "My own butterfly"


def test_an_own_exercise_broken_after_it_was_kept_is_reported(context: AppContext) -> None:
    path = own_butterfly(context.settings)
    catalog(context)
    cold = cold_start(context)
    path.write_text(path.read_text().replace("kind: static", "kind: stretchy"))
    left_out = catalog(cold).left_out
    assert [(problem.path, problem.field) for problem in left_out] == [(str(path), "kind")]
    assert "my-butterfly" not in catalog(cold).exercises


def test_own_exercises_removed_leave_the_built_in_catalogue(context: AppContext) -> None:
    own_butterfly(context.settings)
    assert "my-butterfly" in catalog(context).exercises
    cold = cold_start(context)
    shutil.rmtree(context.settings.user_exercises_dir)
    assert "my-butterfly" not in catalog(cold).exercises


def test_the_kept_content_carries_the_levels_key_muscles_and_follow_ups(context: AppContext) -> None:
    catalog(context)
    cold = cold_start(context)
    kept = catalog(cold)
    assert kept is not builtin_catalog() and kept.exercises["pigeon-pose"].level == "deep"
    assert (
        kept.vocabulary.conditions["sciatica"].why["glutes"]
        == builtin_catalog().vocabulary.conditions["sciatica"].why["glutes"]
    )
    follow_up = cold.content.safety().question("hip-replacement").choices
    assert follow_up is not None and follow_up.otherwise == "hip-replacement-approach-unknown"


def test_a_cold_plan_from_the_kept_content_imports_no_loader_parser_or_validator(tmp_path: Path) -> None:
    # What the content cache saves a cold `supple plan` (issue 22): the files are neither read,
    # parsed nor validated, so their code is not even imported.
    import subprocess
    import sys

    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from supple.config import Settings\n"
        "from supple.planner.request import PlanRequest\n"
        "from supple.services.context import AppContext\n"
        "from supple.services.planning import make_plan\n"
        "from supple.services.screening import record_screening\n"
        "now = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)\n"
        "context = AppContext(Settings(home=Path(sys.argv[1])), clock=lambda: now)\n"
        "if sys.argv[2] == 'first':\n"
        "    record_screening(context, yes=[])\n"
        "plan = make_plan(context, request=PlanRequest(conditions=('sciatica', 'hip-pain'), minutes=30))\n"
        "assert plan.items\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    home = str(tmp_path / "home")
    first = subprocess.run([sys.executable, "-c", code, home, "first"], check=True, capture_output=True, text=True)
    assert {"supple.catalog.loader", "yaml", "pydantic"} <= set(first.stdout.split())  # it did load the files
    cold = subprocess.run([sys.executable, "-c", code, home, "cold"], check=True, capture_output=True, text=True)
    unused = {"supple.catalog.loader", "supple.safety.loader", "yaml", "pydantic", "importlib.resources", "difflib"}
    assert not unused & set(cold.stdout.split())

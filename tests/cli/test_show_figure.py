"""`supple show ID --svg FILE`: the exercise's figure as an SVG file."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from tests.content import builtin_catalog

from supple.figures import exercise_svg

BUILTIN = Path(__file__).parents[2] / "src" / "supple" / "catalog" / "data" / "exercises"


def test_show_svg_writes_the_figure_and_still_shows_the_card(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "calf.svg"
    result = run_cli("show", "wall-calf-stretch", "--svg", str(target))
    assert result.code == 0
    assert target.read_text(encoding="utf-8") == exercise_svg(builtin_catalog().exercises["wall-calf-stretch"])
    assert result.err == f"Figure of Wall calf stretch written to {target}\n"
    assert "Wall calf stretch" in result.out and "Steps" in result.out


def test_show_svg_with_json_keeps_stdout_one_json_document(run_cli, tmp_path: Path) -> None:
    result = run_cli("show", "cat-cow", "--json", "--svg", str(tmp_path / "cat-cow.svg"))
    assert json.loads(result.out)["pose"]["frames"][1]["label"].startswith("belly sinking")
    assert ET.parse(tmp_path / "cat-cow.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_show_svg_dash_writes_the_figure_to_stdout(run_cli) -> None:
    result = run_cli("show", "pigeon-pose", "--svg", "-")
    assert result.code == 0
    assert result.out.startswith('<svg xmlns="http://www.w3.org/2000/svg" id="fig-pigeon-pose"')


def test_show_svg_into_a_missing_folder_exits_2_saying_why(run_cli, tmp_path: Path) -> None:
    result = run_cli("show", "cat-cow", "--svg", str(tmp_path / "no" / "such" / "cat.svg"))
    assert result.code == 2
    assert result.err.startswith("supple: cannot write the figure to ")
    assert "No such file or directory" in result.err


def test_an_impossible_pose_in_a_users_own_file_exits_2_naming_the_file_and_field(run_cli, home: Path) -> None:
    data = yaml.safe_load((BUILTIN / "butterfly-stretch.yaml").read_text())
    data.update(id="my-butterfly", name="My butterfly", easier=[], harder=[])
    data["pose"]["frames"][0]["knees"] = 175
    folder = home / "exercises"
    folder.mkdir()
    path = folder / "my-butterfly.yaml"
    path.write_text(yaml.safe_dump(data))
    result = run_cli("show", "my-butterfly", "--svg", str(home / "mine.svg"))
    assert result.code == 2
    problem = "the near knee at 175° is not anatomically possible: a knee bends from -5° to 160°"
    assert result.err == f"supple: {path}: pose.frames[0].knees[0]: {problem}\n"
    assert not (home / "mine.svg").exists()


def test_planning_never_loads_the_figures(home: Path) -> None:
    # `supple plan` has a start-up budget (DESIGN.md); drawing figures is no part of it.
    probe = (
        "import sys\n"
        "from supple.cli.app import main\n"
        "for argv in (['screen', '--none'], ['plan', '--for', 'sciatica', '--minutes', '10', '--json']):\n"
        "    sys.argv = ['supple', *argv]\n"
        "    try:\n        main()\n    except SystemExit as exit_:\n        assert not exit_.code, exit_.code\n"
        "sys.stderr.write(','.join(sorted(m for m in sys.modules if m.startswith('supple.figures'))))\n"
    )
    env = {"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert json.loads(result.stdout[result.stdout.index("{") :])["items"]
    assert result.stderr == ""

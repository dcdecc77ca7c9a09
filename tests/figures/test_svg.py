"""The SVG documents: standalone, deterministic, accessible, and still when motion is unwelcome."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from tests.content import builtin_catalog

from supple.catalog.models import Exercise
from supple.figures import PoseError, describe_figure, exercise_svg, still_svg

from .helpers import STANDING, pose

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    return dict(builtin_catalog().exercises)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def key_poses(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "kp" in g.get("class", "").split()]


def test_the_same_exercise_always_gives_the_same_bytes(exercises: dict[str, Exercise]) -> None:
    for exercise in exercises.values():
        copy = Exercise.model_validate(exercise.model_dump(mode="json"))
        assert exercise_svg(copy) == exercise_svg(exercise), exercise.id


def test_a_figure_is_a_standalone_svg_document_named_and_described(exercises: dict[str, Exercise]) -> None:
    calf = exercises["wall-calf-stretch"]
    root = parse(exercise_svg(calf))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "-120.0 -188.0 240.0 200.0"
    assert (root.get("role"), root.get("aria-labelledby")) == ("img", "fig-wall-calf-stretch-t fig-wall-calf-stretch-d")
    assert root.find(f"{SVG}title").text == "Wall calf stretch"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert desc == describe_figure(calf)
    assert (
        "a person faces a wall" in desc and "Highlighted where it is felt, on the working side: the upper calf" in desc
    )


def test_every_style_rule_is_scoped_to_its_own_figure(exercises: dict[str, Exercise]) -> None:
    # A page or a handout shows many figures together: one figure's styles must not touch another.
    css = parse(exercise_svg(exercises["cat-cow"])).find(f"{SVG}style").text or ""  # type: ignore[union-attr]
    keyframes = re.search(r"@keyframes (\S+)\{(?:[^{}]*\{[^{}]*\})*\}", css)
    assert keyframes is not None and keyframes.group(1) == "fig-cat-cow-turns"
    rules = css.replace(keyframes.group(0), "").replace("@media (prefers-reduced-motion:no-preference){", "")
    selectors = re.findall(r"([^{}]+)\{[^{}]*\}", rules)
    assert len(selectors) > 10
    for selector in selectors:
        assert all(part.strip().startswith("#fig-cat-cow ") for part in selector.split(",")), selector


def test_a_movement_takes_turns_between_its_key_poses_unless_motion_is_reduced(exercises: dict[str, Exercise]) -> None:
    svg = exercise_svg(exercises["cat-cow"])
    css = parse(svg).find(f"{SVG}style").text or ""  # type: ignore[union-attr]
    # The animation is switched on only for readers who have not asked for reduced motion...
    media = css.index("@media (prefers-reduced-motion:no-preference)")
    assert "animation:" in css[media:] and "animation:" not in css[:media]
    assert "animation-delay:-4.0s" in css  # the second key pose half a repetition (rep_s 8) behind
    # ...so the plain drawing, which is what reduced motion and print show, is the first key
    # pose with the second as a faint ghost over it.
    first, second = key_poses(parse(svg))
    assert first.get("opacity") is None and second.get("opacity") == "0.3"


def test_the_still_figure_has_no_motion_at_all(exercises: dict[str, Exercise]) -> None:
    moving, still = exercise_svg(exercises["fire-hydrant"]), still_svg(exercises["fire-hydrant"])
    assert "@keyframes" in moving and "@keyframes" not in still and "animation" not in still
    assert len(key_poses(parse(still))) == 2


def test_a_still_exercise_is_one_key_pose_without_motion(exercises: dict[str, Exercise]) -> None:
    svg = exercise_svg(exercises["pigeon-pose"])
    assert len(key_poses(parse(svg))) == 1
    assert "@keyframes" not in svg


def test_near_and_far_limbs_are_shaded_apart_and_the_target_muscles_highlighted(exercises: dict[str, Exercise]) -> None:
    root = parse(exercise_svg(exercises["standing-quad-stretch"]))
    classes = [path.get("class", "") for path in root.iter(f"{SVG}path")]
    assert any("limb near" in c for c in classes) and any("limb far" in c for c in classes)
    assert classes.count("hl") == 1  # the quadriceps of the working (near) leg only
    both = parse(exercise_svg(exercises["double-knee-to-chest"]))
    assert [p.get("class") for p in both.iter(f"{SVG}path")].count("hl") >= 3  # trunk, and both glutes


def test_a_warm_up_highlights_nothing(exercises: dict[str, Exercise]) -> None:
    warmup = exercises["light-cardio-warmup"]
    assert warmup.pose is not None and warmup.pose.stretched == "none"
    assert 'class="hl"' not in exercise_svg(warmup)
    assert "Highlighted" not in describe_figure(warmup)


PROPS = [
    ("wall-calf-stretch", "wall"),
    ("standing-quad-stretch", "chair"),
    ("supine-hamstring-strap-stretch", "strap"),
    ("banded-walk", "band"),
    ("knee-ball-squeeze", "ball"),
    ("standing-hamstring-stretch", "raised-surface"),
]


@pytest.mark.parametrize(("exercise_id", "prop"), PROPS)
def test_the_props_are_drawn(exercises: dict[str, Exercise], exercise_id: str, prop: str) -> None:
    assert f'class="{prop}"' in exercise_svg(exercises[exercise_id])


def test_an_exercise_without_a_pose_gets_a_plain_figure_of_its_position(exercises: dict[str, Exercise]) -> None:
    mine = exercises["single-knee-to-chest"].model_copy(update={"pose": None, "id": "my-stretch", "name": "Mine"})
    svg = exercise_svg(mine)
    assert "A person lying on their back, legs long and arms by the sides." in svg
    assert 'id="fig-my-stretch"' in svg


def test_a_pose_that_cannot_be_drawn_raises_naming_its_field(exercises: dict[str, Exercise]) -> None:
    broken = exercises["wall-calf-stretch"].model_copy(update={"pose": pose({**STANDING, "elbows": [0, 170]})})
    with pytest.raises(PoseError) as raised:
        exercise_svg(broken)
    assert (raised.value.field, raised.value.exit_code) == ("pose.frames[0].elbows[1]", 2)
    assert str(raised.value).startswith("pose.frames[0].elbows[1]: the far elbow at 170°")


def test_text_in_a_figure_is_escaped(exercises: dict[str, Exercise]) -> None:
    odd = exercises["cat-cow"].model_copy(update={"name": "Cat & <cow>"})
    assert '<title id="fig-cat-cow-t">Cat &amp; &lt;cow&gt;</title>' in exercise_svg(odd)

"""The SVG documents: standalone, deterministic, accessible, fitted to the figure, moving gently
unless motion is unwelcome, and mirrored for the other side."""

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


def view_box(root: ET.Element) -> list[float]:
    return [float(v) for v in root.get("viewBox", "").split()]


def stylesheet(svg: str) -> str:
    return parse(svg).find(f"{SVG}style").text or ""  # type: ignore[union-attr]


def test_the_same_exercise_always_gives_the_same_bytes(exercises: dict[str, Exercise]) -> None:
    for exercise in exercises.values():
        copy = Exercise.model_validate(exercise.model_dump(mode="json"))
        assert exercise_svg(copy) == exercise_svg(exercise), exercise.id
        assert still_svg(copy, side="left") == still_svg(exercise, side="left"), exercise.id


def test_a_figure_is_a_standalone_svg_document_named_and_described(exercises: dict[str, Exercise]) -> None:
    calf = exercises["wall-calf-stretch"]
    root = parse(exercise_svg(calf))
    assert root.tag == f"{SVG}svg"
    assert (root.get("role"), root.get("aria-labelledby")) == ("img", "fig-wall-calf-stretch-t fig-wall-calf-stretch-d")
    assert root.find(f"{SVG}title").text == "Wall calf stretch"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert desc == describe_figure(calf) + " Shown for the right side."
    assert "a person faces a wall" in desc
    assert "Highlighted where it is felt, on the working side: the upper calf" in desc
    assert "It starts hands on the wall and one foot stepped back, its heel down, then eases into" in desc


def test_the_picture_is_fitted_to_the_figure_so_a_figure_on_the_floor_fills_its_width(
    exercises: dict[str, Exercise],
) -> None:
    lying = view_box(parse(exercise_svg(exercises["si-joint-knee-push"])))
    standing = view_box(parse(exercise_svg(exercises["standing-quad-stretch"])))
    assert lying[2] > 1.8 * lying[3]  # wide and low, not a figure in the bottom fifth of a tall box
    assert standing[3] > standing[2]  # tall and narrow
    for box in (lying, standing):
        assert box[1] + box[3] < 15  # the floor (y = 0) just above the bottom edge


def test_every_style_rule_is_scoped_to_its_own_figure(exercises: dict[str, Exercise]) -> None:
    # A page or a handout shows many figures together: one figure's styles must not touch another.
    css = stylesheet(exercise_svg(exercises["cat-cow"]))
    names = re.findall(r"@keyframes (\w+)\{", css)
    assert names and all(name.startswith(names[0][:7]) for name in names)  # the figure's own prefix
    other = stylesheet(exercise_svg(exercises["pelvic-tilts"]))
    assert not set(names) & set(re.findall(r"@keyframes (\w+)\{", other))
    rules = re.sub(r"@keyframes \w+\{(?:[^{}]*\{[^{}]*\})*\}", "", css)
    rules = rules.replace("@media (prefers-reduced-motion:no-preference){", "")
    selectors = re.findall(r"([^{}]+)\{[^{}]*\}", rules)
    assert len(selectors) > 10
    for selector in selectors:
        assert all(part.strip().startswith("#fig-cat-cow ") for part in selector.split(",")), selector


def test_a_stretch_moves_into_its_position_and_back_unless_motion_is_reduced(exercises: dict[str, Exercise]) -> None:
    svg = exercise_svg(exercises["standing-quad-stretch"])
    css = stylesheet(svg)
    # The animation is switched on only for readers who have not asked for reduced motion...
    media = css.index("@media (prefers-reduced-motion:no-preference)")
    assert "animation" in css[media:] and "animation" not in css[:media]
    # ...and the parts that move turn at their joints, as a body does.
    assert re.search(r"transform:translate\([^)]*\) rotate\(-?[\d.]+deg\)", css)
    moving = [g for g in parse(svg).iter(f"{SVG}g") if "a" in g.get("class", "").split()]
    assert len(moving) > 5  # the near thigh, shin and foot, the arm reaching for the ankle...


def test_the_still_figure_has_no_motion_at_all(exercises: dict[str, Exercise]) -> None:
    still = still_svg(exercises["fire-hydrant"])
    assert "@keyframes" not in still and "animation" not in still


def test_a_still_movement_shows_its_ends_side_by_side_numbered(exercises: dict[str, Exercise]) -> None:
    cat_cow = parse(still_svg(exercises["cat-cow"]))
    assert [t.text for t in cat_cow.iter(f"{SVG}text")] == ["1", "2"]
    calf = parse(still_svg(exercises["wall-calf-stretch"]))  # a stretch prints its position alone
    assert list(calf.iter(f"{SVG}text")) == []
    assert view_box(cat_cow)[2] > 2 * view_box(parse(exercise_svg(exercises["cat-cow"])))[2]


def test_near_and_far_limbs_are_shaded_apart_and_the_target_muscles_highlighted(exercises: dict[str, Exercise]) -> None:
    root = parse(still_svg(exercises["standing-quad-stretch"]))
    groups = [g.get("class", "") for g in root.iter(f"{SVG}g")]
    assert "far" in groups  # the far limbs, drawn lighter, under the near ones
    highlights = [p for p in root.iter(f"{SVG}path") if p.get("class") == "hl"]
    assert len(highlights) == 1  # the quadriceps of the working (near) leg only
    both = parse(still_svg(exercises["double-knee-to-chest"]))
    assert [p.get("class") for p in both.iter(f"{SVG}path")].count("hl") >= 3  # trunk, and both glutes


def test_a_warm_up_highlights_nothing(exercises: dict[str, Exercise]) -> None:
    warmup = exercises["light-cardio-warmup"]
    assert warmup.pose is not None and warmup.pose.stretched == "none"
    assert 'class="hl"' not in exercise_svg(warmup)
    assert "Highlighted" not in describe_figure(warmup)


def test_the_left_side_is_the_mirror_image_of_the_right(exercises: dict[str, Exercise]) -> None:
    quad = exercises["standing-quad-stretch"]
    right, left = exercise_svg(quad), exercise_svg(quad, side="left")
    assert "matrix(-1 0 0 1 " in left and "matrix(-1 0 0 1 " not in right
    assert "Shown for the left side." in left and "Shown for the right side." in right
    assert view_box(parse(left)) == view_box(parse(right))
    # The words and numbers of a still figure are not mirrored, only the pictures.
    glute = parse(still_svg(exercises["seated-glute-stretch"], side="left"))
    assert all("matrix(-1" not in (g.get("transform") or "") for g in glute.iter(f"{SVG}g") if g.get("class") == "num")


def test_an_exercise_done_alike_on_both_sides_is_never_mirrored(exercises: dict[str, Exercise]) -> None:
    cat_cow = exercises["cat-cow"]
    assert exercise_svg(cat_cow, side="left") == exercise_svg(cat_cow)
    assert "Shown for the" not in exercise_svg(cat_cow)


PROPS = [
    ("wall-calf-stretch", "wall"),
    ("standing-quad-stretch", "chair"),
    ("supine-hamstring-strap-stretch", "strap"),
    ("banded-walk", "band"),
    ("knee-ball-squeeze", "ball"),
    ("standing-hamstring-stretch", "raised-surface"),
    ("kneeling-hip-flexor-stretch", "pillow"),
    ("shotgun-belt-press", "strap"),
]


@pytest.mark.parametrize(("exercise_id", "prop"), PROPS)
def test_the_props_are_drawn(exercises: dict[str, Exercise], exercise_id: str, prop: str) -> None:
    assert re.search(rf'class="{prop}[" ]', exercise_svg(exercises[exercise_id]))


def test_an_exercise_without_a_pose_gets_a_plain_figure_of_its_position(exercises: dict[str, Exercise]) -> None:
    mine = exercises["single-knee-to-chest"].model_copy(update={"pose": None, "id": "my-stretch", "name": "Mine"})
    svg = exercise_svg(mine)
    assert "A person lying on their back, legs long and arms by the sides." in svg
    assert 'id="fig-my-stretch"' in svg and "@keyframes" not in svg  # one key pose: nothing moves


def test_a_pose_that_cannot_be_drawn_raises_naming_its_field(exercises: dict[str, Exercise]) -> None:
    broken = exercises["wall-calf-stretch"].model_copy(update={"pose": pose({**STANDING, "elbows": [0, 170]})})
    with pytest.raises(PoseError) as raised:
        exercise_svg(broken)
    assert (raised.value.field, raised.value.exit_code) == ("pose.frames[0].elbows[1]", 2)
    assert str(raised.value).startswith("pose.frames[0].elbows[1]: the far elbow at 170°")


def test_text_in_a_figure_is_escaped(exercises: dict[str, Exercise]) -> None:
    odd = exercises["cat-cow"].model_copy(update={"name": "Cat & <cow>"})
    assert '<title id="fig-cat-cow-t">Cat &amp; &lt;cow&gt;</title>' in exercise_svg(odd)

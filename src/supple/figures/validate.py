"""Is a pose drawable? Joint limits, contact with the floor or a support, and the picture's edges.

Each problem names the field of the exercise file and says what is wrong, like the catalogue's
own checks; `require_drawable` raises the first as a PoseError.
"""

from __future__ import annotations

from supple.catalog.models import Exercise
from supple.catalog.pose import Pose
from supple.errors import SuppleError
from supple.figures.anatomy import Problem, joint_problems
from supple.figures.body import POINT_NAMES, WIDTH, Body, solve
from supple.figures.camera import BOX_BOTTOM, BOX_LEFT, BOX_RIGHT, BOX_TOP, Camera
from supple.figures.contact import floor_problems, prop_problems, samples
from supple.figures.defaults import pose_for
from supple.figures.props import BALL_GAP, ball_gap


class PoseError(SuppleError):
    """A pose that cannot be drawn: `field` is its path in the exercise file."""

    exit_code = 2

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def pose_problems(pose: Pose) -> list[Problem]:
    """Everything wrong with a pose, in the order a reader would fix it."""
    problems = _held_prop_problems(pose)
    if problems:
        return problems  # the bodies below need every named point to exist
    camera = Camera.for_view(pose.view)
    for index, frame in enumerate(pose.frames):
        where = f"pose.frames[{index}]"
        problems += joint_problems(frame, where)
        body = solve(frame)
        problems += _support_problems(pose, body, where)
        problems += _box_problems(body, camera, where)
        problems += _ball_problems(pose, body)
    return problems


def exercise_problems(exercise: Exercise) -> list[Problem]:
    return pose_problems(pose_for(exercise))


def require_drawable(exercise: Exercise) -> Pose:
    """The exercise's pose (or its position's plain one), or a PoseError naming the first problem."""
    pose = pose_for(exercise)
    problems = pose_problems(pose)
    if problems:
        raise PoseError(*problems[0])
    return pose


def _support_problems(pose: Pose, body: Body, where: str) -> list[Problem]:
    problems, on_floor = floor_problems(body, where)
    more, on_support = prop_problems(pose, body, where)
    problems += more
    if not (on_floor or on_support):
        lowest = min(s.point.y - s.radius for s in samples(body))
        problems.append((where, f"the figure floats {lowest:.0f} cm above the floor and rests on no support"))
    return problems


def _box_problems(body: Body, camera: Camera, where: str) -> list[Problem]:
    worst: tuple[float, str, str] | None = None
    for sample in samples(body):
        x, y = camera.project(sample.point)
        r = sample.radius
        for overshoot, edge in ((BOX_LEFT - (x - r), "left"), ((x + r) - BOX_RIGHT, "right"),
                                (BOX_BOTTOM - (y - r), "bottom"), ((y + r) - BOX_TOP, "top")):  # fmt: skip
            if overshoot > 0.5 and (worst is None or overshoot > worst[0]):
                worst = (overshoot, sample.name, edge)
    if worst is None:
        return []
    overshoot, name, edge = worst
    return [(where, f"the {name} is {overshoot:.0f} cm beyond the {edge} edge of the picture; move `at`")]


def _held_prop_problems(pose: Pose) -> list[Problem]:
    problems: list[Problem] = []
    for index, prop in enumerate(pose.props):
        for position, point in enumerate(prop.between):
            if point not in POINT_NAMES:
                valid = ", ".join(sorted(POINT_NAMES))
                problems.append(
                    (f"pose.props[{index}].between[{position}]", f"no body point {point!r}; valid: {valid}")
                )
        if prop.kind == "ball" and len(prop.between) != 2:
            problems.append((f"pose.props[{index}].between", "a ball sits between exactly two body points"))
    return problems


def _ball_problems(pose: Pose, body: Body) -> list[Problem]:
    problems: list[Problem] = []
    for index, prop in enumerate(pose.props):
        if prop.kind != "ball":
            continue
        first, second = (body.points[name] for name in prop.between)
        gap = ball_gap(first, second, WIDTH["thigh"])
        low, high = BALL_GAP
        if not low <= gap <= high:
            problems.append(
                (f"pose.props[{index}]", f"the ball has {gap:.0f} cm of room; it needs {low:g} to {high:g}")
            )
    return problems

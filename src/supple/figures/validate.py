"""Is a pose drawable? Joint limits, contact with the floor or a support, limbs that pass through
each other, and hands that hold what they hold.

Each problem names the field of the exercise file and says what is wrong, like the catalogue's
own checks; `require_drawable` raises the first as a PoseError.
"""

from __future__ import annotations

from supple.catalog.models import Exercise
from supple.catalog.pose import KeyPose, Pose
from supple.errors import SuppleError
from supple.figures.anatomy import Problem, joint_problems
from supple.figures.body import POINT_NAMES, RADII, Body, solve
from supple.figures.collide import limb_problems
from supple.figures.contact import floor_problems, grip_problems, prop_problems, samples
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
    return _checked(pose)[0]


def _checked(pose: Pose) -> tuple[list[Problem], list[Body]]:
    """The pose's problems, and each key pose's body (solved once, for the drawing too)."""
    problems = _held_prop_problems(pose) + _grip_point_problems(pose)
    if problems:
        return problems, []  # the bodies below need every named point to exist
    bodies: list[Body] = []
    for index, frame in enumerate(pose.frames):
        where = f"pose.frames[{index}]"
        joints = joint_problems(frame, where)
        problems += joints
        if joints:
            continue  # where an impossible angle puts a limb says nothing more
        body = solve(frame)
        bodies.append(body)
        problems += _support_problems(pose, body, where)
        problems += grip_problems(frame, body, where)
        problems += limb_problems(body, where, held_parts(body, frame))
        problems += _ball_problems(pose, body)
    return problems, bodies


def exercise_problems(exercise: Exercise) -> list[Problem]:
    return pose_problems(pose_for(exercise))


def require_drawable(exercise: Exercise) -> tuple[Pose, list[Body]]:
    """The exercise's pose (or its position's plain one) and its key poses' bodies, or a PoseError
    naming the first problem."""
    pose = pose_for(exercise)
    problems, bodies = _checked(pose)
    if problems:
        raise PoseError(*problems[0])
    return pose, bodies


def _support_problems(pose: Pose, body: Body, where: str) -> list[Problem]:
    problems, on_floor = floor_problems(body, where)
    more, on_support = prop_problems(pose, body, where)
    problems += more
    if not (on_floor or on_support):
        lowest = min(s.point.y - s.radius for s in samples(body))
        problems.append((where, f"the figure floats {lowest:.0f} cm above the floor and rests on no support"))
    return problems


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


def held_parts(body: Body, frame: KeyPose) -> frozenset[tuple[str, str]]:
    """Each hand that holds a part, and the part: (side, "side.part")."""
    from supple.figures.reach import held_part

    found = set()
    for grip in frame.holds:
        segment, _ = held_part(body, grip.part)
        found.add((grip.hand, f"{segment.side}.{segment.part}"))
        # A hand round a joint holds the parts on both sides of it.
        for part in NEXT_TO.get(grip.part.rpartition(".")[2], ()):
            found.add((grip.hand, f"{segment.side}.{part}"))
    return frozenset(found)


NEXT_TO = {"knee": ("thigh",), "ankle": ("foot",), "heel": ("shin",), "toe": ("shin",)}


def _grip_point_problems(pose: Pose) -> list[Problem]:
    """A hand holds a leg or the trunk, never a hand or an arm (they are placed by what they hold)."""
    from supple.figures.reach import PLACES

    problems: list[Problem] = []
    for index, frame in enumerate(pose.frames):
        for number, grip in enumerate(frame.holds):
            if grip.part.rpartition(".")[2] not in PLACES:
                held = ", ".join(sorted(name for name in POINT_NAMES if name.rpartition(".")[2] in PLACES))
                problems.append((f"pose.frames[{index}].holds[{number}].part", f"a hand holds one of: {held}"))
    return problems


def _ball_problems(pose: Pose, body: Body) -> list[Problem]:
    problems: list[Problem] = []
    for index, prop in enumerate(pose.props):
        if prop.kind != "ball":
            continue
        first, second = (body.points[name] for name in prop.between)
        gap = ball_gap(first, second, 2 * RADII["thigh"][1])
        low, high = BALL_GAP
        if not low <= gap <= high:
            problems.append(
                (f"pose.props[{index}]", f"the ball has {gap:.0f} cm of room; it needs {low:g} to {high:g}")
            )
    return problems

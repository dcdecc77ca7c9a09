"""Joint limits: the range each joint of an adult body can reach, so no figure shows the impossible.

Ranges are generous active ranges (flexible adults reach the ends; nobody goes past them),
after the usual clinical norms for the hip, knee, ankle, shoulder, elbow, neck and spine.
"""

from __future__ import annotations

from supple.catalog.pose import PAIRED, KeyPose

# field -> (lowest, highest) in degrees, the joint, and how it moves, in words.
LIMITS: dict[str, tuple[float, float, str, str]] = {
    "spine": (-35, 70, "back", "rounds (+) or arches (-)"),
    "twist": (-50, 50, "trunk", "twists"),
    "side_bend": (-40, 40, "trunk", "bends sideways"),
    "neck": (-60, 70, "neck", "nods forward (+) or tips back (-)"),
    "neck_turn": (-80, 80, "neck", "turns"),
    "hips": (-30, 150, "hip", "bends (+) or extends (-)"),
    "hips_out": (-30, 80, "hip", "takes the thigh out (+) or across (-)"),
    "hips_rotate": (-45, 80, "hip", "turns out (+) or in (-)"),
    "knees": (-5, 160, "knee", "bends"),
    "ankles": (-55, 35, "ankle", "bends up (+) or points (-)"),
    "shoulders": (-60, 180, "shoulder", "raises the arm forward (+) or back (-)"),
    "shoulders_out": (-30, 180, "shoulder", "raises the arm sideways"),
    "elbows": (-5, 155, "elbow", "bends"),
}

# A problem: (field path within the exercise file, what is wrong).
Problem = tuple[str, str]


def joint_problems(pose: KeyPose, where: str) -> list[Problem]:
    """Every joint angle of a key pose outside its range, named by its field (`where` its path)."""
    problems: list[Problem] = []
    for field, (low, high, joint, moves) in LIMITS.items():
        value = getattr(pose, field)
        angles = tuple(zip(("near ", "far "), value, strict=True)) if field in PAIRED else (("", value),)
        for index, (side, angle) in enumerate(angles):
            if not low <= angle <= high:
                path = f"{where}.{field}" + (f"[{index}]" if side else "")
                article = "an" if joint[0] in "aeiou" else "a"
                problem = (
                    f"{angle:g}° is not anatomically possible: {article} {joint} {moves} from {low:g}° to {high:g}°"
                )
                problems.append((path, f"the {side}{joint} at {problem}"))
    return problems

"""The figures on pictures a person can look at: the contact sheet, and the review's PNGs.

.venv/bin/python docs/make_figures_sheet.py                 docs/figures-contact-sheet.png (needs Debian's chromium)
.venv/bin/python docs/make_figures_sheet.py --review DIR    also, in DIR, for docs/figures-review.md:
    ID-480.png     every key pose of the exercise, each 480 px wide (the moving figure, stopped at each)
    ID-left.png    the same for the left side, mirrored (sided exercises only)
    sheet-120.png  every figure 120 px wide, as a plan's card shows it to a reader who asked for reduced motion
.venv/bin/python docs/make_figures_sheet.py --review DIR ID ...   only those exercises

The contact sheet shows each figure still, as it prints: a stretch's position, or a movement's
ends and a stretch's several positions side by side.
"""

from __future__ import annotations

import argparse
import base64
import sys
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "figures-contact-sheet.png"
COLUMNS = 5
REVIEW_WIDTH = 480
THUMBNAIL = 120

PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ margin: 16px; font: 13px/1.3 system-ui, sans-serif; color: #222; background: #fff; }}
.grid {{ display: grid; grid-template-columns: repeat({columns}, {cell}px); gap: 10px; align-items: start; }}
figure {{ margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: 4px; }}
img {{ width: {image}px; height: auto; display: block; }}
img.wide {{ width: 100%; }}
figcaption {{ padding: 2px 4px; }}
small {{ color: #666; }}
</style><div class="grid">{cells}</div>"""

# Every key pose at once: the moving figure inline, its animations stopped at each key pose in turn.
STOP_AT = """(seconds) => {
  for (const animation of document.getAnimations()) {
    const cell = animation.effect.target.closest('[data-pose]');
    animation.pause();
    animation.currentTime = seconds[Number(cell.dataset.pose)] * 1000;
  }
}"""


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def exercises(only: list[str]) -> list[Any]:
    from supple.catalog.loader import builtin_catalog

    return [exercise for exercise in builtin_catalog() if not only or exercise.id in only]


def contact_sheet(page: Any) -> None:
    from supple.figures import still_svg

    cells = "".join(
        f'<figure><img class="{"wide" if len(e.pose.frames) > 2 or e.kind == "dynamic" or e.phases else ""}" '
        f'src="{data_url(still_svg(e))}" alt=""><figcaption>{escape(e.name)}<br><small>{escape(e.id)}</small>'
        f"</figcaption></figure>"
        for e in exercises([])
    )  # fmt: skip
    page.set_viewport_size({"width": 1400, "height": 900})
    page.set_content(PAGE.format(columns=COLUMNS, cell=264, image=256, cells=cells))
    page.screenshot(path=str(OUT), full_page=True)


def key_pose_times(exercise: Any) -> list[float]:
    """When the moving figure is in each key pose (just after it gets there), seconds."""
    from supple.figures.defaults import pose_for
    from supple.figures.motion import timeline

    line = timeline(exercise, pose_for(exercise))
    if line is None:
        return [0.0]
    arrived: dict[int, float] = {}
    for percent, index in line.stops:
        arrived.setdefault(index, line.seconds * percent / 100 + 0.05)
    return [arrived[index] for index in sorted(arrived)]


def key_poses(page: Any, exercise: Any, folder: Path, side: str) -> None:
    from supple.figures import exercise_svg

    svg = exercise_svg(exercise, side=side)  # type: ignore[arg-type]
    times = key_pose_times(exercise)
    cells = "".join(f'<div data-pose="{index}">{svg}</div>' for index in range(len(times)))
    width = (REVIEW_WIDTH + 6) * len(times)
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(
        f"<style>body{{margin:0;display:flex;gap:6px;background:#ccc}}"
        f"svg{{display:block;width:{REVIEW_WIDTH}px;height:auto;background:#fff}}</style>{cells}"
    )
    page.evaluate(STOP_AT, times)
    height = page.evaluate("document.querySelector('svg').getBoundingClientRect().height")
    name = f"{exercise.id}-480.png" if side == "right" else f"{exercise.id}-left.png"
    page.screenshot(path=str(folder / name), clip={"x": 0, "y": 0, "width": width, "height": height})


def thumbnails(page: Any, chosen: list[Any], folder: Path) -> None:
    """Every figure 120 px wide, as a plan's card shows it: in its main position (the stretch's
    first, a movement's first end), where the moving figure holds longest."""
    from supple.figures import exercise_svg
    from supple.figures.defaults import pose_for
    from supple.figures.motion import reference

    cells, times = "", []
    for index, exercise in enumerate(chosen):
        times.append(key_pose_times(exercise)[reference(exercise, pose_for(exercise))] + 0.5)
        cells += (
            f'<figure data-pose="{index}">{exercise_svg(exercise)}<figcaption><small>{escape(exercise.id)}</small>'
            f"</figcaption></figure>"
        )
    page.set_viewport_size({"width": 6 * (THUMBNAIL + 24) + 40, "height": 900})
    page.set_content(
        PAGE.format(columns=6, cell=THUMBNAIL + 12, image=THUMBNAIL, cells=cells)
        + f"<style>figure svg{{display:block;width:{THUMBNAIL}px;height:auto}}</style>"
    )
    page.evaluate(STOP_AT, times)
    page.screenshot(path=str(folder / "sheet-120.png"), full_page=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--review", type=Path, help="also write the review's PNGs into this folder")
    parser.add_argument("only", nargs="*", help="only these exercises (for --review)")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        if not args.only:
            contact_sheet(page)
        if args.review:
            args.review.mkdir(parents=True, exist_ok=True)
            chosen = exercises(args.only)
            for exercise in chosen:
                key_poses(page, exercise, args.review, "right")
                if exercise.sided:
                    key_poses(page, exercise, args.review, "left")
            thumbnails(page, chosen, args.review)
        browser.close()


if __name__ == "__main__":
    main()

"""A contact sheet of every exercise's figure, into docs/figures-contact-sheet.png.

.venv/bin/python docs/make_figures_sheet.py            (needs Debian's chromium)
.venv/bin/python docs/make_figures_sheet.py --each DIR (also one PNG per figure, to look at closely)

The figures are drawn still, as a reader who asked for reduced motion sees them and as they
print: a movement shows its first key pose with the others as faint ghosts over it.
"""

from __future__ import annotations

import argparse
import base64
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "figures-contact-sheet.png"
COLUMNS = 5

PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ margin: 16px; font: 13px/1.3 system-ui, sans-serif; color: #222; background: #fff; }}
.grid {{ display: grid; grid-template-columns: repeat({columns}, 264px); gap: 10px; }}
figure {{ margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: 4px; }}
img {{ width: 256px; height: auto; display: block; }}
figcaption {{ padding: 2px 4px; }}
small {{ color: #666; }}
</style><div class="grid">{cells}</div>"""


def figures() -> list[tuple[str, str, str]]:
    """(id, caption, SVG) for every exercise in the built-in catalogue."""
    from supple.catalog.loader import builtin_catalog
    from supple.figures import still_svg

    catalog = builtin_catalog()
    rows = []
    for exercise in catalog:
        kind = "moves" if exercise.pose is not None and len(exercise.pose.frames) > 1 else "still"
        rows.append((exercise.id, f"{escape(exercise.name)} <small>({kind})</small>", still_svg(exercise)))
    return rows


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--each", type=Path, help="also write one PNG per figure into this folder")
    args = parser.parse_args()
    rows = figures()
    cells = "".join(
        f'<figure><img src="{data_url(svg)}" alt=""><figcaption>{caption}<br><small>{escape(ident)}</small>'
        f"</figcaption></figure>"
        for ident, caption, svg in rows
    )  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_content(PAGE.format(columns=COLUMNS, cells=cells))
        page.screenshot(path=str(OUT), full_page=True)
        if args.each:
            args.each.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size({"width": 720, "height": 600})
            for ident, _, svg in rows:
                page.set_content(f'<body style="margin:0"><img src="{data_url(svg)}" style="width:720px">')
                page.screenshot(path=str(args.each / f"{ident}.png"))
        browser.close()


if __name__ == "__main__":
    main()

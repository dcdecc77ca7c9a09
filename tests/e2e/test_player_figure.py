"""The player's figure, at phone size held up (390x664) and on its side (844x390): the exercise
being done, large, moving into its position, mirrored for the left side as the player says "Left
side", with its steps one tap away, and the whole player still on one screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.content import builtin_catalog
from tests.e2e.conftest import Server, look
from tests.e2e.player import ON_ITS_SIDE, PHONE, box, engine, phone, play, routine_ready
from tests.e2e.targets import small_targets
from tests.e2e.test_player_screen import ALWAYS_SHOWN, on_screen

MIRRORED = "matrix(-1 0 0 1 "  # the picture drawn as in a mirror, for the left side


def at_a_sided_hold(page: Page, side: str) -> dict[str, object]:
    """On, paused, at a hold of a sided exercise on that side; the step."""
    page.keyboard.press("x")  # past the warm-up
    condition = f"(() => {{ const e = window.supplePlayer.engine; const s = e.steps[e.index]; return s.work && s.side === '{side}'; }})()"  # noqa: E501
    while not page.evaluate(condition):
        page.keyboard.press("n")
    page.keyboard.press("Space")
    step: dict[str, object] = engine(page, "steps[window.supplePlayer.engine.index]")
    return step


def shown_figure(page: Page) -> str:
    """The figure on the screen, once drawn: the SVG the player asked for."""
    page.wait_for_function("() => document.getElementById('figure').complete")
    assert page.evaluate("document.getElementById('figure').naturalWidth") > 0, "the figure is drawn"
    src = page.locator("#figure").get_attribute("src") or ""
    return page.request.get(src).text()


@pytest.mark.parametrize("viewport", [PHONE, ON_ITS_SIDE], ids=["phone-upright", "phone-on-its-side"])
def test_the_figure_is_large_mirrored_on_the_left_side_and_its_steps_one_tap_away(
    browser: Browser, server: Server, viewport: dict[str, int]
) -> None:
    context, page = phone(browser, server, viewport)
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)
    play(page, speed=20)

    left = at_a_sided_hold(page, "left")
    expect(page.locator("#where")).to_contain_text("Left side")
    expect(page.locator("#figure")).to_have_attribute("src", f"/figures/{left['exercise']}.svg?side=left")
    svg = shown_figure(page)
    look(page, f"player-figure-left-{viewport['width']}x{viewport['height']}")
    assert MIRRORED in svg and "Shown for the left side." in svg and "@keyframes" in svg  # it moves
    # Large: the biggest thing on the screen, as wide as the words or as tall as the screen allows.
    figure = box(page, "#figure")
    assert figure["width"] * figure["height"] > 0.18 * viewport["width"] * viewport["height"]
    assert figure["width"] * figure["height"] > 4 * box(page, ".ring-wrap")["width"] ** 2
    assert on_screen(page, (*ALWAYS_SHOWN, "#steps-open", "#skip", "#back", "#quit"), viewport) == []

    # The steps, one tap away: the first ones of this exercise, the rest a tap further.
    page.get_by_role("button", name="Steps").click()
    dialog = page.locator("#steps-dialog")
    expect(dialog).to_be_visible()
    exercise = builtin_catalog().exercises[str(left["exercise"])]
    shown = dialog.locator(f'[data-exercise="{exercise.id}"]')
    expect(shown).to_be_visible()
    look(page, f"player-steps-{viewport['width']}x{viewport['height']}")
    expect(shown.locator("ol").first.locator("li")).to_have_count(min(3, len(exercise.steps)))
    expect(shown).to_contain_text(exercise.steps[0])
    assert dialog.locator("[data-exercise]:visible").count() == 1  # only the exercise being done
    assert small_targets(page) == []
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    # The right side: the picture as the pose draws it, not mirrored.
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => { const e = window.supplePlayer.engine; const s = e.steps[e.index]; return s.side === 'right'; }",
        timeout=30_000,
    )
    page.keyboard.press("Space")
    right = engine(page, "steps[window.supplePlayer.engine.index]")
    assert right["exercise"] == left["exercise"]
    expect(page.locator("#where")).to_contain_text("Right side")
    expect(page.locator("#figure")).to_have_attribute("src", f"/figures/{right['exercise']}.svg")
    svg = shown_figure(page)
    assert MIRRORED not in svg and "Shown for the right side." in svg
    assert on_screen(page, ALWAYS_SHOWN, viewport) == []
    context.close()


def test_the_figure_stands_still_for_a_reader_who_asked_for_reduced_motion(browser: Browser, server: Server) -> None:
    context = browser.new_context(base_url=server.url, viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    routine_ready(page, conditions=("sciatica", "hip-pain"), minutes=15)
    play(page, speed=20)
    left = at_a_sided_hold(page, "left")
    expect(page.locator("#figure")).to_have_attribute("src", f"/figures/{left['exercise']}.svg?still=true&side=left")
    svg = shown_figure(page)
    assert "animation" not in svg and MIRRORED in svg
    context.close()

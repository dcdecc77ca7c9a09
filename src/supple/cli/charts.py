"""`supple stats --png FILE`: the same figures as charts (matplotlib, drawn off-screen)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supple.services.progress import Stats


def write_png(report: Stats, sides: dict[str, tuple[int, int]], path: Path) -> None:
    """Sessions per week against the 3-5 goal, pain before and after each session, and how often
    each side was the tighter one."""
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    import matplotlib.pyplot as plt
    from matplotlib.dates import DateFormatter

    from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH

    figure, (weeks_ax, pain_ax, sides_ax) = plt.subplots(3, 1, figsize=(8, 9), constrained_layout=True)
    labels = [w.start.strftime("%d %b") for w in report.weeks]
    colours = ["#2a9d8f" if w.on_goal else "#9aa5b1" for w in report.weeks]
    weeks_ax.bar(labels, [w.sessions for w in report.weeks], color=colours)
    weeks_ax.axhspan(WEEKLY_GOAL, WEEKLY_GOAL_HIGH, color="#2a9d8f", alpha=0.12, label="goal: 3-5 a week")
    weeks_ax.set_title("Sessions per week")
    weeks_ax.legend(loc="upper left")
    weeks_ax.tick_params(axis="x", labelrotation=45)
    when = [p.when for p in report.pain]
    pain_ax.plot(when, [p.before for p in report.pain], marker="o", label="before")
    pain_ax.plot(when, [p.after for p in report.pain], marker="o", label="after")
    pain_ax.set_ylim(0, 10)
    pain_ax.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    pain_ax.set_title("Pain, 0-10")
    pain_ax.legend(loc="upper right")
    names = list(sides)
    sides_ax.barh(names, [-sides[n][0] for n in names], color="#e76f51", label="left tighter")
    sides_ax.barh(names, [sides[n][1] for n in names], color="#264653", label="right tighter")
    sides_ax.axvline(0, color="black", linewidth=0.8)
    sides_ax.set_title("Which side felt tighter (answers)")
    if names:
        sides_ax.legend(loc="lower right")
    else:
        sides_ax.set_axis_off()
        sides_ax.text(0.5, 0.5, "No answers yet: after a sided stretch, say which side felt tighter.",
                      ha="center", va="center", transform=sides_ax.transAxes)  # fmt: skip
    if not report.pain:
        pain_ax.text(0.5, 0.5, "No pain ratings yet.", ha="center", va="center", transform=pain_ax.transAxes)
    figure.savefig(path, dpi=100)
    plt.close(figure)

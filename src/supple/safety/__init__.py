"""Safety: red-flag screening that stops the coach, and precautions that change the routine."""

from pathlib import Path


def data_dir() -> Path:
    """The screening questions and the precautions (found as supple.catalog.data_dir says)."""
    return Path(__file__).with_name("data")

"""The content: exercises as validated data, with the vocabularies and principles."""

from pathlib import Path


def data_dir() -> Path:
    """The built-in catalogue's files: the vocabulary, the principles and exercises/. Found beside
    this file, as the web's static files and the migrations are (supple is installed as plain
    folders): importlib.resources.files() would import its zip reader, about 2 ms of a cold
    command (docs/architecture.md, Budgets)."""
    return Path(__file__).with_name("data")

"""Persistence. For now the latest screening as a small JSON file in SUPPLE_HOME."""

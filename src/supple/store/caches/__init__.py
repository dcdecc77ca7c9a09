"""Caches a cold command may reuse instead of parsing and validating the content again."""

"""The small files supple keeps in SUPPLE_HOME, each written atomically."""

"""The content: exercises as validated data, with the vocabularies and principles."""

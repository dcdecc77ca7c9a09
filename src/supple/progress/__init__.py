"""Progress: pure functions over the records of past sessions (adherence, pain, sides, dose)."""

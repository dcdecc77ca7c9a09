"""The planner: an exactly optimal, position-aware routine from a request."""

"""The guided session: a plan laid out in time, and the engine that plays it."""

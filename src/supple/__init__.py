"""supple: a guided stretching coach for the legs, hips and lower back."""

__version__ = "0.6.0"

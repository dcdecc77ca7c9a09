"""Safety: red-flag screening that stops the coach, and precautions that change the routine."""

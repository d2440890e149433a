"""Do-not-ask holds: a partner left out of rankings and asks until a date."""

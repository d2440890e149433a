"""Recruitment plans: many needs filled at once without over-tapping anyone."""

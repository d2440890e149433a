"""Partner organizations and their contacts."""

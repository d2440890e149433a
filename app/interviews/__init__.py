"""What partners tell us: candidate interviews and temperature checks."""

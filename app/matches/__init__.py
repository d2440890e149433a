"""Matching: ranked partners for a need, with explanations."""

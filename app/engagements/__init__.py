"""Engagements (every ask made of a partner) and the agreements that formalise them."""

"""Vocabularies: the sectors and regions records may name, kept in one canonical form each."""

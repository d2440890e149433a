"""Alembic environment: the only way the schema is made."""

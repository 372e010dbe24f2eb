"""Persistence: SQLModel tables, the engine, one unit of work per command, migrations."""

"""Table models over plain dataclasses (never widgets, never peewee rows)."""

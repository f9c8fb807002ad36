"""Storage layer: peewee models, opening the SQLite file, and schema migrations."""

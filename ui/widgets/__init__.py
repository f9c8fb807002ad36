"""Reusable widgets: field editors built from a register's Field, filter bar, work queues."""

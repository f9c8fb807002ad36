"""Demo data: a believable county of hardship files, the same for the same seed."""

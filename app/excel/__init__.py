"""Excel workbooks driven by a register description: a formatted writer and a calamine reader."""

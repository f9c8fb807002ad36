"""Services: one module per domain; each user action is one function call returning dataclasses."""

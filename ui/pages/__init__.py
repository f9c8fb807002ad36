"""One page per tab of the main window."""

"""User actions that call one service each, in the background where slow, then broadcast the change."""

"""Dialogs: the hardship-file editor, a family member, a lifecycle step."""

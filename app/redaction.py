"""Keeping identity numbers out of logs: whatever a log line or traceback says, IDs come out masked."""

from __future__ import annotations

import logging
import re

from app.validation import mask_id_number

# 18-character resident ID numbers (and the 17 digits Excel may leave), bank cards of 12–19 digits,
# and mobile numbers — anywhere in a line, even inside a longer text.
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
CARD_RE = re.compile(r"(?<!\d)\d{12,19}(?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def redact(text: str) -> str:
    """The text with every identity, card and mobile number reduced to its ends."""
    text = ID_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    text = CARD_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    return MOBILE_RE.sub(lambda m: mask_id_number(m.group(0)), text)


class RedactingFormatter(logging.Formatter):
    """A log formatter whose output, traceback included, never holds a full identity number."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))

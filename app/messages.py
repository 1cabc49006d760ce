"""Messages written by Flask-free code (course loader, account and unit checks) that a page shows
translated while the CLI (`flask courses check`) and logs keep the English.

A `Message` is the English text itself (a str, so every caller and test that reads it as text is
unchanged) that also remembers its msgid and values; `app.web`'s `tr` filter renders it through
Babel in the reader's language. The msgids are in app/translations like every other string.
"""
from __future__ import annotations


class Message(str):
    """English text that can be re-rendered in another language from its msgid and values."""

    msgid: str
    values: dict

    def __new__(cls, msgid: str, **values) -> Message:
        self = super().__new__(cls, msgid % values if values else msgid)
        self.msgid = msgid
        self.values = values
        return self


def M(msgid: str, **values) -> Message:  # noqa: N802 - reads like _() at the call sites
    """A message to show translated; `msgid` uses %(name)s placeholders filled from `values`."""
    return Message(msgid, **values)


def translated(text, gettext) -> str:
    """`text` in the reader's language when it is a Message; any other text as it is."""
    msgid = getattr(text, "msgid", None)
    if msgid is None:
        return text
    return gettext(msgid, **text.values) if text.values else gettext(msgid)

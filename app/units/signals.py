"""Signals other areas listen to, so that units need not import them."""
from blinker import Namespace

_signals = Namespace()

#: Sent by a session (sender) with `unit_ids=` just before one UPDATE re-hangs those units
#: (a subtree) under new ancestors, a change the session's flush events do not see.
subtree_moving = _signals.signal("subtree-moving")
#: Sent by the same session once that UPDATE has run and been flushed.
subtree_moved = _signals.signal("subtree-moved")

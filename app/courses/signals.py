"""Signals other areas listen to, so that courses need not import them."""
from blinker import Namespace

_signals = Namespace()

#: Sent with `enrollment=` (flushed, completed_at set) the moment a learner completes a course.
course_completed = _signals.signal("course-completed")

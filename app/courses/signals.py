"""Signals other areas listen to, so that courses need not import them."""
from blinker import Namespace

_signals = Namespace()

#: Sent with `enrollment=` (flushed, completed_at set) the moment a learner completes a course.
course_completed = _signals.signal("course-completed")
#: Sent with the learner as sender by the access rule (access.py); each receiver returns the
#: slugs of the courses assigned to them (assignments answers), so courses need not import it.
assigned_courses_wanted = _signals.signal("assigned-courses-wanted")

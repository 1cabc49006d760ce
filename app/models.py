"""Imports every area's models so that Alembic and create_all see the whole schema."""
from app.auth.models import AccountToken, User  # noqa: F401
from app.courses.models import Course, CourseVersion, Enrollment, LessonProgress  # noqa: F401
from app.units.models import Unit  # noqa: F401
from app.audit.models import AuditEntry  # noqa: F401
from app.certificates.models import Certificate  # noqa: F401
from app.quizzes.models import QuizAttempt  # noqa: F401
from app.assignments.models import Assignment  # noqa: F401
from app.stats.models import StatsCourseCount, StatsLearnerCount, StatsMonthCount  # noqa: F401
from app.stats import counters  # noqa: F401  (keeps the statistics summary rows in step on every flush)
from app.reviews.models import Commendation, Review, ReviewRound  # noqa: F401
from app.mail.models import OutgoingMail  # noqa: F401

"""Configuration classes, read from the environment here and nowhere else."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

#: Values that must never protect a production site.
INSECURE_SECRET_KEYS = {"", "dev", "change-me", "dev-insecure-key"}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-insecure-key")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'integrity.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    #: Connections per worker process kept open to PostgreSQL, and extra ones allowed at peaks;
    #: workers × (pool + overflow) must stay under the server's max_connections.
    DATABASE_POOL_SIZE = int(os.environ.get("DATABASE_POOL_SIZE", "5"))
    DATABASE_MAX_OVERFLOW = int(os.environ.get("DATABASE_MAX_OVERFLOW", "10"))
    #: How long a SQLite writer waits for another writer's lock before the 503 "busy" page.
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "5000"))
    COURSES_DIR = os.environ.get("COURSES_DIR", str(BASE_DIR / "courses"))
    #: Self-review forms: one folder per form holding form.md.
    REVIEWS_DIR = os.environ.get("REVIEWS_DIR", str(BASE_DIR / "reviews"))
    #: Seconds between checks of COURSES_DIR for edited files (0: check on every request).
    COURSES_RELOAD_INTERVAL = float(os.environ.get("COURSES_RELOAD_INTERVAL", "2"))
    #: Commit every publish from the editor even when COURSES_DIR is only a sub-folder of a git
    #: repository (like courses/ in this project). When COURSES_DIR is itself a repository's top
    #: folder, publishes are always commits.
    COURSES_GIT_COMMIT = os.environ.get("COURSES_GIT_COMMIT", "").lower() in ("1", "true", "yes")
    #: The committer of editor publishes; the author is the trainer who published.
    COURSES_GIT_COMMITTER_NAME = os.environ.get("COURSES_GIT_COMMITTER_NAME", "Integrity Academy")
    COURSES_GIT_COMMITTER_EMAIL = os.environ.get("COURSES_GIT_COMMITTER_EMAIL", "editor@integrity-academy.invalid")
    #: Largest image a trainer may upload, in bytes.
    EDITOR_IMAGE_MAX_BYTES = int(os.environ.get("EDITOR_IMAGE_MAX_BYTES", str(2 * 1024 * 1024)))

    BABEL_DEFAULT_LOCALE = "vi"
    #: The time zone of the site's people: "today", due dates and every time shown are in it.
    SITE_TIMEZONE = os.environ.get("SITE_TIMEZONE", "Asia/Ho_Chi_Minh")
    BABEL_DEFAULT_TIMEZONE = SITE_TIMEZONE
    LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    #: Lesson pages are rendered once as shells and filled in per view (app/courses/lesson_page.py, app/fastpath.py);
    #: False renders every view in full. The shells each worker keeps (tens of kB each).
    LESSON_SHELLS = True
    LESSON_SHELLS_MAX = 256
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    #: One directory every app server and job consumer sees (a shared volume with N servers):
    #: job state and results (certificate ZIPs), import uploads and the catalogue's publish
    #: stamp live here, so any server can answer for any job, preview or publish.
    SHARED_DIR = os.environ.get("SHARED_DIR", str(INSTANCE_DIR / "shared"))
    #: Uploaded import files wait here between the preview (on one server) and the
    #: confirmation (perhaps on another): inside SHARED_DIR unless set.
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR") or str(Path(SHARED_DIR) / "uploads")
    #: Where the job queue lives: empty = SQLite in instance/ (one host); redis://host:port/db for several.
    JOBS_URL = os.environ.get("JOBS_URL", "")
    #: A running job that has not reported progress for this long is taken for lost with its
    #: consumer and queued again, if it is safe to rerun (app/jobs/recovery.py). A job of a dead
    #: consumer on the same host is queued again as soon as another consumer starts there.
    JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "120"))
    #: Run jobs inline in the request instead of on a consumer (tests; never in production).
    JOBS_IMMEDIATE = os.environ.get("JOBS_IMMEDIATE", "").lower() in ("1", "true", "yes")

    #: Failed logins in a row, for one account from one client address, before that pair is
    #: paused (app/auth/throttle.py); each further failure doubles the pause.
    LOCKOUT_AFTER = int(os.environ.get("LOCKOUT_AFTER", "5"))
    LOCKOUT_BASE_SECONDS = int(os.environ.get("LOCKOUT_BASE_SECONDS", "30"))
    LOCKOUT_MAX_SECONDS = int(os.environ.get("LOCKOUT_MAX_SECONDS", "3600"))
    ACTIVATION_DAYS = int(os.environ.get("ACTIVATION_DAYS", "14"))
    RESET_MINUTES = int(os.environ.get("RESET_MINUTES", "60"))
    FORGOT_RATE_LIMIT = os.environ.get("FORGOT_RATE_LIMIT", "5 per minute")
    #: Self-registration (app/auth/registration.py): open when this names a unit and mail is
    #: configured; it only ever creates learners of audience "other", in that unit.
    SELF_REGISTRATION_UNIT = os.environ.get("SELF_REGISTRATION_UNIT", "")
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "5 per hour")
    CONFIRM_HOURS = int(os.environ.get("CONFIRM_HOURS", "48"))

    #: Outgoing mail is optional: without MAIL_SERVER, activation links are printed by the admin.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "no-reply@localhost")
    #: Mail goes through an outbox (app/mail/outbox.py), sent by the job consumer: a failed try is
    #: repeated after MAIL_RETRY_SECONDS, the mail given up (status "failed") after MAIL_MAX_ATTEMPTS.
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "5"))
    MAIL_RETRY_SECONDS = float(os.environ.get("MAIL_RETRY_SECONDS", "300"))
    #: A mail claimed for sending this long ago was lost with its consumer mid-send, and a queued
    #: one due this long ago lost its job: the sweep sends them. Keep it well above the SMTP timeout
    #: (30 s a command), or a slow send is taken for lost and the mail goes out twice.
    MAIL_STALE_SECONDS = float(os.environ.get("MAIL_STALE_SECONDS", "600"))

    #: How many reverse proxies (nginx) sit in front of the app and may set X-Forwarded-*;
    #: 0 trusts none. Rate limits and audit entries key on the client address this gives.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

    #: Units with fewer learners hide averages and per-learner rows from outside viewers.
    STATS_PRIVACY_MIN = int(os.environ.get("STATS_PRIVACY_MIN", "5"))
    #: A unit needs at least this many assigned learners to enter the commendation ranking.
    STATS_COMMEND_MIN = int(os.environ.get("STATS_COMMEND_MIN", "10"))
    #: Where the wording of the report upward lives (bao-cao.yaml), for admins to adapt.
    REPORTS_DIR = os.environ.get("REPORTS_DIR", str(BASE_DIR / "reports"))
    #: The site's public address: every absolute link (mails, QR codes, credentials, the DID)
    #: is built from it, never from the request's Host header. Required in production.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    #: Further host names the site answers to (comma separated, `.example.org` for its
    #: subdomains); PUBLIC_BASE_URL's host always. Requests naming any other Host get a 400.
    TRUSTED_HOSTS = os.environ.get("TRUSTED_HOSTS", "")
    #: Also answer on localhost and 127.0.0.1 (any port): development and tests only.
    TRUST_LOCAL_HOSTS = False
    #: Issuer printed on certificates of courses whose front matter names none.
    CERTIFICATE_ISSUER = os.environ.get("CERTIFICATE_ISSUER", "Integrity Academy")
    #: Who signs printed certificates of courses whose front matter names nobody (name, title).
    CERTIFICATE_SIGNATORY_NAME = os.environ.get("CERTIFICATE_SIGNATORY_NAME", "")
    CERTIFICATE_SIGNATORY_TITLE = os.environ.get("CERTIFICATE_SIGNATORY_TITLE", "")
    #: The Ed25519 key that signs credentials; generated on first use (mode 0600).
    CERTIFICATE_KEY_PATH = os.environ.get("CERTIFICATE_KEY_PATH", str(INSTANCE_DIR / "certificate-signing-key.pem"))
    #: Public certificate look-ups per client address.
    VERIFY_RATE_LIMIT = os.environ.get("VERIFY_RATE_LIMIT", "30 per minute")
    #: Most certificates packed into one ZIP. The ZIP is built by a job consumer, not inside a
    #: request, so no web timeout cuts it off: bench.certificates_batch runs 2,000 through the
    #: queue (about 40 ms a PDF on 2 shared cores) with the consumer's memory flat.
    CERTIFICATE_BATCH_MAX = int(os.environ.get("CERTIFICATE_BATCH_MAX", "2000"))


class DevelopmentConfig(Config):
    DEBUG = False  # `make run` serves the demo; the debugger is opt-in with FLASK_DEBUG=1
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '5000')}"
    TRUST_LOCAL_HOSTS = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    COURSES_RELOAD_INTERVAL = 0
    SERVER_NAME = None
    PUBLIC_BASE_URL = "http://localhost"  # the test client's host
    TRUST_LOCAL_HOSTS = True
    #: Jobs run inline so a request's test sees their result; TEST_JOBS_IMMEDIATE=0 for a real consumer.
    JOBS_IMMEDIATE = os.environ.get("TEST_JOBS_IMMEDIATE", "1") != "0"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def validate(cls) -> None:
        """Refuse to run a public site with a guessable session key, or without its address
        (links would otherwise come from whatever Host a request names)."""
        from app.urls import base_url_problem

        key = os.environ.get("SECRET_KEY", "")
        if key in INSECURE_SECRET_KEYS or len(key) < 16:
            raise RuntimeError(
                "SECRET_KEY must be set to a long random value in production "
                "(for example: python -c 'import secrets; print(secrets.token_hex(32))')."
            )
        problem = base_url_problem(os.environ.get("PUBLIC_BASE_URL", ""))
        if problem:
            raise RuntimeError(problem + "; it is required in production.")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None):
    """The config class named by `name` or by the APP_ENV variable (default: development)."""
    name = name or os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"Unknown APP_ENV {name!r}; expected one of {sorted(CONFIGS)}") from None

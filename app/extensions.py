"""Flask extensions, created unbound and bound to the app in create_app."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData

# Named constraints so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
#: One way to write dates and times on every page, in every language: 31/12/2026, 23:30.
DATE_FORMATS = dict(Babel.default_date_formats, **{
    "date": "dd/MM/yyyy", "datetime": "dd/MM/yyyy HH:mm", "time": "HH:mm",
    "date.short": "dd/MM/yyyy", "datetime.short": "dd/MM/yyyy HH:mm", "time.short": "HH:mm",
})
babel = Babel(date_formats=DATE_FORMATS)
limiter = Limiter(key_func=get_remote_address, default_limits=[])

"""Integrity Academy: the app factory."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from config import config_for


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the app: configuration, extensions, blueprints, CLI groups, error handlers."""
    app = Flask(__name__, instance_relative_config=True)
    config = config_for(config_name)
    if hasattr(config, "validate"):
        config.validate()
    app.config.from_object(config)
    app.config.update(overrides)
    from app.urls import KnownHostsOnly, base_url_problem, trusted_hosts

    if base_url_problem(app.config["PUBLIC_BASE_URL"]):
        raise RuntimeError(base_url_problem(app.config["PUBLIC_BASE_URL"]))
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config["PUBLIC_BASE_URL"], app.config["TRUSTED_HOSTS"],
                                                app.config["TRUST_LOCAL_HOSTS"])
    from app import db_setup, models, web  # noqa: F401  (models: the whole schema for Alembic)
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = db_setup.engine_options(app.config)
    db.init_app(app)
    db_setup.init_app(app, db)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    from app.auth import throttle

    throttle.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale, timezone_selector=lambda: app.config["SITE_TIMEZONE"])
    web.init_app(app)

    from app.courses.catalog import init_catalog
    from app.quizzes.lint import quiz_warnings
    from app.quizzes.parser import parse_quiz

    app.extensions["quiz_parser"] = parse_quiz
    app.extensions["quiz_lint"] = quiz_warnings
    init_catalog(app)

    from app.admin import bp as admin_bp
    from app.auth import bp as auth_bp
    from app.certificates import bp as certificates_bp
    from app.courses import bp as courses_bp
    from app.editor import bp as editor_bp
    from app.main import bp as main_bp
    from app.quizzes import bp as quizzes_bp
    from app.assignments import bp as assignments_bp
    from app.reports import bp as reports_bp
    from app.stats import api_bp as stats_api_bp, bp as stats_bp
    from app.reviews import api_bp as reviews_api_bp, bp as reviews_bp
    from app.progress.routes import bp as jobs_bp

    for blueprint in (main_bp, auth_bp, courses_bp, quizzes_bp, assignments_bp, stats_bp, stats_api_bp,
                      certificates_bp, editor_bp, admin_bp, reports_bp, reviews_bp, reviews_api_bp, jobs_bp):
        app.register_blueprint(blueprint)

    from app.auth.cli import users_cli
    from app.certificates.cli import certificates_cli
    from app.courses.cli import courses_cli
    from app.demo.cli import demo_cli
    from app.ops.cli import backup_command
    from app.quizzes.cli import quizzes_cli
    from app.units.cli import units_cli
    from app.stats.cli import stats_cli
    from app.reports.cli import reports_cli
    from app.reviews.cli import reviews_cli
    from app.jobs import init_app as init_jobs
    from app.jobs.cli import jobs_cli
    from app.mail.cli import mail_cli

    init_jobs(app)

    for group in (units_cli, users_cli, courses_cli, demo_cli, quizzes_cli, stats_cli, backup_command,
                  certificates_cli, reports_cli, reviews_cli, jobs_cli, mail_cli):
        app.cli.add_command(group)

    from app import fastpath
    from app.courses import lesson_page

    lesson_page.init_app(app)
    app.wsgi_app = KnownHostsOnly(app, app.wsgi_app)
    fastpath.init_app(app)  # checks the host itself, and hands unknown ones to KnownHostsOnly
    if app.config.get("TRUSTED_PROXIES"):  # outermost: every layer inside sees the client's address
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app

"""Screenshots of each role's main pages at a phone's and a desktop's width: `make screens`.

Builds a throwaway demo site (SQLite in a temporary folder, migrated, the real courses, `demo
seed`), serves it on a free loopback port, and lets Debian's Chromium log in as each demo account
and photograph its pages into docs/screens/<width>/<role>-<page>.png. Run it after a change to
what people see; the pictures are the closing note's evidence.
"""
from __future__ import annotations

import logging
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

COURSE = "liem-chinh-cong-vu"  # the demo civil servant's course, finished and certified by `demo seed`
#: role → (demo account, pages as name → path); {unit}, {result} and {code} are filled in once the site is built
ROLES = {
    "anonymous": (None, {"landing": "/", "login": "/auth/login", "verify": "/verify/{code}"}),
    "learner": ("hocvien", {"dashboard": "/", "course": f"/courses/{COURSE}",
                            "lesson": f"/courses/{COURSE}/lessons/tang-qua-nhan-qua",
                            "quiz": f"/courses/{COURSE}/quiz", "result": "{result}", "certificates": "/certificates/"}),
    "student": ("hocsinh", {"dashboard": "/", "course": "/courses/trung-thuc-hoc-duong"}),
    "manager": ("manager", {"dashboard": "/", "statistics": "/stats/units/{unit}", "learners": "/stats/units/{unit}/learners",
                            "assignments": "/assignments/", "reports": "/reports/units/{unit}", "reviews": "/reviews/"}),
    "trainer": ("trainer", {"editor": "/editor/", "course": f"/editor/{COURSE}/",
                            "editing": f"/editor/{COURSE}/files/03-tang-qua-nhan-qua.md",
                            "quiz-editing": f"/editor/{COURSE}/files/quiz.md", "quiz-statistics": f"/courses/{COURSE}/quiz/stats"}),
    "admin": ("admin", {"administration": "/admin/", "users": "/admin/users", "audit": "/admin/audit",
                        "import": "/admin/users/import", "certificates": "/certificates/manage",
                        "statistics": "/stats/units/HN"}),
}


def build_site(base: Path):
    """The demo site on a fresh SQLite database under `base`."""
    from flask_migrate import upgrade

    from app import create_app
    from app.demo.seed import seed_demo
    from app.extensions import db

    app = create_app("development", SQLALCHEMY_DATABASE_URI=f"sqlite:///{base / 'screens.db'}",
                     UPLOAD_DIR=str(base / "uploads"), CERTIFICATE_KEY_PATH=str(base / "key.pem"),
                     LOGIN_RATE_LIMIT="1000 per minute")
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        db.session.remove()
    return app


def passed_attempt(app) -> dict[str, str]:
    """The demo civil servant passes her course's final quiz once more (every answer right), so
    that there is a result page to photograph: its path and her certificate's code."""
    from sqlalchemy import select

    from app.auth.models import User
    from app.certificates.queries import of_user_in_course
    from app.courses.catalog import catalog
    from app.courses.services import course_id_of
    from app.demo.data import DEMO_DOMAIN
    from app.extensions import db
    from app.quizzes.grading import correct_sheet
    from app.quizzes.models import FINAL
    from app.quizzes.services import start_attempt, submit_attempt

    with app.test_request_context():
        user = db.session.scalar(select(User).filter_by(email=f"hocvien@{DEMO_DOMAIN}"))
        course = catalog().get(COURSE)
        quiz = course.final_quiz
        attempt = start_attempt(user.id, course, FINAL, quiz)
        attempt.answers = {qid: {"v": answer, "t": ""} for qid, answer in correct_sheet(quiz, attempt.question_ids).items()}
        db.session.flush()
        submit_attempt(attempt, course, quiz)
        certificate = of_user_in_course(user.id, course_id_of(course))
        db.session.commit()
        found = {"result": f"/courses/{COURSE}/quiz/attempts/{attempt.id}/result", "code": certificate.code}
        db.session.remove()
    return found


def serve(app) -> str:
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def manager_unit(app) -> str:
    from sqlalchemy import select

    from app.auth.models import User
    from app.demo.data import DEMO_DOMAIN
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(User).filter_by(email=f"manager@{DEMO_DOMAIN}")).unit.code


def main() -> int:
    from playwright.sync_api import sync_playwright

    from app.demo.data import DEMO_DOMAIN, DEMO_PASSWORD

    with tempfile.TemporaryDirectory() as tmp:
        app = build_site(Path(tmp))
        url, values = serve(app), {"unit": manager_unit(app), **passed_attempt(app)}
        taken = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for width, viewport in WIDTHS.items():
                (OUT / width).mkdir(exist_ok=True)
                for role, (account, pages) in ROLES.items():
                    context = browser.new_context(base_url=url, viewport=viewport, locale="vi-VN")
                    page = context.new_page()
                    if account:
                        page.goto("/auth/login")
                        page.fill("input[name=email]", f"{account}@{DEMO_DOMAIN}")
                        page.fill("input[name=password]", DEMO_PASSWORD)
                        page.click("main form button[type=submit]")
                        page.wait_for_load_state()
                    for name, path in pages.items():
                        page.goto(path.format(**values))
                        page.wait_for_load_state()
                        page.screenshot(path=str(OUT / width / f"{role}-{name}.png"))
                        taken += 1
                    context.close()
            browser.close()
    print(f"{taken} screenshots in {OUT.relative_to(ROOT)}/phone and /desktop")
    return 0


if __name__ == "__main__":
    sys.exit(main())

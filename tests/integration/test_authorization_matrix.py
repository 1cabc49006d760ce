"""Every registered route, opened as anonymous, learner, trainer, unit manager and admin, by the
table in tests/support/routes.py: a route missing from it fails here."""
from __future__ import annotations

import re

import pytest

from tests.support.client import csrf_token
from tests.support.routes import (  # noqa: F401 (world is a fixture)
    ADMIN, ANON, ASSIGNED, LEARNER, MANAGER, ROLES, ROUTES, TRAINER, call, client_for, outcome, route_requests,
    world)


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(endpoints - set(ROUTES)) == [], "add the new routes to a table in tests/support/routes.py"
    assert sorted(set(ROUTES) - endpoints) == [], "these endpoints no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_allowed_routes(app, world, role):
    client = client_for(app, world, role)
    wrong = []
    for endpoint, method, url, route in route_requests(app, world):
        got = outcome(call(client, method, url, route, world))
        expected = "allowed" if role in route.allowed else ("login" if role == ANON else "refused")
        if got != expected:
            wrong.append(f"{method} {url} ({endpoint}): expected {expected}, got {got}")
    assert wrong == []


def test_a_trainer_cannot_edit_a_course_they_do_not_maintain(app, world):
    """open-to-all lists no maintainers: every editor route on it refuses the trainer, not the admin."""
    from flask import url_for

    elsewhere = lambda w: {"folder": "open-to-all"}  # noqa: E731
    requests = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("editor.") and "folder" in rule.arguments:
                args = {**ROUTES[rule.endpoint].args(world), **elsewhere(world)}
                method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
                requests.append((method, url_for(rule.endpoint, **args), ROUTES[rule.endpoint]))
    assert len(requests) >= 15
    trainer = client_for(app, world, TRAINER)
    wrong = [f"{method} {url}" for method, url, route in requests
             if outcome(call(trainer, method, url, route, world)) != "refused"]
    assert wrong == []
    assert "open-to-all" not in trainer.get("/editor/").get_data(as_text=True)
    admin = client_for(app, world, ADMIN)
    assert outcome(admin.get("/editor/open-to-all/")) == "allowed"


#: Reserved and odd values for a path parameter: the quiz's names, parent folders, trailing and
#: encoded slashes, upper case, source files (each also tried as the real value so spelt).
ODD_VALUES = ["final", "quiz", "FINAL", "..", "final/", "quiz.md", "quiz.md/", "QUIZ.MD", "course.md/",
              "..%2Fquiz.md", "%2e%2e%2Fquizzed%2Fquiz.md", "final%2F1", "rules%2F..%2Ffinal", ".git%2Fconfig"]
#: What must never come back: the final quiz's key (source syntax, feedback, the right-answer
#: markers of a result page, in both languages), front matter, other people's names and e-mails.
LEAKS = ["(x)", "[x]", "accept:", "answer: ", "Cash from a party to a case is always refused.", "Luat PCTN",
         "is-key", "a right answer", "là đáp án đúng", "✓", "show_answers", "pass_mark:", "audiences:",
         "maintainers:", "attempts: 2", "Target Learner"]
#: The sources of the courses the world's trainer does not maintain: the editor shows the
#: trainer the sources (keys included) of civics and quizzed, which list them, and never these.
NOT_MAINTAINED = ["Everyone is welcome.", "Because trust matters.", "Be honest.", "Do not cheat in exams."]
PLACEHOLDER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def odd_requests(app, world):
    """(endpoint, method, url, real url, route) with one path parameter at a time set to each odd value
    (and to the real value upper-cased, with a trailing slash and behind an encoded ../),
    written into the URL as is: no converter or url_for vets it first."""
    found = []
    for rule in app.url_map.iter_rules():
        route = ROUTES[rule.endpoint]
        if not rule.arguments or route.last:
            continue
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        args = {**{name: "x" for name in rule.arguments}, **route.args(world)}
        real = {name: rule._converters[name].to_url(value) for name, value in args.items() if name in rule.arguments}
        fill = lambda values: PLACEHOLDER.sub(lambda m: values[m.group(1)], rule.rule)  # noqa: E731
        # An attempt route is also tried with the other kind's attempt (final ↔ practice).
        attempts = dict.fromkeys([real["attempt_id"], str(world["attempt"]), str(world["practice"])]
                                 if "attempt_id" in real else [None])
        for name in sorted(rule.arguments):
            spellings = [*ODD_VALUES, real[name].upper(), real[name] + "/", "..%2F" + real[name]]
            for value in dict.fromkeys(v for v in spellings if v != real[name]):
                for attempt in attempts:
                    values = {**real, name: value, **({"attempt_id": attempt} if attempt and name != "attempt_id" else {})}
                    found.append((rule.endpoint, method, fill(values), fill(real), route))
    return found


@pytest.mark.parametrize("role", [LEARNER, ASSIGNED, TRAINER, MANAGER])
def test_odd_path_values_give_no_key_no_source_no_other_persons_data_and_no_500(app, world, role):
    client = client_for(app, world, role)
    token = csrf_token(client, "/auth/forgot")
    others = [user.email for other, user in world["users"].items() if other != role] + [world["target"].email]
    wrong = []
    requests = odd_requests(app, world)
    assert len(requests) > 500
    for endpoint, method, url, real_url, route in requests:
        # Followed: a merged double slash (308) must not lead anywhere a single one does not.
        response = client.open(url, method=method, follow_redirects=True,
                               data={**route.form(world), "csrf_token": token} if method != "GET" else None)
        body = response.get_data().decode(errors="replace")
        # Reaching the real URL (a merged slash) is the route, and the flow, that the matrix above
        # checks; static holds the site's public CSS and scripts (whose class names include is-key).
        passed = {hop.request.path for hop in [*response.history, response]}
        checked = endpoint != "static" and real_url not in passed
        secrets = NOT_MAINTAINED if role == TRAINER and endpoint.startswith("editor.") else LEAKS
        leaked = [text for text in [*secrets, *others] if text in body] if checked else []
        if response.status_code >= 500 or leaked:
            wrong.append(f"{method} {url} ({endpoint}): {response.status_code} {leaked}")
    assert wrong == []

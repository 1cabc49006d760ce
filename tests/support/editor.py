"""Helpers shared by the editor tests: an English-reading login and a trainer who maintains civics."""
from __future__ import annotations

import pytest

from tests.support.client import login as _login


def login(client, email):
    """Log in and read the site in English, so these tests assert on the English texts."""
    response = _login(client, email)
    client.get("/lang/en")
    return response


@pytest.fixture
def trainer(make_user):
    """A trainer listed in the civics fixture course's maintainers."""
    return make_user("trainer@example.org", role="trainer", name="Trần Văn Giảng")


@pytest.fixture
def trainer_client(client, trainer):
    login(client, trainer.email)
    return client

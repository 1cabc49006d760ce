"""Lesson pages as the fast-path tests compare them: the fixture course's lessons, CSRF tokens masked."""
import re

CONDUCT, GIFTS = "/courses/civics/lessons/conduct", "/courses/civics/lessons/gifts"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def page(client, path=CONDUCT):
    """The lesson page's HTML (it must answer 200), with its CSRF tokens masked."""
    response = client.get(path)
    assert response.status_code == 200
    return TOKEN.sub('name="csrf_token" value="…"', response.get_data(as_text=True))

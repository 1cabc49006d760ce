"""Import and loader errors a person reads are in Vietnamese, still saying where (row, column, field)."""
import re

from app.courses.loader import Problem
from app.messages import M, translated
from tests.support.imports import BAD, upload


def test_import_preview_shows_row_errors_in_vietnamese(admin_client):
    admin_client.get("/lang/vi")
    _token, html = upload(admin_client, BAD.encode())
    cells = re.sub(r"\s+", " ", html)
    assert "vai trò không hợp lệ &#39;wizard&#39;" in cells or "vai trò không hợp lệ 'wizard'" in cells
    assert "không có đơn vị &#39;NOPE&#39;" in cells or "không có đơn vị 'NOPE'" in cells
    assert '<td class="num">6</td> <td>role</td>' in cells  # the where is kept
    assert "unknown role" not in cells and "unknown unit" not in cells


def test_loader_messages_stay_english_as_text_and_translate_on_a_page(app):
    message = M("'%(key)s' must be a whole number from %(low)s to %(high)s, not %(value)s",
                key="minutes", low=1, high=600, value=repr("abc"))
    problem = Problem("civics/01-intro.md", 3, message)
    assert str(problem) == "civics/01-intro.md:3: 'minutes' must be a whole number from 1 to 600, not 'abc'"
    with app.test_request_context("/?lang=vi"):
        from flask_babel import gettext
        assert translated(problem.message, gettext) == "'minutes' phải là số nguyên từ 1 đến 600, không phải 'abc'"
        assert translated("plain text", gettext) == "plain text"


def test_weak_passwords_in_an_import_are_refused_in_vietnamese(admin_client):
    admin_client.get("/lang/vi")
    rows = ("email,full_name,unit_code,role,audience,password\n"
            "p1@example.org,Một,W1,learner,civil_servant,short1\n"
            "p2@example.org,Hai,W1,learner,civil_servant,onlyletters\n"
            "p3@example.org,Ba,W1,learner,civil_servant,password1\n")
    _token, html = upload(admin_client, rows.encode())
    cells = re.sub(r"\s+", " ", html)
    assert "mật khẩu phải có ít nhất 8 ký tự" in cells
    assert "mật khẩu phải có cả chữ cái và chữ số hoặc ký hiệu" in cells
    assert "mật khẩu quá phổ biến hoặc quá dễ đoán" in cells
    assert "password must" not in cells and "too common" not in cells

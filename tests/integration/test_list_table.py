"""The list-table macro (templates/macros/table.html) that the list pages share."""
import re

import pytest

CALL = """{% from "macros/table.html" import list_table %}
{% call(row) list_table(rows, ["Name", ("Score", "num")], caption=caption, stack=stack, class=css, empty=empty, empty_row=empty_row) %}
<tr><th scope="row">{{ row.name }}</th><td class="num" data-label="Score">{{ row.score }}</td></tr>
{% endcall %}"""


@pytest.fixture
def table(app):
    def render(rows, caption=None, stack=False, css=None, empty=None, empty_row=None):
        with app.test_request_context():
            html = app.jinja_env.from_string(CALL).render(rows=rows, caption=caption, stack=stack, css=css, empty=empty,
                                                          empty_row=empty_row)
        return re.sub(r">\s+<", "><", html).strip()
    return render


def test_list_table_writes_wrapper_caption_headers_and_one_row_per_item(table):
    html = table([{"name": "An", "score": 9}, {"name": "Bình", "score": 7}], caption="Scores")
    assert html.startswith('<div class="table-wrap"><table class="data"><caption class="visually-hidden">Scores</caption>')
    assert '<thead><tr><th scope="col">Name</th><th scope="col" class="num">Score</th></tr></thead>' in html
    assert html.count('<th scope="row">') == 2 and html.endswith("</tbody></table></div>")


def test_list_table_marks_stacked_tables_for_the_phone_cards_and_keeps_extra_classes(table):
    assert '<table class="data stack">' in table([{"name": "An", "score": 9}], stack=True)
    assert '<table class="data stack stats-table">' in table([{"name": "An", "score": 9}], stack=True, css="stats-table")


def test_list_table_without_items_says_so_instead_of_a_table(table):
    assert table([], empty="Nobody yet.") == "<p>Nobody yet.</p>"


def test_list_table_without_items_keeps_its_headers_when_the_message_is_a_row(table):
    html = table([], empty_row="Nothing yet.")
    assert '<th scope="col">Name</th>' in html and '<tbody><tr><td colspan="2">Nothing yet.</td></tr></tbody>' in html


def test_list_table_without_items_or_message_is_an_empty_table(table):
    html = table([])
    assert "<caption" not in html and "<tbody></tbody>" in html

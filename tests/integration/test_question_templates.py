"""Every registered question type has a template with the macros the quiz pages call."""
import pytest

from app.quizzes.question_types import QUESTION_TYPES


@pytest.mark.parametrize("kind", sorted(QUESTION_TYPES))
def test_each_question_type_template_defines_fields_result_and_choices(app, kind):
    module = app.jinja_env.get_template(QUESTION_TYPES[kind].template).module
    assert all(callable(getattr(module, name, None)) for name in ("fields", "result", "choices"))

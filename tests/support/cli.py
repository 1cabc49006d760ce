"""Running the flask commands in a test."""


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def write(tmp_path, name, text):
    """A text file for a command to read; its path as a string."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)

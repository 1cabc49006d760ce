"""WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi ...`."""
import gc

from app import create_app

app = create_app()
# What start-up built (the app, its templates, the loaded courses) lives as long as the process:
# frozen, the garbage collector stops walking it on every full collection (~80 ms each).
gc.freeze()

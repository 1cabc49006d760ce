"""The progress page, JSON status and result download shared by every queued job.

Apart from app/jobs (the queue itself) because these pages check who is asking (app.auth), while
the queue is used by areas app.auth depends on (app.mail): keeping the web side here keeps the
package graph free of cycles.
"""

"""Outgoing mail: recorded in an outbox in the transaction that makes what the mail carries (a
one-time link), sent after commit by a job, each row claimed before it is sent.

A package of its own, not part of auth: auth's links are the first mails, but any area (reports,
reviews) can record one, and the outbox, its job and its CLI are one piece of machinery.
See docs/deployment.md ("Outgoing mail").
"""

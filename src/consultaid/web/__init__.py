"""The web wizard: server-rendered HTML, one question per page, working without any JavaScript.

It drives the same wizard core (:mod:`consultaid.wizard`), the same results view (:mod:`consultaid.view`) and
the same summaries (:mod:`consultaid.report`) as the terminal app. It keeps nothing: the answers travel in
the form, and every request checks them against the rulebook again. Needs the ``web`` extra (Starlette,
Jinja2, uvicorn); build the app with :func:`consultaid.web.app.create_app`.
"""

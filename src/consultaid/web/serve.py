"""Serving the web wizard with uvicorn: one process, no access log (nothing about a visit is written down)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

    from ..rulebook.book import Rulebook


def serve(rulebook: Rulebook, listening: socket.socket) -> None:
    """Serve on a socket already bound and listening (the command line binds it, to report a busy port in
    one line and to print the port chosen for port 0)."""
    import uvicorn

    from .app import create_app

    config = uvicorn.Config(
        create_app(rulebook),
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:
        pass
    if not server.started:
        sys.exit(3)  # as uvicorn.run does when the server could not start

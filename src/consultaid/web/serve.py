"""Serving the web wizard with uvicorn: one process, no access log (nothing about a visit is written down)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rulebook.book import Rulebook


def serve(rulebook: Rulebook, host: str, port: int) -> None:
    import uvicorn

    from .app import create_app

    uvicorn.run(
        create_app(rulebook),
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level="warning",
    )

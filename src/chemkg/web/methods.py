"""HEAD and OPTIONS for every route: HEAD answers as GET without the body, OPTIONS lists the methods.

Link checkers, caches and some SPARQL clients probe with HEAD; generic HTTP clients ask OPTIONS.
CORS preflights (OPTIONS with ``Access-Control-Request-Method``) pass through to the CORS middleware.
"""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PROBED = ("GET", "POST", "PUT", "PATCH", "DELETE")


class HeadAndOptions:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            headers = {k.decode().lower() for k, _ in scope["headers"]}
            allowed = None if "access-control-request-method" in headers else allowed_methods(scope)
            if allowed:
                await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", allowed.encode())]})
                await send({"type": "http.response.body", "body": b""})
                return
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def allowed_methods(scope: Scope) -> str | None:
    """``GET, HEAD, OPTIONS`` and the like for the path; None when no route has it.

    Each method is tried against the app's routes with Starlette's own matching, so routers included
    in any way are asked the same question the request would be.
    """
    routes = scope["app"].router.routes
    methods = {
        method
        for method in PROBED
        if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in routes)
    }
    if not methods:
        return None
    if "GET" in methods:
        methods.add("HEAD")
    methods.add("OPTIONS")
    return ", ".join(m for m in ORDER if m in methods)

"""The app's routes as one flat list, whatever the FastAPI version keeps of included routers."""

from collections.abc import Iterator, Sequence
from typing import Any

from starlette.routing import BaseRoute


def flat_routes(routes: Sequence[BaseRoute]) -> Iterator[tuple[BaseRoute, str, Any]]:
    """Each route with its whole path template and pattern, the routers' prefixes included.
    FastAPI from 0.16x keeps included routers as branches, whose routes know only their own
    part of the path; `iter_route_contexts` walks them as the OpenAPI document does."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI copies every included route, prefix and all
        for route in routes:
            yield route, getattr(route, "path_format", ""), getattr(route, "path_regex", None)
        return
    for context in iter_route_contexts(routes):
        yield context.original_route, context.path_format or "", context.path_regex

"""The API docs pages served with their own scripts and styles, so they work with no internet
access: Swagger UI and ReDoc as the `fastapi-offline` package ships them, under /static/docs."""

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.openapi import OPENAPI_URL

STATIC = "/static/docs"
ASSETS = Path(str(files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    """Add /docs, /redoc and their assets; the app is made with docs_url=redoc_url=None."""
    app.mount(STATIC, StaticFiles(directory=ASSETS), name="docs-static")

    def _base(request: Request) -> str:
        return str(request.scope.get("root_path", ""))

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        base = _base(request)
        return get_swagger_ui_html(
            openapi_url=f"{base}{OPENAPI_URL}",
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{base}{STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}{STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{base}{STATIC}/favicon.png",
            oauth2_redirect_url=None,
            # Swagger UI would send the document to validator.swagger.io for a badge.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        base = _base(request)
        return get_redoc_html(
            openapi_url=f"{base}{OPENAPI_URL}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{base}{STATIC}/redoc.standalone.js",
            redoc_favicon_url=f"{base}{STATIC}/favicon.png",
            with_google_fonts=False,
        )

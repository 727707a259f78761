"""OpenAPI docs at /docs with Swagger UI served by the app itself (the package swagger-ui-bundle-v2),
so the docs work offline like the pages; FastAPI's default would load Swagger UI from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from swagger_ui_bundle import swagger_ui_path

SWAGGER_UI_DIR = Path(swagger_ui_path)
SWAGGER_UI_URL = "/static/swagger-ui"

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=f"{request.app.title} — API",
        swagger_js_url=f"{SWAGGER_UI_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_UI_URL}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        # No badge from the public validator service: nothing on this page leaves the server.
        swagger_ui_parameters={"validatorUrl": None},
    )

"""The web shell: server-rendered pages and the JSON API, built from one route table.

from modelvs.web import create_app
app = create_app(load_catalog())
"""

from modelvs.web.app import create_app
from modelvs.web.routes import ROUTES, RouteSpec
from modelvs.web.server import serve

__all__ = ["ROUTES", "RouteSpec", "create_app", "serve"]

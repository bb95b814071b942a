from tests.web.conftest import catalog

__all__ = ["catalog"]  # the shipped catalog, loaded once per session

import pytest

from .builders import ensure_notice_rule


@pytest.fixture(autouse=True)
def notice_rule(request):
    if "django_db" in request.keywords or request.node.get_closest_marker("django_db"):
        ensure_notice_rule()

"""Which region a signed-in user may read, and what an attempt outside it leaves in the audit trail."""

from __future__ import annotations

import pytest
from django.http import Http404

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.monev.selectors import monev_region_for
from tests.accounts.builders import make_user

from ..builders import KALBAR, KAPUAS, MAMBULAU

pytestmark = pytest.mark.django_db


def test_kabupaten_user_sees_own_region_and_below_only(dataset):
    user = make_user(Role.VERIFIKATOR, KAPUAS)
    assert monev_region_for(user, None) == KAPUAS
    assert monev_region_for(user, MAMBULAU) == MAMBULAU
    with pytest.raises(Http404):
        monev_region_for(user, KALBAR)
    assert (
        monev_region_for(user, "") == KAPUAS
    )  # "Indonesia" in the breadcrumb leads back to their own region
    with pytest.raises(Http404):
        monev_region_for(user, "62.01")  # a neighbouring kabupaten of the same province
    assert AuditEvent.objects.filter(action="access.denied", actor=user).count() == 2

"""How long django-axes keeps a (username, address) pair locked: longer each time the pair keeps failing.

Locking the pair, not the username or the address alone, means nobody can lock the superadmin out by typing
its name from elsewhere, and one user behind an office's shared address cannot lock out the whole office.
The price is that guessing from many addresses is not slowed by the lock; the growing delay makes each
address expensive instead. ``AXES_COOLOFF_TIME`` in settings names ``cool_off``.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

# Minutes of the first, second, third and every later lock of a pair within WINDOW.
STEPS_MINUTES = (1, 5, 15, 60)
WINDOW = timedelta(hours=24)


def _step(failures: int) -> int:
    """Which lock this is, from the pair's failures so far in the window.

    Axes asks for the cool-off both while it records a failure (the failure not yet in the log) and on later
    requests (the failure in it), so the 5th failure must give the same step whether it sees 4 or 5 of them:
    the step changes between failures 5k+3 and 5k+4, never at a lock.
    """
    limit = max(int(settings.AXES_FAILURE_LIMIT), 1)
    return min(max((failures + 1) // limit - 1, 0), len(STEPS_MINUTES) - 1)


def _failures_of_pair(username: str, ip_address: str | None) -> int:
    since = timezone.now() - WINDOW
    last_success = (
        AccessLog.objects.filter(username=username, ip_address=ip_address, attempt_time__gte=since)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return AccessFailureLog.objects.filter(
        username=username, ip_address=ip_address, attempt_time__gte=last_success or since
    ).count()


def cool_off(request=None) -> timedelta:
    """The lock of the pair in ``request``: 1, 5, 15, then 60 minutes as its failures repeat within a day."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")  # set by axes.conf when axes loads
    username = request.POST.get(field) if request is not None else None
    if not username:
        return timedelta(minutes=STEPS_MINUTES[0])
    failures = _failures_of_pair(username, getattr(request, "axes_ip_address", None))
    return timedelta(minutes=STEPS_MINUTES[_step(failures)])


def cool_off_minutes(request=None) -> int:
    return int(cool_off(request).total_seconds() // 60)

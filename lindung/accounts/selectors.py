"""Who is asking, and which part of the country they may see.

Every view, API endpoint and report starts from ``scope_of(user)``; the ``*_visible_to`` selectors in each
app build their querysets from it, so no page can forget the region filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from lindung.regions.codes import subtree_q, within

from .models import ROLES_SEEING_FULL_NIK, Account, Role
from .permissions import role_can


@dataclass(frozen=True)
class Scope:
    """A user's role and region. ``region_code == ""`` is the whole country; ``allowed`` False sees nothing."""

    role: str | None
    region_code: str
    sponsor_id: int | None = None
    allowed: bool = True
    # Lindung itself acting (the demo loader, the background worker): national and every capability.
    system: bool = False

    def q(self, field: str) -> Q:
        """Rows whose region ``field`` lies in this scope."""
        if not self.allowed:
            return Q(pk__in=[])
        return subtree_q(field, self.region_code)

    def covers(self, region_code: str | None) -> bool:
        if not self.allowed:
            return False
        return within(region_code, self.region_code)

    def can(self, capability: str) -> bool:
        # role_can still runs for the system, so an unknown capability is a KeyError there too.
        return self.allowed and (role_can(self.role, capability) or self.system)

    @property
    def sees_full_nik(self) -> bool:
        return self.allowed and self.role in ROLES_SEEING_FULL_NIK

    @property
    def is_sponsor(self) -> bool:
        return self.role == Role.SPONSOR


NOBODY = Scope(role=None, region_code="", allowed=False)
SYSTEM = Scope(role=Role.SUPERADMIN, region_code="", system=True)


def scope_of(user) -> Scope:
    """The scope of a request's user. Superusers without an account are national superadmins."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    account: Account | None = getattr(user, "account", None) if hasattr(user, "account") else None
    if account is None:
        if user.is_superuser:
            return Scope(role=Role.SUPERADMIN, region_code="")
        return NOBODY
    if account.role == Role.SPONSOR and account.sponsor_id is None:
        # Fail closed: a sponsor account that names no sponsor funds nobody, so it sees nobody.
        return NOBODY
    return Scope(role=account.role, region_code=account.region_id or "", sponsor_id=account.sponsor_id)


def scope_for_actor(actor) -> Scope:
    """The scope a service acts with: the user's, or Lindung's own (``actor=None``: jobs, the demo loader).

    Views and the API always pass ``request.user``, never None, so an anonymous request is NOBODY.
    """
    return SYSTEM if actor is None else scope_of(actor)


def user_can(user, capability: str) -> bool:
    return scope_of(user).can(capability)


def accounts_visible_to(user):
    """Accounts a user may manage: those whose region lies in the user's scope (national ones only for a
    national scope), and nothing for roles without ``account.manage``."""
    scope = scope_of(user)
    if not scope.can("account.manage"):
        return Account.objects.none()
    qs = Account.objects.select_related("user", "region", "sponsor")
    if scope.region_code:
        qs = qs.filter(scope.q("region_id"))
    return qs.order_by("user__username")

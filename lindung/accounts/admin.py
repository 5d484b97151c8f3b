"""Read-only: accounts are created and changed on the /akun/ pages (accounts.services, with their audit events)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lindung.core.admin_mixins import ReadOnlyAdmin

from .models import Account, Sponsor


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "region", "institution"]
    list_filter = ["role"]
    search_fields = ["user__username", "region__name"]
    raw_id_fields = ["region"]


@admin.register(Sponsor)
class SponsorAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "institution"]
    list_filter = ["kind"]
    search_fields = ["name", "nip", "institution"]


# Django's own user admin would change passwords, is_staff and is_superuser around accounts.services and the
# audit trail. Logins are managed on /akun/; here they are shown, never written. Groups are not used.
User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "is_active", "is_staff", "last_login"]
    search_fields = ["username"]
    exclude = ["password", "user_permissions", "groups"]

"""What the Django admin may write, shared by every app's ``admin.py`` (STYLE.md: the admin goes through the services).

- ``ReadOnlyAdmin``, ``ReadOnlyTabularInline``: look, never touch. People, enrolments, payments, accounts and
  quotas change on the app's own pages, the API or the CLI, through the services that check the actor's role
  and region, apply the rules and write the audit event. The admin has no such checks, so it does not write.
- ``ThroughServiceAdmin``: the form is only input; ``save_model`` hands the unsaved object to the app's
  service. When the service refuses, the form is shown again with its reason instead of a server error.
- ``AddOnlyRuleAdmin``: rule rows are history (ADR 0002): a new row may be added through the rules service,
  with its audit event; an existing row is never changed or deleted, a later ``valid_from`` replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models


def all_fields(model_admin: admin.options.BaseModelAdmin) -> list[str]:
    """Every field the admin shows, as read-only: concrete and many-to-many, minus ``exclude`` and the id."""
    opts = model_admin.model._meta
    hidden = set(model_admin.exclude or ())
    return [
        f.name
        for f in [*opts.concrete_fields, *opts.many_to_many]
        if f.name not in hidden and not (f.primary_key and f.auto_created)
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model the admin shows and never writes, also for superusers."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return all_fields(self)


class ReadOnlyTabularInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return all_fields(self)


def _refusal_errors(refusal: Exception) -> dict[str | None, list[str]]:
    """A service's refusal by form field (None: the whole form). Services either raise ValidationError or
    their own exception with ``errors``, a dict by field or a list, in Indonesian."""
    if isinstance(refusal, ValidationError):
        by_field = refusal.message_dict if hasattr(refusal, "error_dict") else {None: refusal.messages}
    else:
        errors = getattr(refusal, "errors", None)
        by_field = errors if isinstance(errors, dict) else {None: list(errors or [str(refusal)])}
    return {
        (None if k == NON_FIELD_ERRORS else k): (v if isinstance(v, list) else [str(v)])
        for k, v in by_field.items()
    }


class ThroughServiceAdmin(admin.ModelAdmin):
    """Saves go through a service: subclasses write ``save_through_service`` and list the service's
    refusals. Deleting is refused: no service deletes these rows."""

    refusals: tuple[type[Exception], ...] = (ValidationError,)

    def save_through_service(self, request, obj: models.Model, change: bool) -> models.Model:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        obj.pk = self.save_through_service(request, obj, change).pk

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except self.refusals as refusal:
            # The service refused a form Django found valid, and the view's transaction has rolled back.
            # The second pass shows the same input again with the service's reason on the form.
            request.lindung_service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "lindung_service_refusal", None)
        if refusal is None:
            return form_class
        errors = _refusal_errors(refusal)

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                for field, messages in errors.items():
                    self.add_error(field if field in self.fields else None, messages)
                return cleaned

        return RefusedForm


class AddOnlyRuleAdmin(ThroughServiceAdmin):
    """A rule table (any model on ``core.models.RuleRow``): rows are added through the rules service, never changed.

    The service (``contributions.services.rule_row_add``) is plugged in by ``contributions.admin`` with
    ``use_service``, because neither core nor people may import contributions (the import-linter layers) and
    people's age limits are rule rows too. Until it is plugged in, nothing can be added.
    """

    add_service: ClassVar[Callable[..., models.Model] | None] = None

    list_filter = ["valid_from"]
    search_fields = ["legal_basis", "note"]

    @staticmethod
    def use_service(service: Callable[..., models.Model], *, refusals: tuple[type[Exception], ...]) -> None:
        """Add every rule row through ``service(actor=..., row=...)``; ``refusals`` are shown on the form."""
        AddOnlyRuleAdmin.add_service = service
        AddOnlyRuleAdmin.refusals = (ValidationError, *refusals)

    def has_add_permission(self, request):
        return AddOnlyRuleAdmin.add_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return all_fields(self) if obj is not None else []

    def save_through_service(self, request, obj, change):
        service = AddOnlyRuleAdmin.add_service
        if service is None or change:
            raise PermissionDenied
        return service(actor=request.user, row=obj)

from django.contrib import admin

from .models import Account


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "institution"]
    list_filter = ["role"]
    search_fields = ["user__username", "region__name"]
    raw_id_fields = ["region"]

"""Meetings change on their own pages, the API or the CLI, through ``meetings.services``: the admin only shows them."""

from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin

from .models import Attendance, Meeting, Recommendation, RecommendationVillage


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["id", "level", "region", "held_on", "period"]
    list_filter = ["level"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["id", "meeting", "title", "due_on", "status"]
    list_filter = ["status"]


for model in (Attendance, RecommendationVillage):
    admin.site.register(model, ReadOnlyAdmin)

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("baru/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/rekomendasi/", views.recommendation_new, name="adopt"),
    path("<int:pk>/notulen.pdf", views.minutes_pdf, name="minutes"),
    path("rekomendasi/", views.recommendation_list, name="recommendations"),
    path("rekomendasi/<int:pk>/tindak-lanjut/", views.recommendation_status, name="status"),
]

from django.urls import path

from .views import programmes, queue

app_name = "enrolment"
urlpatterns = [
    path("verifikasi/", queue.queue, name="queue"),
]

# The programme pages that show places taken; lindung/urls.py puts them in the "programmes" namespace.
programme_urlpatterns = [
    path("", programmes.programme_list, name="list"),
    path("<int:pk>/", programmes.programme_detail, name="detail"),
    path("<int:pk>/kuota/", programmes.programme_quotas, name="quotas"),
]

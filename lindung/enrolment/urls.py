from django.urls import path

from .letters import views as letter_views
from .views import programmes, queue, renewal

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

# Renewal into the next budget year and the province hand-over (views/renewal.py).
programme_urlpatterns += [
    path("<int:pk>/lanjutkan/", renewal.renewal, name="renewal"),
    path("<int:pk>/serah-terima/", renewal.handover, name="handover"),
    path("<int:pk>/serah-terima/konfirmasi/", renewal.handover_confirm_view, name="handover_confirm"),
    path("<int:pk>/serah-terima/unduh.pdf", renewal.handover_pdf, name="handover_pdf"),
    path("<int:pk>/serah-terima/<str:village>.xlsx", renewal.handover_xlsx, name="handover_xlsx"),
]

# Letters and decrees as PDFs (lindung/enrolment/letters/).
programme_urlpatterns += [
    path("<int:pk>/surat/<slug:slug>.pdf", letter_views.letter_download, name="letter"),
]

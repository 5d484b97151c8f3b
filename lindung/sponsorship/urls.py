from django.urls import path

from .views import actions, documents, pages

app_name = "sponsorship"

urlpatterns = [
    path("", pages.sponsor_list, name="list"),
    path("saya/", pages.sponsor_mine, name="mine"),
    path("saya/monev/", documents.my_monev, name="my_monev"),
    path("baru/", pages.sponsor_create, name="create"),
    path("<int:pk>/", pages.sponsor_detail, name="detail"),
    path("<int:pk>/ubah/", pages.sponsor_edit, name="edit"),
    path("<int:pk>/tetapkan/", actions.sponsor_assign, name="assign"),
    path("<int:pk>/komitmen/", actions.commitment_create, name="commitment"),
    path("<int:pk>/monev/", documents.sponsor_monev_view, name="monev"),
    path("<int:pk>/sertifikat.pdf", documents.certificate, name="certificate"),
    path("pekerja/<int:pk>/akhiri/", actions.sponsorship_end_view, name="end"),
    path("komitmen/<int:pk>/bayar/", actions.payment_create, name="payment"),
]

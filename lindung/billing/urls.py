from django.urls import path  # noqa: F401  (the sections below add their routes)

from .views import arrears, bills  # noqa: F401

app_name = "billing"

urlpatterns = [
    # --- bills ---
    path("tagihan/", bills.bill_list, name="bill_list"),
    path("tagihan/terbitkan/", bills.bill_issue_view, name="bill_issue"),
    path("tagihan/<int:pk>/", bills.bill_detail, name="bill_detail"),
    path("tagihan/<int:pk>/koreksi/", bills.bill_adjust_view, name="bill_adjust"),
    path("tagihan/<int:pk>/bayar/", bills.bill_pay_view, name="bill_pay"),
    path("tagihan/<int:pk>/unduh/<str:fmt>/", bills.bill_download, name="bill_download"),
    # --- arrears ---
    path("tunggakan/", arrears.arrears_page, name="arrears"),
    path("perlindungan/", arrears.coverage_page, name="coverage"),
]

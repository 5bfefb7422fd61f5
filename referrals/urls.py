from django.urls import path

from referrals import views

urlpatterns = [
    path("", views.referral_list_view, name="referral-list"),
    path("new/", views.referral_new, name="referral-new"),
    path("<int:pk>/", views.referral_detail, name="referral-detail"),
    path("<int:pk>/decision/", views.referral_decide, name="referral-decide"),
]

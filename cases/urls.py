from django.urls import path

from cases.views import auth, consultation, home

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.DeskLoginView.as_view(), name="login"),
    path("logout/", auth.DeskLogoutView.as_view(), name="logout"),
    path("consultation/", consultation.consultation, name="consultation"),
]

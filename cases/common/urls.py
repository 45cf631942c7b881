from django.urls import path

from cases.common.views import home, language

urlpatterns = [
    path("", home.home, name="home"),
    path("language/", language.language_set, name="language_set"),
]

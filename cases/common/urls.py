from django.urls import path

from cases.common.views import language

urlpatterns = [
    path("language/", language.language_set, name="language_set"),
]

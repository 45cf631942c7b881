from django.contrib.auth import views as auth_views


class DeskLoginView(auth_views.LoginView):
    template_name = "cases/login.html"
    redirect_authenticated_user = True


class DeskLogoutView(auth_views.LogoutView):
    pass

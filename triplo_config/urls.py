from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from profiles import views as profile_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("triplo_config.api_urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", profile_views.manager, name="manager"),
]

handler400 = "core.errors.bad_request"

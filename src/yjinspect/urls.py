"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from yjinspect.accounts import sign_in_views, token_views
from yjinspect.accounts import views as accounts_views
from yjinspect.accounts.forms import SignInForm
from yjinspect.converters import ExportKindConverter, IdConverter, RatingsExportConverter
from yjinspect.notifications import views as notifications_views

# Before the apps' URLs are included: they use these.
register_converter(IdConverter, "id")
register_converter(ExportKindConverter, "export_kind")
register_converter(RatingsExportConverter, "ratings_export")

urlpatterns = [
    path("", include("yjinspect.catalogue.urls")),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/code/", sign_in_views.second_factor, name="second_factor"),
    path("account/", sign_in_views.account, name="account"),
    path("account/two-factor/", sign_in_views.two_factor_setup, name="two_factor_setup"),
    path("account/api-tokens/", token_views.api_tokens, name="api_tokens"),
    path("account/recovery-codes/", sign_in_views.recovery_codes, name="recovery_codes"),
    path("account/password/", sign_in_views.PasswordChange.as_view(), name="password_change"),
    path("password-reset/", sign_in_views.PasswordReset.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        sign_in_views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("inspections/", include("yjinspect.inspections.urls")),
    path("inspections/", include("yjinspect.cases.urls")),
    path("inspections/", include("yjinspect.ratings.urls")),
    path("inspections/", include("yjinspect.fieldwork.urls")),
    path("inspections/", include("yjinspect.alerts.urls")),
    path("inspections/", include("yjinspect.findings.urls")),
    path("inspections/", include("yjinspect.reports.urls")),
    path("inspections/", include("yjinspect.plans.urls")),
    path("inspections/", include("yjinspect.boardpack.urls_inspection")),
    path("", include("yjinspect.selfassessment.urls")),
    path("", include("yjinspect.api.urls")),
    path("notifications/", notifications_views.notifications, name="notifications"),
    path("reports/", include("yjinspect.reports.public_urls")),
    path("open-data/", include("yjinspect.opendata.urls")),
    path("national/", include("yjinspect.national.urls")),
    path("services/", include("yjinspect.services.urls")),
    path("services/", include("yjinspect.records.urls")),
    path("services/", include("yjinspect.staffing.urls")),
    path("services/", include("yjinspect.casework.urls")),
    path("services/", include("yjinspect.safeguarding.urls")),
    path("services/", include("yjinspect.board.urls")),
    path("services/", include("yjinspect.boardpack.urls")),
    path("services/", include("yjinspect.kpis.urls")),
    path("services/", include("yjinspect.outofcourt.urls")),
    path("services/", include("yjinspect.interventions.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

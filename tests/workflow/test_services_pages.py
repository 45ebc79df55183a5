"""Youth justice services and their management boards."""

from __future__ import annotations

from yjinspect.services.models import YouthJusticeService


def test_an_admin_adds_a_service_and_its_board(as_user, ada):
    client = as_user(ada)
    response = client.post(
        "/services/new/",
        {
            "name": "Blaenau Gwent & Caerphilly YJS",
            "nation": "wales",
            "local_authorities": "Blaenau Gwent, Caerphilly",
        },
    )
    service = YouthJusticeService.objects.get()
    assert service.local_authority_list == ["Blaenau Gwent", "Caerphilly"]
    client.post(response.url, {"name": "R. Jones", "board_role": "Chair", "organisation": "Police"})
    page = client.get(response.url).content.decode()
    assert "R. Jones" in page and "Chair" in page


def test_the_service_form_names_what_is_missing(as_user, ada):
    page = as_user(ada).post("/services/new/", {"name": ""}).content.decode()
    assert "Enter the service&#39;s name" in page or "Enter the service's name" in page
    assert "Choose England or Wales" in page


def test_only_an_admin_changes_services(as_user, alice):
    assert as_user(alice).get("/services/new/").status_code == 403
    assert (
        as_user(alice)
        .post("/services/new/", {"name": "X", "nation": "wales", "local_authorities": "X"})
        .status_code
        == 403
    )
    assert not YouthJusticeService.objects.exists()


def test_an_admin_adds_a_person_of_the_service_who_sets_a_password_from_the_email(
    as_user, ada, service, client, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from yjinspect.accounts.models import Profile
    from yjinspect.audit.models import AuditEvent

    admin = as_user(ada)
    url = f"/services/{service.pk}/"
    page = admin.post(
        url,
        {
            "form": "person",
            "person-username": "bad name",
            "person-email": "x",
            "person-role": "inspector",
        },
    ).content.decode()
    for problem in (
        "A user name may hold letters",
        "Enter an e-mail address like",
        "Select a valid choice",
    ):
        assert problem in page
    with django_capture_on_commit_callbacks(execute=True):
        page = admin.post(
            url,
            {
                "form": "person",
                "person-username": "r.jones",
                "person-email": "r.jones@cwmafon.example",
                "person-role": "service_manager",
            },
            follow=True,
        ).content.decode()
    assert "a link to choose a password was e-mailed to r.jones@cwmafon.example" in page
    profile = Profile.objects.get(user__username="r.jones")
    assert (profile.role, profile.service) == ("service_manager", service)
    assert not profile.user.has_usable_password()
    assert AuditEvent.objects.filter(action="service.person_added").exists()
    again = admin.post(
        url,
        {
            "form": "person",
            "person-username": "R.Jones",
            "person-email": "a@b.example",
            "person-role": "service_staff",
        },
    ).content.decode()
    assert "Someone already has that user name" in again

    # The e-mailed link lets them choose a password and sign in.
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = link.split("8000", 1)[-1]
    client.logout()
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"},
    )
    profile.user.refresh_from_db()
    assert profile.user.check_password("a-long-new-passphrase-42")

    # When they leave, the admin removes them: the account stays, signing in does not.
    admin = as_user(ada)
    admin.post(url, {"form": "remove", "person": profile.user.pk})
    profile.user.refresh_from_db()
    assert not profile.user.is_active
    assert "Can no longer sign in" in admin.get(url).content.decode()


def test_a_board_member_can_chair_and_have_an_email_address(as_user, ada, service):
    from yjinspect.services.models import BoardMember

    as_user(ada).post(
        f"/services/{service.pk}/",
        {
            "form": "board",
            "name": "Dr A. Morgan",
            "board_role": "Chair",
            "organisation": "Council",
            "email": "chair@cwmafon.example",
            "chair": "on",
        },
    )
    member = BoardMember.objects.get()
    assert (member.chair, member.email) == (True, "chair@cwmafon.example")

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

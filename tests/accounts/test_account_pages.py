"""The markup the Bootstrap element templates (templates/allauth/) promise on every account
page: a label for every input, no inline style or script.
"""

import pytest
from django.urls import reverse

from tests.accounts.pages_support import page, visible_inputs

pytestmark = pytest.mark.django_db


ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_email",
    "account_change_password",
    "account_logout",
]


@pytest.mark.parametrize("url_name", ACCOUNT_PAGES)
def test_account_page_every_input_has_a_label(client, verified_user, url_name):
    if url_name in {"account_email", "account_change_password", "account_logout"}:
        client.force_login(verified_user)

    response = client.get(reverse(url_name))

    parsed = page(response)
    labelled = {label.attrs.get("for") for label in parsed.find_all("label")}
    unlabelled = [e.attrs["id"] for e in visible_inputs(parsed) if e.attrs["id"] not in labelled]
    assert response.status_code == 200
    assert unlabelled == []


@pytest.mark.parametrize("url_name", ACCOUNT_PAGES)
def test_account_page_has_no_inline_style_or_script(client, verified_user, url_name):
    if url_name in {"account_email", "account_change_password", "account_logout"}:
        client.force_login(verified_user)

    response = client.get(reverse(url_name))

    parsed = page(response)
    styled = [e.tag for e in parsed.elements if "style" in e.attrs or e.tag == "style"]
    # A JSON data block (allauth's email page) is not executed, so CSP allows it.
    inline_scripts = [
        e.text
        for e in parsed.find_all("script")
        if "src" not in e.attrs and e.attrs.get("type") != "application/json"
    ]
    handlers = [(e.tag, n) for e in parsed.elements for n in e.attrs if n.startswith("on")]
    assert response.status_code == 200
    assert (styled, inline_scripts, handlers) == ([], [], [])

"""markdownx's live preview: our renderer, for signed-in users, bounded in size."""

import re

import pytest
from django.urls import reverse

from gsoc.markdown import LINK_REL, MAX_MARKDOWN_LENGTH

pytestmark = pytest.mark.django_db

URL = reverse("markdownx_markdownify")
REL = f'rel="{LINK_REL}"'
TOO_LONG = (
    '<p class="text-danger">Preview unavailable: the text is longer than 100,000 characters.</p>'
)


@pytest.fixture
def signed_in(client, student):
    client.force_login(student)
    return client


def test_preview_renders_markdown(signed_in):
    response = signed_in.post(URL, {"content": "Some **bold**, see https://example.org."})

    assert (response.status_code, response.content.decode()) == (
        200,
        f'<p>Some <strong>bold</strong>, see <a href="https://example.org" {REL}>'
        "https://example.org</a>.</p>",
    )


def test_preview_sanitises(signed_in):
    response = signed_in.post(
        URL, {"content": "ok <script>alert(1)</script> <img src=x onerror=alert(2)>"}
    )

    assert (response.status_code, response.content.decode()) == (200, '<p>ok  <img src="x"></p>')


def test_preview_keeps_leading_indented_code(signed_in):
    response = signed_in.post(URL, {"content": "    code first\r\n\r\nthen text"})

    assert response.content.decode() == "<pre><code>code first\n</code></pre>\n<p>then text</p>"


def test_preview_of_empty_text_is_empty(signed_in):
    response = signed_in.post(URL, {"content": ""})

    assert (response.status_code, response.content) == (200, b"")


def test_preview_without_content_is_a_bad_request(signed_in):
    response = signed_in.post(URL, {"text": "**hi**"})

    assert (response.status_code, response["Content-Type"], response.content) == (
        400,
        "text/plain; charset=utf-8",
        b"No content to preview.",
    )


def test_preview_at_the_limit_renders(signed_in):
    response = signed_in.post(URL, {"content": "a" * 100_000})

    assert (response.status_code, len(response.content)) == (200, len("<p></p>") + 100_000)


def test_preview_counts_crlf_as_one_character(signed_in):
    response = signed_in.post(URL, {"content": "a\r\n" * 50_000})

    assert response.status_code == 200
    assert response.content.decode().startswith("<p>a\na\n")


def test_preview_over_the_limit_answers_with_a_message(signed_in):
    response = signed_in.post(URL, {"content": "a" * 100_001})

    assert (response.status_code, response.content.decode()) == (413, TOO_LONG)


def test_preview_limit_follows_the_setting(signed_in, settings):
    settings.MARKDOWN_PREVIEW_MAX_CHARS = 10

    response = signed_in.post(URL, {"content": "12345678901"})

    assert (response.status_code, re.sub(r"<[^>]+>", "", response.content.decode())) == (
        413,
        "Preview unavailable: the text is longer than 10 characters.",
    )


def test_preview_refuses_visitors(client):
    response = client.post(URL, {"content": "**hi**"})

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('account_login')}?next={URL}",
    )


def test_preview_refuses_get(signed_in):
    response = signed_in.get(URL, {"content": "**hi**"})

    assert (response.status_code, response.content) == (405, b"")


def test_preview_limit_covers_the_longest_text_a_field_takes(settings):
    assert settings.MARKDOWN_PREVIEW_MAX_CHARS >= MAX_MARKDOWN_LENGTH

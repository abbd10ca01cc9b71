"""igfsession.templatetags.bidi: written text keeps its own direction, and its language."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe


def render(source: str, **context) -> str:
    return Template("{% load bidi %}" + source).render(Context(context))


def test_bidi_attrs_without_a_language_says_only_the_direction():
    assert render("<p {% bidi_attrs %}>x</p>") == '<p dir="auto">x</p>'


def test_bidi_attrs_with_the_outputs_language_adds_lang():
    html = render("<h1 {% bidi_attrs language %}>x</h1>", language="pt-br")

    assert html == '<h1 dir="auto" lang="pt-br">x</h1>'


def test_bidi_attrs_with_an_empty_language_leaves_lang_out():
    assert render("<h1 {% bidi_attrs language %}>x</h1>", language="") == '<h1 dir="auto">x</h1>'


def test_bidi_attrs_escapes_the_language():
    html = render("<h1 {% bidi_attrs language %}>x</h1>", language='en" onclick="x')

    assert html == '<h1 dir="auto" lang="en&quot; onclick=&quot;x">x</h1>'


def test_bidi_filter_isolates_the_text_inside_a_sentence():
    html = render("1. {{ title|bidi:'en' }}", title="Universality and equality")

    assert html == '1. <bdi lang="en">Universality and equality</bdi>'


def test_bidi_filter_without_a_language():
    assert render("({{ acronym|bidi }})", acronym="DC-PAL") == "(<bdi>DC-PAL</bdi>)"


def test_bidi_filter_escapes_the_text():
    html = render("{{ title|bidi }}", title="<script>alert(1)</script>")

    assert html == "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>"


def test_bidi_filter_keeps_text_already_made_safe():
    html = render("{{ text|linebreaksbr|bidi }}", text="one\ntwo <b>")

    assert html == "<bdi>one<br>two &lt;b&gt;</bdi>"


def test_bidi_filter_leaves_empty_text_empty():
    assert render("[{{ nothing|bidi }}][{{ empty|bidi:'en' }}]", nothing=None, empty="") == "[][]"


def test_bidi_filter_inside_a_translated_sentence_keeps_its_markup():
    with translation.override("en"):
        html = render(
            "{% load i18n %}{% blocktranslate with title=title|bidi:'en' %}Results: {{ title }}"
            "{% endblocktranslate %}",
            title="A & B",
        )

    assert html == 'Results: <bdi lang="en">A &amp; B</bdi>'


def test_bidi_filter_accepts_safe_strings_as_they_are():
    assert render("{{ html|bidi }}", html=mark_safe("<i>x</i>")) == "<bdi><i>x</i></bdi>"

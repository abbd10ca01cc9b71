"""The sheet's widgets: HTML remembered per process, exactly what the templates give."""

from django import forms
from django.utils import translation

from feedback import form_widgets
from feedback.forms import MarkField, SheetForm


class _Sheet(forms.Form):
    default_renderer = form_widgets.remembered_widgets
    mark_1 = MarkField()
    mark_2 = MarkField()


class _Plain(forms.Form):
    mark_1 = forms.ChoiceField(
        choices=MarkField().choices, widget=forms.RadioSelect, required=False
    )


def _radios(form, name):
    return [str(radio.tag()) for radio in form[name]]


def test_remembered_radios_are_the_templates_html_and_follow_the_value():
    form_widgets._memo.clear()
    first = _radios(_Sheet(), "mark_1")
    again = _radios(_Sheet(), "mark_1")
    chosen = _radios(_Sheet(initial={"mark_1": "4"}), "mark_1")
    other_name = _radios(_Sheet(), "mark_2")

    expected = _radios(_Plain(), "mark_1")
    assert first == again == expected
    assert first[0] == '<input type="radio" name="mark_1" value="5" id="id_mark_1_0">'
    assert chosen[1] == '<input type="radio" name="mark_1" value="4" id="id_mark_1_1" checked>'
    assert sum("checked" in html for html in chosen) == 1
    assert other_name[0] == '<input type="radio" name="mark_2" value="5" id="id_mark_2_0">'
    # mark_1's 6 radios, the checked 4 (its other 5 are the same as before), mark_2's 6.
    assert len(form_widgets._memo) == 6 + 1 + 6


def test_remembered_html_is_kept_per_language():
    form_widgets._memo.clear()
    with translation.override("en"):
        _radios(_Sheet(), "mark_1")
    with translation.override("fr"):
        _radios(_Sheet(), "mark_1")

    languages = {key[1] for key in form_widgets._memo}
    assert languages == {"en", "fr"}


def test_the_memo_is_bounded(monkeypatch):
    form_widgets._memo.clear()
    monkeypatch.setattr(form_widgets, "MEMO_SIZE", 4)

    _radios(_Sheet(), "mark_1")
    _radios(_Sheet(), "mark_2")

    assert len(form_widgets._memo) == 4
    # The most recent ones are kept: mark_2's last radios.
    assert all("mark_2" in html for html in form_widgets._memo.values())


def test_the_sheets_widgets_render_as_without_the_memo():
    form_widgets._memo.clear()

    class Issue:
        def __init__(self, pk, title):
            self.pk, self.title = pk, title

    issues = [Issue(7, "Access"), Issue(9, "Funding")]
    remembered = SheetForm(initial={"region": "weog", "mark_7": "3"}, issues=issues)
    plain = SheetForm(
        initial={"region": "weog", "mark_7": "3"},
        issues=issues,
        renderer=forms.renderers.get_default_renderer(),
    )

    names = list(plain.fields)
    assert [str(remembered[name]) for name in names] == [str(plain[name]) for name in names]
    assert [str(remembered[name]) for name in names] == [str(plain[name]) for name in names]
    assert 'value="weog" selected' in str(remembered["region"])
    assert len(form_widgets._memo) == len(names) == 12  # one entry per widget


def test_long_text_sent_back_is_rendered_not_remembered():
    form_widgets._memo.clear()
    issues = [type("Issue", (), {"pk": 7, "title": "Access"})()]
    long_comment = "x" * 1999
    sent = SheetForm({"mark_7": "3", "comment_7": long_comment}, issues=issues)

    html = str(sent["comment_7"])
    short = str(SheetForm({"mark_7": "3", "comment_7": "short"}, issues=issues)["comment_7"])

    assert long_comment in html
    assert ">\nshort</textarea>" in short
    remembered = [key for key in form_widgets._memo if "textarea" in key[0]]
    assert len(remembered) == 1  # the short one only

"""Select options and radio items built in Python render as the GOV.UK markup did."""

from django import forms
from django.template import Context, Template

CHOICES = [("", "Choose"), ("1", "Police & <partners>"), ("2", 'Probation "NPS"')]


class Example(forms.Form):
    lead = forms.ChoiceField(choices=CHOICES, required=False)
    decision = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect)


def render(text, form):
    return Template("{% load govuk_fields %}" + text).render(Context({"form": form}))


def test_options_mark_the_current_value_and_escape_labels():
    html = render("{{ form.lead|select_options }}", Example(initial={"lead": "2"}))

    assert html == (
        '<option value="">Choose</option>'
        '<option value="1">Police &amp; &lt;partners&gt;</option>'
        '<option value="2" selected>Probation &quot;NPS&quot;</option>'
    )


def test_options_of_a_bound_form_follow_what_was_posted():
    html = render("{{ form.lead|select_options }}", Example(data={"lead": "1"}))

    assert '<option value="1" selected>' in html and "selected" not in html.split("</option>")[2]


def test_radio_items_carry_ids_labels_and_the_checked_choice():
    html = render("{{ form.decision|radio_items }}", Example(prefix="item-7", data={}))
    assert html.count('type="radio"') == 2 and " checked" not in html
    assert 'id="id_item-7-decision_0" name="item-7-decision" type="radio" value="1">' in html
    assert '<label class="govuk-label govuk-radios__label" for="id_item-7-decision_1">' in html
    assert "Police &amp; &lt;partners&gt;" in html

    checked = render("{{ form.decision|radio_items }}", Example(initial={"decision": "2"}))
    assert 'value="2" checked>' in checked and 'value="1" checked' not in checked

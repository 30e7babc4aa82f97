"""The public-form kit in core: submission keys, the honeypot, phone and e-mail cleaning, session grants,
and the shared field templates."""

import pytest
from django import forms
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory

from townsquare.core import grants
from townsquare.core.forms import (
    SUBMISSION_KEY,
    HoneypotForm,
    mark_optional,
    new_submission_key,
    normalize_email,
    normalize_phone,
    submission_key,
)

# --- phone numbers and e-mail addresses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, tidied",
    [
        ("139 0000 1111", "13900001111"),
        ("+86 139-0000-1111", "13900001111"),
        ("0086 13900001111", "13900001111"),
        ("8613900001111", "13900001111"),
        ("0731-88886666", "0731-88886666"),
        ("(010)12345678", "010-12345678"),
        ("0731 8888666 转 123", "0731-8888666转123"),
        ("0731-88886666 ext. 12", "0731-88886666转12"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_mobiles_and_landlines_are_tidied(typed, tidied):
    assert normalize_phone(typed) == tidied


@pytest.mark.parametrize("typed", ["12345", "1390000111", "23900001111", "0731-123", "139000011112", "13900001111转1"])
def test_other_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        normalize_phone(typed)


def test_mobile_only_refuses_a_landline():
    with pytest.raises(ValueError):
        normalize_phone("0731-88886666", mobile_only=True)


def test_mobile_only_accepts_a_mobile():
    assert normalize_phone("+86 138 1234 5678", mobile_only=True) == "13812345678"


def test_an_email_is_stripped_and_lowercased():
    assert normalize_email("  Wang@Example.COM ") == "wang@example.com"


def test_no_email_stays_empty():
    assert normalize_email(None) == ""


# --- the submission key -----------------------------------------------------------------------------------


def test_a_new_key_has_the_accepted_shape():
    assert SUBMISSION_KEY.match(new_submission_key())


def test_a_sent_key_is_reused():
    key = new_submission_key()
    assert submission_key({"submission_key": key}) == key


@pytest.mark.parametrize("sent", [{}, {"submission_key": ""}, {"submission_key": "<script>"}, None])
def test_a_missing_or_malformed_key_is_replaced_by_a_new_one(sent):
    key = submission_key(sent)
    assert SUBMISSION_KEY.match(key) and key != (sent or {}).get("submission_key")


# --- the honeypot -------------------------------------------------------------------------------------------


class NameForm(HoneypotForm):
    name = forms.CharField(label="姓名")
    note = forms.CharField(label="备注", required=False)


def test_a_filled_honeypot_marks_a_robot():
    assert NameForm({"name": "王", "homepage": "http://spam.example"}).is_robot


def test_an_empty_honeypot_is_a_person():
    assert not NameForm({"name": "王", "homepage": " "}).is_robot


def test_the_honeypot_is_emptied_before_the_form_goes_back():
    form = NameForm({"name": "王", "homepage": "http://spam.example"})
    form.clear_honeypot()
    assert form.data["homepage"] == "" and form.data["name"] == "王" and not form.is_robot


def test_the_honeypot_renders_hidden_from_people():
    html = render_to_string("core/forms/honeypot.html", {"form": NameForm()})
    assert 'class="hp-field" aria-hidden="true"' in html and 'tabindex="-1"' in html and 'name="homepage"' in html


# --- labels and field templates -----------------------------------------------------------------------------


def test_optional_fields_are_marked_once():
    form = NameForm()
    mark_optional(form)
    mark_optional(form)
    assert form.fields["note"].label == "备注（选填）"


def test_required_fields_and_the_honeypot_are_not_marked():
    form = NameForm()
    mark_optional(form)
    assert form.fields["name"].label == "姓名" and form.fields["homepage"].label == "请不要填写这一项"


class HintForm(forms.Form):
    phone = forms.CharField(label="手机号", help_text="不会公开。")
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)


def test_a_field_with_an_error_points_to_its_hint_and_error():
    form = HintForm({"phone": "", "kind": "a"})
    html = render_to_string("core/forms/field.html", {"field": form["phone"]})
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'id="id_phone_helptext"' in html and 'id="id_phone_error"' in html and 'for="id_phone"' in html


def test_a_radio_group_is_a_fieldset_with_a_legend():
    html = render_to_string("core/forms/field.html", {"field": HintForm()["kind"]})
    assert '<fieldset class="field choices" id="field-kind"' in html
    assert '<legend class="field-label">类型</legend>' in html


def test_the_error_summary_links_to_each_field():
    form = HintForm({"phone": "", "kind": ""})
    html = render_to_string("core/forms/error_summary.html", {"form": form})
    assert 'href="#id_phone"' in html and 'href="#field-kind"' in html and "还有2处要改一下" in html


# --- what this browser may see --------------------------------------------------------------------------------


@pytest.fixture
def request_with_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_a_granted_key_is_granted(request_with_session):
    grants.grant(request_with_session, "things:access", "A-1")
    assert grants.is_granted(request_with_session, "things:access", "A-1")


def test_a_grant_is_kept_under_its_kind_only(request_with_session):
    grants.grant(request_with_session, "things:access", "A-1")
    assert not grants.is_granted(request_with_session, "others:access", "A-1")


def test_only_the_latest_grants_are_remembered(request_with_session):
    for key in ("A-1", "A-2", "A-3", "A-1"):
        grants.grant(request_with_session, "things:access", key, remember=2)
    assert grants.granted(request_with_session, "things:access") == ["A-3", "A-1"]


def test_the_session_entry_is_a_plain_list_under_the_kind(request_with_session):
    grants.grant(request_with_session, "listings:access", "jobs-12")
    assert request_with_session.session["listings:access"] == ["jobs-12"]

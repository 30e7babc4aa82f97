"""core.notify: one message per event and channel, by real SMTP and the SMS fakes; retries, opt-out, 回访."""

import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from townsquare.core.models import Delivery, FollowupRating, OptOut
from townsquare.core.notify import deliver, followup, notify_resident, optout, schedule_followup, send_due

pytestmark = pytest.mark.django_db
EMAIL, PHONE = "resident@example.com", "13900001111"


@pytest.fixture
def case(county):
    return county.town_a.unit  # any stored object stands for a case here


def tell(case, **overrides):
    fields = {"reference": "LY202612010001", "email": EMAIL, "phone": PHONE, "params": {"due": "2026年12月15日"}}
    return notify_resident("request_accepted", case, **{**fields, **overrides})


def test_an_email_arrives_over_smtp_with_the_tracking_number(case, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(case, phone="")
    (message,) = smtp_server.wait_for(1)
    assert "LY202612010001" in message.get_content() and message.envelope_to == [EMAIL]


def test_every_email_carries_an_opt_out_link(case, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(case, phone="")
    (message,) = smtp_server.wait_for(1)
    assert "/tongzhi/tuiding/" in message["List-Unsubscribe"] and "退订" in message.get_content()


def test_an_sms_goes_to_the_provider_with_the_tracking_number(case, aliyun_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(case, email="")
    assert aliyun_sms.sent[0]["params"] == {"number": "LY202612010001", "due": "2026年12月15日"}


def test_a_sent_message_forgets_the_address(case, aliyun_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(case, email="")
    assert Delivery.objects.values_list("status", "address", "provider_id").get() == ("sent", "", "000001^0")


def test_the_same_key_makes_one_message(case):
    tell(case, key="once")
    tell(case, key="once")
    assert Delivery.objects.count() == 2  # one e-mail, one SMS


def test_a_refused_email_is_retried_by_the_job(case, smtp_server):
    (delivery, _sms) = tell(case)
    smtp_server.reject_next(1)
    deliver(delivery)
    send_due(now=timezone.now() + timedelta(hours=1))
    assert len(smtp_server.wait_for(1)) == 1 and Delivery.objects.get(pk=delivery.pk).attempts == 2


def test_a_refused_sms_is_given_up_after_the_last_attempt(case, aliyun_sms, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    aliyun_sms.limited.add(PHONE)
    (sms,) = tell(case, email="")
    later = timezone.now()
    for _ in range(3):
        later += timedelta(hours=1)
        send_due(now=later)
    assert Delivery.objects.values_list("status", "attempts", "address").get(pk=sms.pk) == ("failed", 2, "")


def test_an_opted_out_address_gets_nothing(case):
    optout.opt_out("sms", PHONE)
    tell(case, email="")
    assert Delivery.objects.values_list("status", "address").get() == ("skipped", "")


def test_opting_out_needs_the_button_not_only_the_link(client, case):
    client.get(optout.link("email", EMAIL))
    assert not OptOut.objects.exists()


def test_the_opt_out_link_opts_out(client, case):
    client.post(optout.link("email", EMAIL))
    assert optout.is_opted_out("email", " Resident@Example.com ")


def test_an_altered_opt_out_link_is_refused(client):
    assert client.get(reverse("notify:optout", args=["abc"])).status_code == 404


def followup_url(case):
    return followup.link(ContentType.objects.get_for_model(case).pk, case.pk)


def test_followup_waits_a_week_after_the_answer(case):
    schedule_followup(case, reference="LY202612010001", phone=PHONE, answered_at=timezone.now() - timedelta(days=6))
    assert send_due() == 0


def test_the_followup_job_sends_once(case, aliyun_sms):
    schedule_followup(case, reference="LY202612010001", phone=PHONE, answered_at=timezone.now() - timedelta(days=7))
    send_due()
    send_due()
    assert len(aliyun_sms.sent) == 1


def test_followup_sms_carries_the_rating_link(case, aliyun_sms):
    schedule_followup(case, reference="LY202612010001", phone=PHONE, answered_at=timezone.now() - timedelta(days=8))
    send_due()
    assert "/tongzhi/huifang/" in aliyun_sms.sent[0]["params"]["link"]


def test_a_second_answer_schedules_no_second_followup(case):
    schedule_followup(case, reference="LY202612010001", phone=PHONE)
    schedule_followup(case, reference="LY202612010001", phone=PHONE)
    assert Delivery.objects.filter(kind="followup").count() == 1


def test_the_followup_link_rates_the_case(client, case):
    client.post(followup_url(case), {"outcome": "partly", "comment": "路灯修了一半"})
    assert FollowupRating.objects.values_list("outcome", "comment").get() == ("partly", "路灯修了一半")


def test_the_followup_link_rates_only_once(client, case):
    client.post(followup_url(case), {"outcome": "unsolved"})
    response = client.post(followup_url(case), {"outcome": "solved"})
    assert FollowupRating.objects.get().outcome == "unsolved" and "已经回答过了" in response.content.decode()


def test_followup_without_a_choice_asks_again_and_keeps_the_comment(client, case):
    response = client.post(followup_url(case), {"comment": "还没人来"})
    page = response.content.decode()
    assert "请选一项" in page and "还没人来" in page


def test_an_altered_followup_link_is_refused(client):
    assert client.get(reverse("notify:followup", args=["x:y"])).status_code == 404


def test_a_number_that_replied_td_is_opted_out_by_command(case):
    call_command("opt_out", "138 0013 8000", stdout=io.StringIO())
    tell(case, email="", phone="13800138000")
    assert Delivery.objects.get().status == "skipped"

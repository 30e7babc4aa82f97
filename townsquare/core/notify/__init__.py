"""Residents hear about their own cases (办理进度提醒): one facility for every app.

An app calls ``notify_resident(kind, case, reference=…, email=…, phone=…, params=…)`` at its event
points (留言受理, 补正告知, 预约提醒 …); core imports no app. Each channel the resident gave becomes a
``Delivery`` row (the log), sent by a django-tasks task after the transaction commits, and by the
``resident_messages`` job for what is due later (回访) or failed (retried up to NOTIFY_MAX_ATTEMPTS).
Texts carry the tracking number and dates only (``texts.py``, ``core/sms/texts.py``); every e-mail has
an opt-out link, every SMS "回复TD退订"; an opted-out address (``optout.py``) gets nothing.
"""

from .sending import deliver, forget, notify_resident, schedule_followup, send_due

__all__ = ["deliver", "forget", "notify_resident", "schedule_followup", "send_due"]

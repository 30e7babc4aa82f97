"""The attacks of issue 12 ("Lock the doors"), replayed over HTTP by ``bench/attacks.py``, in the order they run.

A check takes the ``Context`` and returns ``(blocked, detail)`` or a list of ``(name, blocked, detail)``;
``blocked`` is True when the attack did not succeed. Log-in guessing runs last: it locks the users it tries.
"""

from . import bad_input, residents, site, staff
from .kit import Context

CHECKS = [
    residents.check_booking_same_phone_lists_nothing,
    residents.check_booking_same_phone_cannot_open,
    residents.check_booking_same_phone_cannot_cancel,
    residents.check_booking_same_phone_cannot_move,
    residents.check_booking_code_with_wrong_digits,
    staff.check_archive_upload_by_editor_goes_live,
    staff.check_archive_editor_cannot_approve,
    staff.check_archive_stale_run_is_failed_on_next_upload,
    residents.check_masking,
    residents.check_open311_coordinates_rounded,
    residents.check_search_suggestion_poisoning,
    residents.check_open311_flood_per_key,
    residents.check_open311_flood_per_address,
    residents.check_open311_flood_per_contact,
    residents.check_open311_revoked_key,
    residents.check_query_password_guessing,
    residents.check_query_lockout_keeps_the_resident_out,
    residents.check_query_lockout_wrong_digits,
    residents.check_query_password_not_kept_in_sessions,
    residents.check_erasure_needs_number_and_password,
    bad_input.check_search_page_extreme_date,
    bad_input.check_search_api_extreme_date,
    bad_input.check_open311_extreme_date,
    bad_input.check_open311_deeply_nested_json,
    bad_input.check_open311_errors_in_spec_format,
    bad_input.check_admin_edit_post_without_body_count,
    site.check_content_security_policy,
    site.check_permissions_policy,
    site.check_listing_sent_twice_at_once,
    site.check_residents_pages_not_stored,
    site.check_anonymous_look_creates_no_session,
    site.check_open311_token_of_private_request,
    site.check_privacy_notice_beside_forms,
    staff.check_reply_templates_of_other_units,
    staff.check_login_guessing_wagtail_admin,
    staff.check_login_guessing_django_admin,
    site.check_var_files_are_private,
]

__all__ = ["CHECKS", "Context"]

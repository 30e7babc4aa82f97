"""Names `make deadcode` (vulture) cannot see used: read by templates, settings strings, tests or bench/.

Framework conventions (hooks, template tags, jobs, clean_*, ready, ...) are skipped by the Makefile's
--ignore-decorators / --ignore-names; class-level fields and options are filtered out there too.
Add a name here only after grep shows where it is used (templates included).
"""

# ruff: noqa: B018
from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Read by templates.
_.audience_labels
_.average_working_days
_.badge
_.category_name
_.condition_lines
_.contact_lines
_.continues_url
_.current_hint
_.days_left
_.fee_label
_.form_label
_.fraction
_.gathered_pages
_.has_contact
_.has_next
_.has_previous
_.is_answered
_.is_free
_.is_in_effect
_.is_stopped
_.is_waiting
_.key_facts
_.legal_label
_.level_label
_.live_interpretations
_.on_time_rate
_.pay_text
_.poster_label
_.promise_phrase
_.promised_label
_.public_update_history
_.rating_label
_.reply_summary
_.response_rate
_.satisfied_rate
_.slot_options
_.solved_rate
_.status_label
_.stopped_on
_.type_label
_.type_options
_.visits_label

# Named by dotted path in settings.py or urls.py.
_.csrf_failure
_.page_not_found
_.page_tree_chrome
_.publish_after_final_review
_.server_error
_.site_chrome

# Called as getattr(self, f"plan_{situation}") by the demo's request plans.
_.plan_answered
_.plan_declined
_.plan_due_soon
_.plan_extension_pending
_.plan_fresh
_.plan_merged
_.plan_normal
_.plan_not_accepted
_.plan_overdue
_.plan_reopened
_.plan_transferred
_.plan_waiting

# A model its back end reads and writes by table name (raw SQL).
_.TermStatistic

# Used by tests and bench/ only (kept on purpose: measuring and demo checks).
_.ancestors
_.appointments_demo_is_complete
_.calibration_table
_.clear_all
_.complete
_.evaluate_split
_.folds
_.held_out_split
_.is_due_soon
_.is_town_level
_.out_of_fold_scores
_.png_bytes
_.services_demo_is_complete

# Named in settings strings (AUTHENTICATION_BACKENDS, MIDDLEWARE).
_.LockoutModelBackend
_.TwoFactorMiddleware
_.SecurityHeadersMiddleware
_.IncompleteFormMiddleware
_.AnonymousPageCacheMiddleware
_.ApiConditionalGetMiddleware
_.process_exception
_.PrivateFileEmailBackend

# Named in urls.py (handler400) and used from templates (a column's name for what it holds).
_.bad_request
_.item_label
_.days_too_few

# Checks registered with @checks.register, and Django storage options read by FileSystemStorage.
_.shared_cache_for_rate_limits
_.app_configs
_.file_permissions_mode
_.directory_permissions_mode
# 依申请公开: read by the statistics template; the 公开年报 table (for the annual report; tests pin it).
_.on_time_share
_.annual_table

# 政务公开: read by the 依申请公开 template, Wagtail's snippet viewset API, the page-header hook's signature.
_.application_links
_.get_edit_handler
_.next_url

# Relays: read by the channel page's webhook table.
_.event_labels

# SMS backends are named by dotted path in core/sms/__init__.py (BACKENDS), like Django's mail backends.
_.AliyunBackend
_.ConsoleBackend
_.TencentBackend

# Called by Django Ninja: a throttle's check (townsquare/api/limits.py).
_.allow_request

# 订阅与数据: the hooks of Django's syndication (Feed.item_*) and sitemaps (Sitemap.lastmod, get_latest_lastmod).
_.item_title
_.item_description
_.item_guid
_.item_pubdate
_.item_updateddate
_.item_author_name
_.item_categories
_.item_enclosures
_.lastmod
_.get_latest_lastmod
# knowledge: read by the figures template
_.answered_share

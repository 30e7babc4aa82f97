"""Public pages of 征求意见: the lists (county and unit), a consultation with its comments and 采纳情况,
and the comment form (its own address: the draft's page stays in the anonymous page cache, the form page
carries the CSRF token)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from townsquare.core import pagecache, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import HOUR
from townsquare.publishing.models import HomePage

from . import opinions
from .adoption import adoption
from .forms import CommentForm
from .models import ConsultationIndexPage, ConsultationPage, cache_until_status_changes

SHOW_CHOICES = {"open": "征求中", "closed": "已结束"}
PAGE_SIZE = 15
RATE_SCOPE = "consultation-comment-ip"


# --- lists ---------------------------------------------------------------------------------------------


def county_index():
    home = HomePage.objects.first()
    return ConsultationIndexPage.objects.live().child_of(home).first() if home is not None else None


def county_list(request):
    """/zhengqiu/: every unit's consultations (the county's 征求意见 column has this address too)."""
    index_page = county_index()
    if index_page is None:
        raise Http404("还没有征求意见栏目")
    return consultation_list(request, index_page)


def consultation_list(request, index_page):
    """The column's consultations, open ones first by closing date, then closed ones newest first."""
    parent = index_page.get_parent().specific
    county_wide = isinstance(parent, HomePage)
    items = ConsultationPage.listing()
    units = []
    chosen_unit = None
    if county_wide:
        pagecache.depends_on(pagecache.type_tag(ConsultationPage))
        items = items.descendant_of(parent)
        units = sorted({page.unit for page in items if page.unit_id}, key=lambda unit: unit.pk)
        chosen_unit = next((unit for unit in units if unit.slug == request.GET.get("unit")), None)
        if chosen_unit is not None:
            items = items.filter(unit=chosen_unit)
    else:
        items = items.child_of(index_page)
    show = request.GET.get("show") if request.GET.get("show") in SHOW_CHOICES else ""
    pages = list(items)
    for page in pages:
        cache_until_status_changes(page)
    if show:
        pages = [page for page in pages if page.status() == show]
    open_pages = sorted((p for p in pages if p.status() != ConsultationPage.Status.CLOSED), key=lambda p: p.closes_at)
    closed_pages = [p for p in pages if p.status() == ConsultationPage.Status.CLOSED]
    page_obj = Paginator(open_pages + closed_pages, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": index_page,
        "self": index_page,
        "unit": parent.unit,
        "county_wide": county_wide,
        "page_obj": page_obj,
        "show": show,
        "show_choices": SHOW_CHOICES,
        "unit_choices": units,
        "chosen_unit": chosen_unit,
    }
    return TemplateResponse(request, "consultations/index_page.html", context)


# --- one consultation ----------------------------------------------------------------------------------


def consultation_detail(request, page):
    cache_until_status_changes(page)
    comments = list(page.comments.public().order_by("created_at", "pk"))
    by_paragraph = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph_anchor, []).append(comment)
    paragraphs = page.paragraphs()
    for item in paragraphs:
        if "anchor" in item:
            item["comments"] = by_paragraph.get(item["anchor"], [])
    context = {
        "paragraphs": paragraphs,
        "whole_comments": by_paragraph.get("", []),
        "public_count": len(comments),
        "status": page.status(),
        "adoption": adoption(page) if page.has_adoption_report() else None,
        "final_document": page.final_document if page.final_document_id and page.final_document.live else None,
    }
    return page.render(request, context_overrides=context)


@never_cache
def comment_form(request, page):
    """GET: the form (for the whole draft or ``?duan=<anchor>``); POST: the comment, then the thanks page."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    if request.GET.get("done") == "1":
        return _form_page(request, page, None, "", done=True)
    if request.method != "POST":
        form = CommentForm(initial={"paragraph": request.GET.get("duan", "")})
        return _form_page(request, page, form, new_submission_key())
    form = CommentForm(request.POST)
    key = submission_key(form.data)
    if not page.is_open():
        return _form_page(request, page, form, key, status=410)
    if form.is_robot:
        form.clear_honeypot()
        form.add_error(None, "没有提交成功，请再点一次“提交意见”。")
        return _form_page(request, page, form, key, status=400)
    if not form.is_valid():
        return _form_page(request, page, form, key, status=400)
    ip = ratelimit.client_ip(request)
    if ratelimit.reached(RATE_SCOPE, ip, settings.CONSULTATION_COMMENTS_PER_IP_HOUR):
        form.add_error(None, "这个网络一小时内提交的意见太多了，请过一小时再试。您写的内容还在。")
        response = _form_page(request, page, form, key, status=429)
        response["Retry-After"] = str(HOUR)
        return response
    data = form.cleaned_data
    try:
        _comment, created = opinions.submit(
            page,
            key=key,
            text=data["text"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            wants_public=data["wants_public"],
            paragraph=data["paragraph"],
        )
    except opinions.ConsultationClosed:
        return _form_page(request, page, form, key, status=410)
    if created:
        ratelimit.hit(RATE_SCOPE, ip, HOUR)
    return redirect(page.url + page.reverse_subpage("comment_page") + "?done=1")


def _form_page(request, page, form, key, *, status=200, done=False):
    anchor = (form["paragraph"].value() if form is not None else "") or ""
    context = {
        "page": page,
        "self": page,
        "form": form,
        "submission_key": key,
        "paragraph": page.paragraph(anchor) if anchor else None,
        "status": page.status(),
        "done": done,
    }
    return TemplateResponse(request, "consultations/comment_form.html", context, status=status)

"""Editorial interface: registry snippets scoped per organization, comment moderation, home-page features."""
from __future__ import annotations

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from django.core.exceptions import PermissionDenied
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from ..orgs.permissions import Action, organizations_for
from .models import Audience, DraftComment, FeaturedPage, LegalReporter, OutreachActivity
from .policies import CityOnlyPolicy, OrganizationOwnedPolicy, OrganizationScopedForm


class _InstanceChecked:
    """Wagtail's generic views check the model-wide permission; ours also check the row's organization."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, self.instance_action, obj):
            raise PermissionDenied
        return obj


class ScopedEditView(_InstanceChecked, EditView):
    pass


class ScopedDeleteView(_InstanceChecked, DeleteView):
    instance_action = "delete"


class _ScopedViewSet(SnippetViewSet):
    base_form_class = OrganizationScopedForm
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView

    @property
    def permission_policy(self):
        return OrganizationOwnedPolicy(self.model)

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organization__in=organizations_for(request.user, Action.EDIT))


class LegalReporterViewSet(_ScopedViewSet):
    model = LegalReporter
    icon = "group"
    menu_label = "Báo cáo viên, tuyên truyền viên"
    list_display = ["full_name", "kind", "organization", "decision_number", "area_served", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["full_name", "area_served"]
    edit_handler = ObjectList(LegalReporter.panels, base_form_class=OrganizationScopedForm)


class OutreachActivityViewSet(_ScopedViewSet):
    model = OutreachActivity
    icon = "date"
    menu_label = "Hoạt động phổ biến"
    list_display = ["date", "topic", "organization", "attendees", "mode"]
    list_filter = ["mode"]
    search_fields = ["topic", "place"]
    edit_handler = ObjectList(OutreachActivity.panels, base_form_class=OrganizationScopedForm)


def _comment_owner(comment):
    return comment.organization


class DraftCommentViewSet(SnippetViewSet):
    model = DraftComment
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    icon = "comment"
    menu_label = "Duyệt góp ý dự thảo"
    list_display = ["body", "draft", "article", "state", "created_at"]
    list_filter = ["state"]
    panels = [FieldPanel("body", read_only=True), FieldPanel("quote", read_only=True),
              FieldPanel("article", read_only=True), FieldPanel("state")]

    @property
    def permission_policy(self):
        return OrganizationOwnedPolicy(self.model, owner=_comment_owner, moderation=True)

    def get_queryset(self, request):
        from . import selectors

        if request.user.is_superuser:
            return DraftComment.objects.all()
        return selectors.comments_for(organizations_for(request.user, Action.PUBLISH))


class FeaturedPageViewSet(SnippetViewSet):
    model = FeaturedPage
    icon = "pick"
    menu_label = "Nổi bật trên trang chủ"
    list_display = ["page", "position", "until"]

    @property
    def permission_policy(self):
        return CityOnlyPolicy(self.model)


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Đối tượng học liệu"
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("position")]

    @property
    def permission_policy(self):
        return CityOnlyPolicy(self.model)


class EditorialGroup(SnippetViewSetGroup):
    menu_label = "Phổ biến pháp luật"
    menu_icon = "site"
    menu_order = 150
    items = (DraftCommentViewSet, LegalReporterViewSet, OutreachActivityViewSet, FeaturedPageViewSet,
             AudienceViewSet)


register_snippet(EditorialGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("editorial.comment_submitted", "Gửi góp ý dự thảo", "Gửi góp ý dự thảo")
    actions.register_action("editorial.comment_moderated", "Duyệt góp ý dự thảo", "Duyệt góp ý dự thảo")
    actions.register_action("editorial.featured", "Đưa lên trang chủ", "Đưa lên trang chủ")


def outreach_report_view(request):
    """Activities per organization and year (the plan's indicators), for the organizations the user works for."""
    from django.template.response import TemplateResponse

    from . import selectors

    if request.user.is_superuser:
        organizations = None
    else:
        organizations = organizations_for(request.user, Action.EDIT)
        if not organizations:
            raise PermissionDenied
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    rows = []
    for organization in organizations if organizations is not None else [None]:
        rows += selectors.outreach_report(organization=organization, year=year)
    return TemplateResponse(request, "editorial/admin/outreach_report.html", {
        "rows": sorted(rows, key=lambda r: (-r["year"], r["organization__name"])), "year": year,
        "reporters": selectors.reporter_counts() if organizations is None else None})


@hooks.register("register_admin_urls")
def register_report_url():
    from django.urls import path

    return [path("pbgdpl/bao-cao/", outreach_report_view, name="editorial_outreach_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    class ReportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.is_superuser or bool(organizations_for(request.user, Action.EDIT))

    return ReportMenuItem("Báo cáo hoạt động PBGDPL", reverse("editorial_outreach_report"), icon_name="table",
                          order=151)

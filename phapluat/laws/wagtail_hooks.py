"""The editorial side of the library in Wagtail: documents as snippets with drafts, revisions,
locking and a history of every edit; plus an upload that parses a file into a draft."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..orgs.permissions import Action, can_manage_legal_documents
from ..orgs.policies import OrganizationRolePermissionPolicy
from .forms import UploadDocumentForm
from .models import Amendment, Document, DocumentVersion, Relation
from .parsing.model import ParseError

DocumentVersion.panels = [
    FieldRowPanel([FieldPanel("version_date"), FieldPanel("label")]),
    FieldPanel("body_text"),
    FieldPanel("source_file"),
]
Relation.panels = [
    FieldRowPanel([FieldPanel("relation_type"), FieldPanel("effective_date")]),
    FieldRowPanel([FieldPanel("target"), FieldPanel("target_number")]),
    FieldRowPanel([FieldPanel("source_anchor"), FieldPanel("target_anchor")]),
    FieldPanel("note"),
]


class DocumentViewSet(SnippetViewSet):
    model = Document
    icon = "doc-full"
    menu_label = "Văn bản pháp luật"
    menu_order = 100
    add_to_admin_menu = True
    list_display = ["title", "number", "doc_type", "status", "status_source", "live"]
    list_filter = ["doc_type", "status", "status_source", "live"]
    search_fields = ["title", "number"]
    panels = [
        MultiFieldPanel([
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type"), FieldPanel("is_normative")]),
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
            FieldPanel("slug"),
        ], heading="Thông tin văn bản"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
            HelpPanel(content=(
                "<p>Tình trạng hiệu lực không nhập tay: nó được tính từ nguồn (văn bản thay thế trong thư viện, "
                "danh mục chính thức, hoặc xác minh của cán bộ có ghi người, ngày và nguồn). Để xác minh, dùng "
                "mục <strong>Văn bản cần xác minh hiệu lực</strong> trên thanh bên.</p>")),
        ], heading="Hiệu lực"),
        MultiFieldPanel([
            FieldPanel("fields"),
            FieldRowPanel([FieldPanel("scope"), FieldPanel("scope_organization")]),
            FieldPanel("summary"),
        ], heading="Phân loại"),
        InlinePanel("versions", heading="Toàn văn và phiên bản", label="Phiên bản"),
        InlinePanel("outgoing_relations", heading="Quan hệ với văn bản khác", label="Quan hệ"),
    ]

    @property
    def permission_policy(self):
        return OrganizationRolePermissionPolicy(self.model)


register_snippet(DocumentViewSet)


class AmendmentViewSet(SnippetViewSet):
    """Provision-level amendments read from amending documents, and the instructions the parser could not
    read (state "Cần biên tập viên xử lý"). An editor corrects one, adds one by hand or dismisses one; every
    edit is in the history, and a re-import no longer touches what an editor decided."""

    model = Amendment
    icon = "edit"
    menu_label = "Sửa đổi điều khoản"
    menu_order = 103
    add_to_admin_menu = True
    list_display = ["__str__", "source", "state", "effective_date"]
    list_filter = ["state", "kind"]
    search_fields = ["instruction", "target_number", "target_title", "target_anchor"]
    panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("source"), FieldPanel("source_anchor")]),
            FieldPanel("instruction"),
            FieldRowPanel([FieldPanel("state"), FieldPanel("problem")]),
        ], heading="Chỉ dẫn sửa đổi"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("target"), FieldPanel("target_number")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("target_anchor"), FieldPanel("after_anchor")]),
            FieldPanel("new_text"),
            FieldRowPanel([FieldPanel("old_words"), FieldPanel("new_words")]),
            FieldPanel("effective_date"),
        ], heading="Thay đổi được áp dụng"),
    ]

    @property
    def permission_policy(self):
        return OrganizationRolePermissionPolicy(self.model)


register_snippet(AmendmentViewSet)


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def amendments_decided_by_an_editor_stay(request, instance):
    if isinstance(instance, Amendment) and instance.from_text:
        Amendment.objects.filter(pk=instance.pk).update(from_text=False)


def upload_document(request):
    if not can_manage_legal_documents(request.user, Action.EDIT):
        raise PermissionDenied
    form = UploadDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from .services.documents import DocumentConflict, document_create_draft_from_upload

        try:
            document, data = document_create_draft_from_upload(uploaded_file=form.cleaned_data["file"],
                                                                 user=request.user)
        except (ParseError, DocumentConflict) as error:
            form.add_error("file", str(error))
        else:
            parts = f"{data.article_count} điều" if data.article_count else "các mục, khoản, điểm (văn bản không có điều)"
            messages.success(request, f"Đã tạo bản nháp “{document.title}”: tách được {parts}."
                             + (" Lưu ý: " + "; ".join(data.warnings[:5]) if data.warnings else ""))
            return redirect(reverse("wagtailsnippets_laws_document:edit", args=[document.pk]))
    return TemplateResponse(request, "laws/admin/upload.html", {"form": form})


@hooks.register("register_admin_urls")
def register_upload_url():
    from .admin_views import status_queue, status_verify

    return [
        path("van-ban/tai-len/", upload_document, name="laws_upload"),
        path("van-ban/can-xac-minh/", status_queue, name="laws_status_queue"),
        path("van-ban/<int:pk>/xac-minh-hieu-luc/", status_verify, name="laws_status_verify"),
    ]


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return MenuItem("Tải lên văn bản", reverse("laws_upload"), icon_name="upload", order=101)


class _StatusQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_legal_documents(request.user, Action.EDIT)


@hooks.register("register_admin_menu_item")
def register_status_queue_menu_item():
    return _StatusQueueMenuItem("Văn bản cần xác minh hiệu lực", reverse("laws_status_queue"), icon_name="warning",
                                order=102)

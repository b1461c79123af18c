"""Audit-log actions of the Q&A app, and the registries kept in Wagtail (topics, legal advisors)."""
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..orgs.policies import OrganizationRolePermissionPolicy
from .models import Advisor, Topic

LOG_ACTIONS = {
    "qa.submit": ("Gửi câu hỏi", "Người dân, doanh nghiệp gửi câu hỏi"),
    "qa.route": ("Chuyển câu hỏi", "Sở Tư pháp chuyển câu hỏi tới đơn vị trả lời"),
    "qa.reject": ("Không thụ lý", "Câu hỏi không được thụ lý"),
    "qa.answer_draft": ("Lưu dự thảo trả lời", "Lưu dự thảo trả lời"),
    "qa.answer_submit": ("Gửi phê duyệt", "Dự thảo trả lời được gửi phê duyệt"),
    "qa.answer_return": ("Trả lại dự thảo", "Người phê duyệt trả lại dự thảo để sửa"),
    "qa.publish": ("Công bố trả lời", "Trả lời được phê duyệt và công bố"),
    "qa.answer_private": ("Trả lời riêng", "Trả lời được phê duyệt và gửi riêng cho người hỏi"),
    "qa.answer_reviewed": ("Rà soát trả lời", "Câu trả lời được rà soát sau khi điều khoản viện dẫn hết hiệu lực"),
    "qa.answer_revise": ("Sửa trả lời", "Câu trả lời đã công bố được sửa"),
    "qa.auto_hide": ("Tự động ẩn", "Nội dung bị ẩn do nhận đủ số báo cáo"),
    "qa.moderate_keep": ("Khôi phục", "Người kiểm duyệt khôi phục nội dung bị báo cáo"),
    "qa.moderate_remove": ("Gỡ bỏ", "Người kiểm duyệt gỡ nội dung bị báo cáo"),
    "qa.publication_create": ("Tạo bài", "Tạo bài tình huống, vướng mắc, trả lời kiến nghị"),
    "qa.publication_edit": ("Sửa bài", "Sửa bài tình huống, vướng mắc, trả lời kiến nghị"),
    "qa.publication_publish": ("Công bố bài", "Công bố bài"),
    "qa.publication_unpublish": ("Gỡ công bố bài", "Chuyển bài về bản nháp"),
    "qa.publication_reviewed": ("Rà soát bài", "Bài được rà soát sau khi điều khoản viện dẫn hết hiệu lực"),
    "qa.contacts_purged": ("Xóa thông tin liên hệ", "Thông tin liên hệ của người hỏi được xóa khi hết thời hạn lưu"),
    "qa.attachment_remove": ("Gỡ tệp đính kèm", "Gỡ tệp đính kèm"),
}


@hooks.register("register_log_actions")
def register_qa_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Chủ đề hỏi đáp"
    add_to_admin_menu = False
    list_display = ["name", "slug", "position"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("position")]

    @property
    def permission_policy(self):
        return OrganizationRolePermissionPolicy(self.model)


class AdvisorViewSet(SnippetViewSet):
    model = Advisor
    icon = "group"
    menu_label = "Tư vấn viên pháp luật"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "organization", "active"]
    list_filter = ["active", "organization"]
    search_fields = ["name", "workplace"]
    panels = [FieldPanel("name"), FieldPanel("organization"), FieldPanel("workplace"), FieldPanel("topics"),
              FieldPanel("active")]

    @property
    def permission_policy(self):
        return OrganizationRolePermissionPolicy(self.model)


register_snippet(TopicViewSet)
register_snippet(AdvisorViewSet)


@hooks.register("register_admin_menu_item")
def register_qa_menu_item():
    return MenuItem("Hỏi đáp pháp luật", "/hoi-dap/quan-ly/", icon_name="help", order=300)

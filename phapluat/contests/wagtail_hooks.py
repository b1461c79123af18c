"""Audit-log actions of the contests app, shown in Wagtail's history and reports."""
from wagtail import hooks


@hooks.register("register_log_actions")
def register_contest_actions(actions):
    actions.register_action("contests.create", "Tạo cuộc thi", "Tạo cuộc thi")
    actions.register_action("contests.round_add", "Thêm vòng thi", "Thêm vòng thi")
    actions.register_action("contests.bank_import", "Nhập ngân hàng câu hỏi", "Nhập ngân hàng câu hỏi")
    actions.register_action("contests.export", "Xuất kết quả cuộc thi", "Xuất kết quả cuộc thi (XLSX)")
    actions.register_action("contests.certificate", "Cấp giấy chứng nhận", "Cấp giấy chứng nhận")
    actions.register_action("contests.participants_import", "Nhập danh sách người dự thi",
                            "Nhập danh sách người dự thi từ bảng tính")
    actions.register_action("contests.submission_refused", "Từ chối bài nộp", "Từ chối bài nộp không hợp lệ")


# Editing the question banks in Wagtail (Django model permissions: superusers, or groups given
# contests.change_question). Setting a difficulty by hand: tick "độ khó do biên tập viên đặt" so re-imports keep it.
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup  # noqa: E402

from .models import Question, QuestionBank  # noqa: E402


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Câu hỏi"
    list_display = ["number", "text", "difficulty", "is_critical", "has_image", "active"]
    list_filter = ["bank", "difficulty", "is_critical", "has_image", "active"]
    search_fields = ["text"]
    panels = [
        FieldPanel("bank"), FieldPanel("text"), FieldPanel("options"), FieldPanel("correct_key"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("difficulty"), FieldPanel("difficulty_set_by_editor")]),
                         FieldRowPanel([FieldPanel("is_critical"), FieldPanel("has_image"), FieldPanel("active")])],
                        heading="Độ khó và sử dụng"),
        FieldPanel("reference_text"),
    ]


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = "Ngân hàng câu hỏi"
    list_display = ["name", "slug", "organization"]


class ContestsGroup(SnippetViewSetGroup):
    items = (QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = "Cuộc thi"
    menu_order = 300


register_snippet(ContestsGroup)

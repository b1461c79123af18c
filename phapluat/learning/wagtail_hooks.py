"""Audit-log actions of the learning app, shown in Wagtail's history and reports."""
from wagtail import hooks


@hooks.register("register_log_actions")
def register_learning_actions(actions):
    actions.register_action("learning.enroll_staff", "Ghi danh cán bộ", "Ghi danh cán bộ vào khóa học")
    actions.register_action("learning.certificate", "Cấp chứng nhận khóa học", "Cấp chứng nhận hoàn thành khóa học")
    actions.register_action("learning.roster_import", "Nhập danh sách cán bộ", "Nhập danh sách cán bộ từ bảng tính")
    actions.register_action("learning.session_create", "Ghi nhận buổi tập huấn", "Ghi nhận buổi tập huấn trực tiếp")
    actions.register_action("learning.attendance_import", "Nhập danh sách tham dự",
                            "Nhập danh sách tham dự tập huấn từ bảng tính")
    actions.register_action("learning.seed", "Nạp khóa học mẫu", "Nạp khóa học đầu tiên")


# Editing courses in Wagtail (Django model permissions: superusers, or groups given learning.change_course…).
# Links to provisions are not offered here: a multiple select over the whole library would be unusable.
from wagtail.admin.panels import FieldPanel, FieldRowPanel  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup  # noqa: E402

from .models import Course, Lesson, Module, QuizQuestion  # noqa: E402


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "doc-full"
    menu_label = "Khóa học"
    list_display = ["title", "organization", "pass_mark", "published"]
    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("summary"), FieldPanel("audience"),
              FieldPanel("organization"), FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("published")])]


class ModuleViewSet(SnippetViewSet):
    model = Module
    icon = "folder-open-inverse"
    menu_label = "Chương"
    list_display = ["title", "course", "position"]
    list_filter = ["course"]


class LessonViewSet(SnippetViewSet):
    model = Lesson
    icon = "doc-full-inverse"
    menu_label = "Bài học"
    list_display = ["title", "module", "position", "required"]
    list_filter = ["course"]
    search_fields = ["title", "body"]
    panels = [FieldPanel("course"), FieldPanel("module"), FieldRowPanel([FieldPanel("position"), FieldPanel("required")]),
              FieldPanel("title"), FieldPanel("slug"), FieldPanel("body"), FieldPanel("video_url"),
              FieldPanel("audio_url"), FieldPanel("transcript"), FieldPanel("attachments")]


class QuizQuestionViewSet(SnippetViewSet):
    model = QuizQuestion
    icon = "help"
    menu_label = "Câu hỏi kiểm tra"
    list_display = ["text", "lesson", "position"]
    list_filter = ["lesson__course"]
    panels = [FieldPanel("lesson"), FieldPanel("position"), FieldPanel("text"), FieldPanel("options"),
              FieldPanel("correct_key"), FieldPanel("explanation")]


class LearningGroup(SnippetViewSetGroup):
    items = (CourseViewSet, ModuleViewSet, LessonViewSet, QuizQuestionViewSet)
    menu_icon = "user"
    menu_label = "Khóa học trực tuyến"
    menu_order = 310


register_snippet(LearningGroup)

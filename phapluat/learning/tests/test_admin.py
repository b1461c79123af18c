"""Course content is editable in the editorial interface (Wagtail snippets)."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from phapluat.learning.models import Course, Lesson, QuizQuestion


def test_superuser_reaches_the_course_editing_pages(client, course):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "mat-khau-dai-123"))
    lesson = Lesson.objects.first()
    question = QuizQuestion.objects.first()
    for model, obj in ((Course, course), (Lesson, lesson), (QuizQuestion, question)):
        name = model._meta.model_name
        assert client.get(f"/quan-tri/snippets/learning/{name}/").status_code == 200
        assert client.get(f"/quan-tri/snippets/learning/{name}/edit/{obj.pk}/").status_code == 200

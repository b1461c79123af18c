"""The fields of law questions are filed under (a classification, not content); editable in Wagtail."""
from django.db import migrations

TOPICS = [
    ("Đất đai", "dat-dai"), ("Nhà ở, xây dựng", "nha-o-xay-dung"), ("Hôn nhân và gia đình", "hon-nhan-gia-dinh"),
    ("Dân sự, thừa kế, hợp đồng", "dan-su"), ("Hộ tịch, cư trú, căn cước", "ho-tich-cu-tru"),
    ("Lao động, tiền lương", "lao-dong"), ("Bảo hiểm xã hội, bảo hiểm y tế", "bao-hiem"),
    ("Doanh nghiệp, đầu tư", "doanh-nghiep-dau-tu"), ("Thuế, phí, lệ phí", "thue"),
    ("Thương mại, cạnh tranh", "thuong-mai"), ("Giao thông", "giao-thong"), ("Môi trường", "moi-truong"),
    ("Xử lý vi phạm hành chính", "xu-ly-vi-pham-hanh-chinh"), ("Hình sự", "hinh-su"),
    ("Khiếu nại, tố cáo", "khieu-nai-to-cao"), ("Thủ tục hành chính", "thu-tuc-hanh-chinh"),
    ("Giáo dục, y tế", "giao-duc-y-te"), ("Lĩnh vực khác", "khac"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("qa", "Topic")
    for position, (name, slug) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("qa", "0001_initial")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]

"""The editorial side of the portal, as Wagtail pages.

Tree: HomePage (site root) → SectionIndexPage "don-vi" → one SectionPage per Organization → its
ArticlePage (news, new documents, training, guidance, reporters' activities), MaterialPage and DraftPage.
Beside the sections: MaterialIndexPage "hoc-lieu" (find materials by audience, topic, format) and
DraftIndexPage "du-thao" (drafts open for comment). Each section's subtree has its own page permissions,
moderation workflow and collection (documents, images), kept in step with orgs.Membership by
services.sync_section_permissions.
"""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from . import languages

RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def body_blocks():
    return [
        ("doan_van", blocks.RichTextBlock(features=RICH_FEATURES, label="Đoạn văn")),
        ("hinh_anh", ImageBlock(label="Hình ảnh, infographic (bắt buộc có mô tả thay thế)")),
        ("tep_dinh_kem", DocumentChooserBlock(label="Tệp đính kèm (PDF, DOCX)")),
        ("trich_dan", blocks.BlockQuoteBlock(label="Trích dẫn")),
    ]


class Audience(models.Model):
    """Người dân, doanh nghiệp, trường học, báo cáo viên, tuyên truyền viên."""

    name = models.CharField("tên", max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "đối tượng"
        verbose_name_plural = "đối tượng"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


AUDIENCES = [
    ("nguoi-dan", "Người dân"),
    ("doanh-nghiep", "Doanh nghiệp"),
    ("truong-hoc", "Trường học (học sinh, giáo viên)"),
    ("bao-cao-vien", "Báo cáo viên pháp luật"),
    ("tuyen-truyen-vien", "Tuyên truyền viên pháp luật"),
]


class TranslatedPageMixin(models.Model):
    """Pages that can carry versions in other languages and an easy-to-read variant."""

    easy_read = RichTextField("bản dễ đọc", features=RICH_FEATURES, blank=True,
                              help_text="Câu ngắn, từ thông dụng, mỗi ý một dòng. Hiển thị ở “Bản dễ đọc”.")

    class Meta:
        abstract = True

    def available_languages(self) -> list[tuple[str, str]]:
        codes = list(self.language_versions.values_list("language", flat=True))
        return [(code, languages.label(code)) for code in codes]

    def language_version(self, code: str):
        if code not in languages.LANGUAGES:
            return None
        return self.language_versions.filter(language=code).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        code = (request.GET.get("ngon-ngu") or "")[:5]
        version = self.language_version(code) if code else None
        context.update({
            "translation": version,
            "page_lang": version.language if version else "vi",
            "show_easy_read": request.GET.get("ban") == "de-doc" and bool(self.easy_read),
            "languages": self.available_languages(),
        })
        return context


class SectionIndexPage(Page):
    """“Đơn vị, địa phương”: the list of every organization's section."""

    intro = models.TextField("giới thiệu", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = ["editorial.SectionPage"]
    max_count = 1
    template = "editorial/section_index_page.html"

    class Meta:
        verbose_name = "danh sách chuyên mục đơn vị"

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = selectors.sections_by_kind()
        return context


class HomePage(Page):
    """The site root. The public home page itself is portal.views.home at "/"."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["editorial.SectionIndexPage", "editorial.MaterialIndexPage", "editorial.DraftIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "trang gốc của cổng"

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect("portal:home")


class SectionPage(Page):
    organization = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT, related_name="section",
                                        verbose_name="cơ quan, đơn vị")
    intro = RichTextField("giới thiệu", features=RICH_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("organization", read_only=True), FieldPanel("intro")]
    parent_page_types = ["editorial.SectionIndexPage"]
    subpage_types = ["editorial.ArticlePage", "editorial.MaterialPage", "editorial.DraftPage"]
    template = "editorial/section_page.html"

    class Meta:
        verbose_name = "chuyên mục của đơn vị"
        verbose_name_plural = "chuyên mục của đơn vị"

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.section_content(self))
        return context


class ArticlePage(TranslatedPageMixin, Page):
    class Kind(models.TextChoices):
        NEWS = "tin-tuc", "Tin tức"
        ANNOUNCEMENT = "thong-bao", "Thông báo"
        NEW_DOCUMENT = "gioi-thieu-van-ban", "Giới thiệu văn bản mới"
        TRAINING = "tap-huan", "Tài liệu tập huấn"
        GUIDANCE = "huong-dan", "Hướng dẫn PBGDPL"
        REPORTERS = "hoat-dong-bcv", "Hoạt động của báo cáo viên, tuyên truyền viên"

    kind = models.CharField("loại bài", max_length=30, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField("ngày", default=timezone.localdate)
    summary = models.TextField("tóm tắt", max_length=600, blank=True)
    body = StreamField(body_blocks(), verbose_name="nội dung", blank=True)
    document = models.ForeignKey(
        "laws.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="văn bản được giới thiệu",
        help_text="Với bài giới thiệu văn bản mới: chọn văn bản trong thư viện.")

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"),
                                          index.FilterField("kind")]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        FieldPanel("easy_read"),
        InlinePanel("language_versions", heading="Bản tiếng dân tộc, tiếng Anh", label="Bản ngôn ngữ khác"),
    ]
    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []
    template = "editorial/article_page.html"

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"

    def clean(self):
        super().clean()
        if self.kind == self.Kind.NEW_DOCUMENT and not self.document_id:
            raise ValidationError({"document": "Bài giới thiệu văn bản mới cần chọn văn bản trong thư viện."})


class MaterialPage(TranslatedPageMixin, Page):
    class Format(models.TextChoices):
        TEXT = "van-ban", "Bài viết"
        ATTACHMENT = "tep", "Tệp tài liệu (PDF, DOCX)"
        IMAGE = "hinh-anh", "Hình ảnh, infographic"
        AUDIO = "am-thanh", "Âm thanh"
        VIDEO = "video", "Video"

    format = models.CharField("hình thức", max_length=20, choices=Format.choices, default=Format.TEXT)
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="materials", verbose_name="đối tượng")
    topic = models.ForeignKey("laws.Field", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name="lĩnh vực")
    summary = models.TextField("tóm tắt", max_length=600, blank=True)
    body = StreamField(body_blocks(), verbose_name="nội dung", blank=True)
    attachment = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="tệp tài liệu")
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="hình ảnh, infographic")
    image_description = models.TextField(
        "mô tả hình ảnh", blank=True,
        help_text="Nội dung của infographic bằng chữ, cho người không xem được hình.")
    media = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="tệp âm thanh hoặc video (MP3, M4A, MP4, WEBM)")
    captions = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="phụ đề (WebVTT, .vtt)")
    transcript = models.TextField("bản ghi lời", blank=True, help_text="Bắt buộc với âm thanh và video.")
    featured = models.BooleanField("nổi bật", default=False, editable=False)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"),
                                          index.SearchField("transcript"), index.FilterField("format")]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("format"), FieldPanel("topic")]),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("attachment"), FieldPanel("image"), FieldPanel("image_description")],
                        heading="Tệp, hình ảnh"),
        MultiFieldPanel([FieldPanel("media"), FieldPanel("captions"), FieldPanel("transcript")],
                        heading="Âm thanh, video"),
        FieldPanel("easy_read"),
        InlinePanel("language_versions", heading="Bản tiếng dân tộc, tiếng Anh", label="Bản ngôn ngữ khác"),
    ]
    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []
    template = "editorial/material_page.html"

    class Meta:
        verbose_name = "học liệu"
        verbose_name_plural = "học liệu"

    def clean(self):
        super().clean()
        errors = {}
        if self.format in (self.Format.AUDIO, self.Format.VIDEO):
            if not self.media_id:
                errors["media"] = "Học liệu âm thanh, video cần tệp âm thanh hoặc video."
            if not self.transcript.strip():
                errors["transcript"] = "Âm thanh, video cần bản ghi lời cho người khiếm thính."
            if self.format == self.Format.VIDEO and not self.captions_id:
                errors["captions"] = "Video cần phụ đề (tệp WebVTT)."
        if self.format == self.Format.IMAGE and self.image_id and not self.image_description.strip():
            errors["image_description"] = "Infographic cần phần mô tả bằng chữ."
        if self.format == self.Format.ATTACHMENT and not self.attachment_id:
            errors["attachment"] = "Chọn tệp tài liệu."
        if errors:
            raise ValidationError(errors)

    @property
    def media_mime(self) -> str:
        name = (self.media.filename if self.media else "").lower()
        return {"mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "wav": "audio/wav",
                "mp4": "video/mp4", "webm": "video/webm"}.get(name.rsplit(".", 1)[-1], "")


class LanguageVersion(Orderable):
    """The same page in a minority language of Huế or in English."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="language_versions")
    language = models.CharField("ngôn ngữ", max_length=5, choices=languages.CHOICES)
    title = models.CharField("tiêu đề", max_length=255)
    body = RichTextField("nội dung", features=RICH_FEATURES)
    audio = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="bản đọc (âm thanh)")

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("title")]), FieldPanel("body"), FieldPanel("audio")]

    class Meta(Orderable.Meta):
        verbose_name = "bản ngôn ngữ khác"
        verbose_name_plural = "bản ngôn ngữ khác"
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="one_version_per_language")]


class DraftPage(TranslatedPageMixin, Page):
    """A draft policy or legal text opened for comment (dự thảo lấy ý kiến)."""

    drafting_body = models.CharField("cơ quan chủ trì soạn thảo", max_length=200, blank=True,
                                     help_text="Để trống: là đơn vị của chuyên mục.")
    summary = models.TextField("tóm tắt, mục đích lấy ý kiến", max_length=1000)
    body = StreamField(body_blocks(), verbose_name="thuyết minh, tài liệu kèm theo", blank=True)
    opens_at = models.DateTimeField("bắt đầu lấy ý kiến")
    closes_at = models.DateTimeField("hết hạn góp ý")
    comment_summary = RichTextField(
        "báo cáo tổng hợp, tiếp thu, giải trình ý kiến", features=RICH_FEATURES, blank=True,
        help_text="Công bố sau khi hết hạn góp ý: tóm tắt các ý kiến và phản hồi của cơ quan soạn thảo.")

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [
        FieldPanel("drafting_body"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Thời gian lấy ý kiến"),
        InlinePanel("articles", heading="Các điều của dự thảo", label="Điều"),
        FieldPanel("body"),
        FieldPanel("comment_summary"),
        FieldPanel("easy_read"),
        InlinePanel("language_versions", heading="Bản tiếng dân tộc, tiếng Anh", label="Bản ngôn ngữ khác"),
    ]
    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []
    template = "editorial/draft_page.html"

    class Meta:
        verbose_name = "dự thảo lấy ý kiến"
        verbose_name_plural = "dự thảo lấy ý kiến"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Hạn góp ý phải sau ngày bắt đầu."})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.opens_at and self.closes_at and self.opens_at <= now < self.closes_at)

    def is_closed(self, now=None) -> bool:
        return bool(self.closes_at and (now or timezone.now()) >= self.closes_at)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import draft_comment

            return draft_comment(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors
        from .forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        dieu = (request.GET.get("dieu") or "")[:12]
        context.setdefault("form", CommentForm(draft=self, initial={"article": dieu} if dieu.isdigit() else None))
        context["comments"] = selectors.approved_comments(self)
        context["sent"] = request.GET.get("da-gui") == "1"
        return context


class DraftArticle(Orderable):
    draft = ParentalKey(DraftPage, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField("số điều", max_length=10)
    heading = models.CharField("tên điều", max_length=300, blank=True)
    text = models.TextField("nội dung")

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("heading")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "điều của dự thảo"
        verbose_name_plural = "điều của dự thảo"

    def __str__(self) -> str:
        return f"Điều {self.number}" + (f". {self.heading}" if self.heading else "")

    @property
    def anchor(self) -> str:
        return f"dieu-{self.number}".replace(" ", "-").lower()


class DraftComment(models.Model):
    """A citizen's comment on a draft, on the whole or on one article. Not public until approved.
    Nothing that identifies the person is stored: only the kind of commenter they chose."""

    class State(models.TextChoices):
        PENDING = "cho-duyet", "Chờ duyệt"
        APPROVED = "da-duyet", "Đã duyệt, công khai"
        REJECTED = "tu-choi", "Không công khai"

    class CommenterKind(models.TextChoices):
        CITIZEN = "nguoi-dan", "Người dân"
        BUSINESS = "doanh-nghiep", "Doanh nghiệp"
        ORGANIZATION = "to-chuc", "Cơ quan, tổ chức"

    draft = models.ForeignKey(DraftPage, on_delete=models.CASCADE, related_name="comments",
                              verbose_name="dự thảo")
    article = models.ForeignKey(DraftArticle, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="comments", verbose_name="điều được góp ý")
    quote = models.CharField("đoạn được góp ý", max_length=500, blank=True)
    body = models.TextField("nội dung góp ý", max_length=3000)
    commenter_kind = models.CharField("người góp ý là", max_length=20, choices=CommenterKind.choices,
                                      default=CommenterKind.CITIZEN)
    state = models.CharField("trạng thái", max_length=20, choices=State.choices, default=State.PENDING,
                             db_index=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    moderated_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="người duyệt")

    class Meta:
        verbose_name = "ý kiến góp ý dự thảo"
        verbose_name_plural = "ý kiến góp ý dự thảo"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Góp ý #{self.pk} – {self.draft.title}"

    @property
    def organization(self):
        return self.draft.get_parent().specific.organization


class MaterialIndexPage(Page):
    """“Học liệu”: find materials by audience, topic and format (GET filters, no JavaScript)."""

    intro = models.TextField("giới thiệu", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = []
    max_count = 1
    template = "editorial/material_index_page.html"

    class Meta:
        verbose_name = "tìm học liệu"

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        filters = selectors.MaterialFilters.from_params(request.GET)
        context.update({"filters": filters, "materials": selectors.material_list(filters)[:60],
                        "facets": selectors.material_facets()})
        return context


class DraftIndexPage(Page):
    intro = models.TextField("giới thiệu", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = []
    max_count = 1
    template = "editorial/draft_index_page.html"

    class Meta:
        verbose_name = "danh sách dự thảo"

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update({"open_drafts": selectors.open_drafts(), "closed_drafts": selectors.closed_drafts()[:30]})
        return context


class FeaturedPage(models.Model):
    """A page a city editor puts on the home page (UBND thành phố or Sở Tư pháp editors)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name="trang")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    until = models.DateField("nổi bật đến ngày", null=True, blank=True)

    panels = [FieldPanel("page"), FieldRowPanel([FieldPanel("position"), FieldPanel("until")])]

    class Meta:
        verbose_name = "nội dung nổi bật trên trang chủ"
        verbose_name_plural = "nội dung nổi bật trên trang chủ"
        ordering = ["position", "-id"]

    def __str__(self) -> str:
        return self.page.title


# --- Registry of legal reporters and propagandists (state management data, not public pages) -----------

class LegalReporter(models.Model):
    class Kind(models.TextChoices):
        REPORTER = "bao-cao-vien", "Báo cáo viên pháp luật"
        PROPAGANDIST = "tuyen-truyen-vien", "Tuyên truyền viên pháp luật"

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="legal_reporters",
                                     verbose_name="cơ quan, đơn vị")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    full_name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ, nơi công tác", max_length=200, blank=True)
    decision_number = models.CharField("số quyết định công nhận", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    fields = models.ManyToManyField("laws.Field", blank=True, related_name="+", verbose_name="lĩnh vực")
    area_served = models.CharField("địa bàn phụ trách", max_length=200, blank=True)
    active = models.BooleanField("đang hoạt động", default=True)

    panels = [
        FieldRowPanel([FieldPanel("organization"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("area_served"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = "báo cáo viên, tuyên truyền viên"
        verbose_name_plural = "báo cáo viên, tuyên truyền viên"
        ordering = ["organization__name", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display()})"


class OutreachActivity(models.Model):
    """One dissemination activity (a talk, a session at a village hall, a livestream)."""

    class Mode(models.TextChoices):
        IN_PERSON = "truc-tiep", "Trực tiếp"
        ONLINE = "truc-tuyen", "Trực tuyến"

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="outreach",
                                     verbose_name="cơ quan, đơn vị")
    reporters = models.ManyToManyField(LegalReporter, blank=True, related_name="activities",
                                       verbose_name="người thực hiện")
    date = models.DateField("ngày")
    place = models.CharField("địa điểm", max_length=200)
    topic = models.CharField("chủ đề", max_length=300)
    audience = models.ForeignKey(Audience, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name="đối tượng")
    attendees = models.PositiveIntegerField("số người tham dự", default=0)
    mode = models.CharField("hình thức", max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)

    panels = [
        FieldRowPanel([FieldPanel("organization"), FieldPanel("date"), FieldPanel("mode")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("topic")]),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("attendees")]),
        FieldPanel("reporters"),
    ]

    class Meta:
        verbose_name = "hoạt động phổ biến pháp luật"
        verbose_name_plural = "hoạt động phổ biến pháp luật"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.topic}"

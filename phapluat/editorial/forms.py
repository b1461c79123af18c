from django import forms

from .models import DraftArticle, DraftComment, DraftPage


class CommentForm(forms.Form):
    article = forms.TypedChoiceField(label="Góp ý cho", required=False, coerce=int, empty_value=None)
    quote = forms.CharField(label="Đoạn văn bạn góp ý (chép lại, không bắt buộc)", required=False, max_length=500,
                            widget=forms.TextInput(attrs={"maxlength": 500}))
    body = forms.CharField(label="Nội dung góp ý", min_length=10, max_length=3000,
                           help_text="Từ 10 đến 3.000 ký tự. Góp ý được duyệt trước khi công khai.",
                           widget=forms.Textarea(attrs={"rows": 6, "maxlength": 3000}))
    commenter_kind = forms.ChoiceField(label="Bạn góp ý với tư cách", choices=DraftComment.CommenterKind.choices,
                                       initial=DraftComment.CommenterKind.CITIZEN, widget=forms.RadioSelect)
    website = forms.CharField(required=False, label="Để trống ô này")  # honeypot

    def __init__(self, *args, draft: DraftPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.fields["article"].choices = [("", "Toàn bộ dự thảo")] + [
            (a.pk, str(a)[:120]) for a in draft.articles.all()]

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_article(self):
        pk = self.cleaned_data.get("article")
        if pk is None:
            return None
        article = DraftArticle.objects.filter(pk=pk, draft=self.draft).first()
        if article is None:
            raise forms.ValidationError("Điều này không thuộc dự thảo.")
        return article

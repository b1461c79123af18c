"""The officials' sign-in form: Wagtail's, with a Vietnamese label on the field Wagtail leaves unlabelled
(Django then shows the field's name, "Password", which no catalogue translates)."""
from wagtail.admin.forms.auth import LoginForm


class OfficialLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Mật khẩu"

"""Organizations of the province (departments, communes and wards) and who works for them."""
from django.conf import settings
from django.db import models


class Organization(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "UBND thành phố"
        JUSTICE = "justice", "Sở Tư pháp"
        DEPARTMENT = "department", "Sở, ban, ngành"
        WARD = "ward", "Phường"
        COMMUNE = "commune", "Xã"
        OTHER = "other", "Cơ quan, tổ chức khác"

    name = models.CharField("tên", max_length=200, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    code = models.CharField("mã đơn vị hành chính", max_length=10, blank=True)
    population = models.PositiveIntegerField("dân số", null=True, blank=True)
    area_km2 = models.DecimalField("diện tích (km²)", max_digits=8, decimal_places=2, null=True, blank=True)
    admin_center = models.CharField("trụ sở", max_length=200, blank=True)
    merged_from = models.TextField("hợp nhất từ", blank=True)
    description = models.TextField("giới thiệu", blank=True)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_unit(self) -> bool:
        return self.kind in (self.Kind.WARD, self.Kind.COMMUNE)

    @property
    def is_urban(self) -> bool:
        """Decision 766 sets separate targets for urban (phường) and rural (xã) residents."""
        return self.kind == self.Kind.WARD


class Membership(models.Model):
    """A user's role in one organization. Permission checks read these rows (see permissions.py)."""

    class Role(models.TextChoices):
        EDITOR = "editor", "Biên tập viên"
        APPROVER = "approver", "Người phê duyệt"
        ADMIN = "admin", "Quản trị"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò trong đơn vị"
        verbose_name_plural = "vai trò trong đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"

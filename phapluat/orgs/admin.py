from django.contrib import admin

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]

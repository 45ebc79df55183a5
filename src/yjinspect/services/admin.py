"""Services and boards in the admin site."""

from django.contrib import admin

from .models import BoardMember, YouthJusticeService


class BoardMemberInline(admin.TabularInline[BoardMember, YouthJusticeService]):
    model = BoardMember
    extra = 1


@admin.register(YouthJusticeService)
class ServiceAdmin(admin.ModelAdmin[YouthJusticeService]):
    list_display = ("name", "nation", "local_authorities")
    inlines = [BoardMemberInline]

"""Who read which resident's personal data, and when (网络安全法 art. 21: staff logs kept at least 6 months)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PersonalDataAccess(models.Model):
    """One staff view of a resident's contact details in one case."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept apart from the foreign key so that the log still names the person after the account is gone.
    username = models.CharField("用户名", max_length=150)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    object_type = models.CharField("类型", max_length=60)
    object_id = models.CharField("对象编号", max_length=40)
    case = models.CharField("办件编号", max_length=40, db_index=True, help_text="留言受理编号、预约码等。")
    what = models.CharField("查看内容", max_length=100)

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {self.case}"

    @classmethod
    def record(cls, user, obj, case, what):
        """Log that ``user`` was shown ``what`` (e.g. 姓名、手机号) of ``obj``, the case numbered ``case``."""
        return cls.record_many(user, [(obj, case)], what)[0]

    @classmethod
    def record_many(cls, user, shown, what):
        """Log one row per case of a list page: ``shown`` is (object, case number) pairs."""
        return cls.objects.bulk_create(
            cls(
                user=user if user.is_authenticated else None,
                username=user.get_username() if user.is_authenticated else "",
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                case=str(case),
                what=what,
            )
            for obj, case in shown
        )

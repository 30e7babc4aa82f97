import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resident_requests", "0004_routing_runner_up_and_template_blanks"),
    ]

    operations = [
        migrations.AddField(
            model_name="residentrequest",
            name="api_key",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="resident_requests.apikey",
                verbose_name="提交所用接口密钥",
            ),
        ),
    ]

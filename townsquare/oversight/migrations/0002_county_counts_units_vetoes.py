from django.db import migrations


def count_units_vetoes(apps, schema_editor):
    """Stored runs counted only the county's own vetoes: count its units' too (each finding once)."""
    HealthRun = apps.get_model("oversight", "HealthRun")
    UnitScore = apps.get_model("oversight", "UnitScore")
    for run in HealthRun.objects.all().iterator():
        lists = [run.county_findings, *UnitScore.objects.filter(run=run).values_list("findings", flat=True)]
        keys = {
            (f.get("code"), f.get("unit_id"), f.get("object_label"), f.get("detail"))
            for findings in lists
            for f in findings
            if f.get("severity") == "veto"
        }
        passed = run.county_passed and not UnitScore.objects.filter(run=run, vetoes__gt=0).exists()
        HealthRun.objects.filter(pk=run.pk).update(county_vetoes=len(keys), county_passed=passed)


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0001_initial"),
    ]

    operations = [migrations.RunPython(count_units_vetoes, migrations.RunPython.noop)]

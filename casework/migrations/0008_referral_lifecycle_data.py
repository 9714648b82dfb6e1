"""Existing referrals onto the two-way lifecycle.

Before it, the counsellor recorded the result of a referral himself: "completed", or "declined",
whose label was "Not taken up" (the person did not use the service). Those become "completed" and
"not taken up" recorded by the referring counsellor ("declined" now means the organisation said
no). Every referral gets its log: created as sent, and the recorded result if there is one."""

from django.db import migrations
from django.db.models import F

OLD_NOT_TAKEN_UP = "declined"


def forwards(apps, schema_editor):
    Referral = apps.get_model("casework", "Referral")
    ReferralTransition = apps.get_model("casework", "ReferralTransition")
    Referral.objects.filter(status=OLD_NOT_TAKEN_UP).update(status="not_taken_up")
    logs = []
    for referral in Referral.objects.order_by("pk").iterator():
        logs.append(
            ReferralTransition(
                referral_id=referral.pk,
                from_status="",
                to_status="sent",
                by_id=referral.referred_by_id,
                at=referral.referred_at,
            )
        )
        if referral.status != "sent":
            logs.append(
                ReferralTransition(
                    referral_id=referral.pk,
                    from_status="sent",
                    to_status=referral.status,
                    by_id=referral.referred_by_id,
                    at=referral.closed_at or referral.referred_at,
                    reason=referral.result,
                )
            )
    ReferralTransition.objects.bulk_create(logs, batch_size=1000)
    Referral.objects.exclude(status="sent").filter(closed_by__isnull=True).update(
        closed_by_id=F("referred_by_id")
    )


def backwards(apps, schema_editor):
    """The old lifecycle knew only sent, completed and "declined" (not taken up)."""
    Referral = apps.get_model("casework", "Referral")
    Referral.objects.filter(status="accepted").update(status="sent")
    Referral.objects.filter(status__in=["not_taken_up", "withdrawn"]).update(
        status=OLD_NOT_TAKEN_UP
    )
    apps.get_model("casework", "ReferralTransition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_referral_lifecycle"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

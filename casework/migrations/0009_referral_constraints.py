"""The rules of the referral lifecycle as constraints, once 0008 has moved the old rows onto it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0008_referral_lifecycle_data"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "declined"), _negated=True),
                    models.Q(("decline_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="casework_declined_referral_has_reason",
                violation_error_message="A declined referral needs the reason.",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["completed", "not_taken_up"]), _negated=True),
                    models.Q(("result", ""), _negated=True),
                    _connector="OR",
                ),
                name="casework_ended_referral_has_outcome",
                violation_error_message="An ended referral needs its outcome.",
            ),
        ),
    ]

"""The reference admin pages list, search without diacritics and refuse edits."""

import pytest
from django.urls import reverse

from puls.reference.models import (
    CorOccupation,
    EscoOccupation,
    IscoGroup,
    OccupationSkill,
    Skill,
    SkillGroup,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [IscoGroup, CorOccupation, EscoOccupation, SkillGroup, Skill, OccupationSkill]


@pytest.fixture
def admin_client(client, enrol_totp):
    user = UserFactory(is_staff=True, is_superuser=True)
    enrol_totp(user)
    client.force_login(user)
    return client


def changelist(model):
    return reverse(f"admin:reference_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelists_render_in_a_bounded_number_of_queries(
    admin_client, loaded, model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(changelist(model))
    assert response.status_code == 200


def test_admin_search_ignores_diacritics(admin_client, loaded):
    response = admin_client.get(changelist(CorOccupation), {"q": "Șef"})
    assert [row.code for row in response.context["cl"].result_list] == ["132401", "132402"]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_reference_rows_cannot_be_added_changed_or_deleted(admin_client, loaded, model):
    obj = model.objects.first()
    opts = model._meta
    assert admin_client.get(reverse(f"admin:reference_{opts.model_name}_add")).status_code == 403
    change = reverse(f"admin:reference_{opts.model_name}_change", args=[obj.pk])
    assert admin_client.post(change, {}).status_code == 403
    delete = reverse(f"admin:reference_{opts.model_name}_delete", args=[obj.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()

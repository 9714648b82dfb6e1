"""The remaining programme targets of the seeds, as editable data (admin): the case-management
project of seed 001 (102,600 jobseekers, especially vulnerable people; the press release gives no
start date or duration), SMART-SPO's conditions 1–4 and the 52 structures of its target group
(seed 002; condition 5 is the milestones of 0002). Condition 4's slide lists months 29, 41, 53 and
58 beside two kinds of report: read as the annual campaign reports 12 months apart and the
modernisation reports at month 58."""

from django.db import migrations

SMART_SPO_GENERIC = (
    "Documentele agreate cu AM și CE care dovedesc atingerea rezultatului propus (rambursarea "
    "cheltuielilor se face strict în baza lor)."
)
SMART_SPO_GENERIC_EN = (
    "The documents agreed with the managing authority and the European Commission that prove the "
    "result was reached (expenditure is reimbursed strictly on their basis)."
)
MAINTAINED = ("600 noi posturi menținute și ocupate", "600 new posts maintained and filled")
ANNUAL = (
    "Raport anual privind implementarea campaniei de comunicare",
    "Annual report on the implementation of the communication campaign",
)

CASE_MANAGEMENT = {
    "position": 1,
    "title": "Persoane aflate în căutarea unui loc de muncă care beneficiază de proiect, în "
    "special persoane vulnerabile",
    "title_en": "Jobseekers benefiting from the project, especially vulnerable people",
    "target": 102_600,
    "verification": "Comunicatul nu numește mijlocul de verificare. PULS numără persoanele cu "
    "dosar de caz profilat; vulnerabile: greu și foarte greu ocupabile sau cu o situație "
    "vulnerabilă declarată (tineri din sistemul de protecție a copilului, repatriați, migranți, "
    "apatrizi, persoane cu dependențe, fără adăpost, șomeri de lungă durată).",
    "verification_en": "The press release names no means of verification. PULS counts the "
    "people whose case file was profiled; vulnerable: hard or very hard to employ, or with a "
    "declared vulnerable situation (care leavers, repatriated people, migrants, stateless people, "
    "people with a dependence, homeless people, the long-term unemployed).",
    "measure": "case_management",
    "source": "Seed 001: comunicatul ANOFM despre proiectul „Managementul de caz”",
    "stages": [],
}

SMART_SPO = [
    {
        "position": 1,
        "condition": 1,
        "title": "Cadrul tehnic și instituțional pentru modernizarea SPO stabilit",
        "title_en": "The technical and institutional framework for modernising the SPO "
        "established",
        "target": None,
        "verification": "Strategia și Planul de implementare pentru modernizarea SPO, aprobate "
        "de Comisia Europeană; Strategia de comunicare aprobată de Comisia Europeană.",
        "verification_en": "The strategy and the implementation plan for modernising the SPO, "
        "approved by the European Commission; the communication strategy approved by the "
        "European Commission.",
        "measure": "",
        "source": "Seed 002, condiția 1",
        "stages": [
            (10, None, "Strategia și Planul de implementare pentru modernizarea SPO, aprobate de "
             "Comisia Europeană", "The strategy and implementation plan for modernising the SPO, "
             "approved by the European Commission"),
            (16, None, "Strategia de comunicare aprobată de Comisia Europeană",
             "The communication strategy approved by the European Commission"),
        ],
    },
    {
        "position": 2,
        "condition": 2,
        "title": "600 de noi posturi create în cadrul SPO și ocupate de personal nou angajat",
        "title_en": "600 new posts created in the SPO and filled by newly hired staff",
        "target": 600,
        "verification": SMART_SPO_GENERIC,
        "verification_en": SMART_SPO_GENERIC_EN,
        "measure": "",
        "source": "Seed 002, condiția 2",
        "stages": [
            (18, 300, "300 de posturi nou create și ocupate cu personal nou angajat",
             "300 newly created posts filled by newly hired staff"),
            (24, 600, "Încă 300 de posturi nou create și ocupate (în total 600)",
             "300 more newly created posts filled (600 in all)"),
            (36, 600, *MAINTAINED),
            (48, 600, *MAINTAINED),
            (58, 600, *MAINTAINED),
        ],
    },
    {
        "position": 3,
        "condition": 3,
        "title": "1.840 de angajați SPO formați",
        "title_en": "1,840 SPO staff trained",
        "target": 1_840,
        "verification": "Certificat de absolvire și dovadă angajat SPO.",
        "verification_en": "A certificate of completion and proof of employment in the SPO.",
        "measure": "staff_trained",
        "source": "Seed 002, condiția 3",
        "stages": [
            (15, 100, "100 angajați SPO formați", "100 SPO staff trained"),
            (26, 600, "Suplimentar, 500 angajați SPO formați", "500 more SPO staff trained"),
            (32, 1_100, "Suplimentar, 500 angajați SPO formați", "500 more SPO staff trained"),
            (38, 1_480, "Suplimentar, 380 angajați SPO formați", "380 more SPO staff trained"),
            (44, 1_840, "Suplimentar, 360 angajați SPO formați", "360 more SPO staff trained"),
        ],
    },
    {
        "position": 4,
        "condition": 4,
        "title": "Campania de comunicare implementată, inclusiv sediile SPO modernizate",
        "title_en": "The communication campaign carried out, the SPO's offices modernised "
        "included",
        "target": None,
        "verification": "Rapoarte anuale privind implementarea campaniei de comunicare; "
        "rapoarte cu anexe care dovedesc executarea intervențiilor de modernizare și "
        "standardizare a structurilor SPO.",
        "verification_en": "Annual reports on the implementation of the communication campaign; "
        "reports with annexes proving the modernisation and standardisation work on the SPO's "
        "structures.",
        "measure": "",
        "source": "Seed 002, condiția 4",
        "stages": [
            (29, None, *ANNUAL),
            (41, None, *ANNUAL),
            (53, None, *ANNUAL),
            (58, None, "Rapoarte cu anexe care dovedesc executarea intervențiilor de modernizare "
             "și standardizare a structurilor SPO", "Reports with annexes proving the "
             "modernisation and standardisation work on the SPO's structures"),
        ],
    },
    {
        "position": 5,
        "condition": None,
        "title": "Instituții SPO – 52 de structuri (ANOFM, 42 AJOFM/AMOFM, 8 CRFPA, CNFPPP)",
        "title_en": "SPO institutions – 52 structures (ANOFM, 42 county agencies and the "
        "Bucharest agency, 8 CRFPA, CNFPPP)",
        "target": 52,
        "verification": "Grupul țintă al proiectului. PULS numără ANOFM (nivelul național), "
        "agențiile și centrele de formare înregistrate.",
        "verification_en": "The project's target group. PULS counts ANOFM (the national level), "
        "the agencies and the training centres recorded.",
        "measure": "structures",
        "source": "Seed 002, grupul țintă",
        "stages": [],
    },
]


def _add(ProgrammeTarget, TargetStage, programme, spec):
    spec = dict(spec)
    stages = spec.pop("stages")
    target, created = ProgrammeTarget.objects.get_or_create(
        programme=programme, title=spec.pop("title"), defaults=spec
    )
    if created:
        for month, figure, description, description_en in stages:
            TargetStage.objects.create(
                programme_target=target,
                month=month,
                figure=figure,
                description=description,
                description_en=description_en,
            )


def load(apps, schema_editor):
    Programme = apps.get_model("reports", "Programme")
    ProgrammeTarget = apps.get_model("reports", "ProgrammeTarget")
    TargetStage = apps.get_model("reports", "TargetStage")
    case_management, _ = Programme.objects.get_or_create(
        code="managementul-de-caz", defaults={"name": "Managementul de caz"}
    )
    _add(ProgrammeTarget, TargetStage, case_management, CASE_MANAGEMENT)
    smart = Programme.objects.filter(code="smart-spo").first()
    if smart is not None:
        for spec in SMART_SPO:
            _add(ProgrammeTarget, TargetStage, smart, spec)


def unload(apps, schema_editor):
    apps.get_model("reports", "ProgrammeTarget").objects.all().delete()
    apps.get_model("reports", "Programme").objects.filter(code="managementul-de-caz").delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_programme_targets_beside_the_indicators")]

    operations = [migrations.RunPython(load, unload)]

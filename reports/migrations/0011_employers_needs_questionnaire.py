"""The employers' needs questionnaire of seed 003 (eSPOR: an online questionnaire on the employers'
real needs), by its six areas, in Romanian with English, open to employers once a year."""

import datetime

from django.db import migrations

CODE = "nevoi-angajatori"

# (area, area_en, [(kind, required, text, text_en, [(option, option_en), ...]), ...])
AREAS = [
    ("Publicarea online a locurilor de muncă vacante", "Posting vacancies online", [
        ("scale", True, "Cât de ușor vă este să publicați online locurile de muncă vacante?",
         "How easy is it for you to post your vacancies online?", []),
        ("single", True, "Cum comunicați de obicei agenției locurile de muncă vacante?",
         "How do you usually communicate your vacancies to the agency?", [
             ("Online, prin PULS", "Online, through PULS"),
             ("Prin e-mail", "By e-mail"),
             ("La ghișeul agenției", "At the agency's desk"),
             ("Nu le comunicăm agenției", "We do not communicate them to the agency"),
         ]),
    ]),
    ("Consiliere și îndrumare", "Guidance and coaching", [
        ("yes_no", True, "Ați avea nevoie de consiliere din partea agenției pentru recrutare?",
         "Would you need guidance from the agency for recruiting?", []),
        ("multiple", False, "Pe ce teme ați dori consiliere?",
         "On which topics would you like guidance?", [
             ("Legislația muncii", "Labour law"),
             ("Selecția candidaților", "Selecting candidates"),
             ("Integrarea noilor angajați", "Integrating new employees"),
             ("Formarea profesională a angajaților", "Vocational training of employees"),
         ]),
    ]),
    ("Accesul la subvenții", "Access to subsidies", [
        ("scale", True,
         "Cât de bine cunoașteți subvențiile pentru angajatori oferite de agenție?",
         "How well do you know the subsidies for employers that the agency offers?", []),
        ("multiple", False, "Ce v-ar ajuta să accesați subvențiile?",
         "What would help you access the subsidies?", [
             ("Informații mai clare despre condiții", "Clearer information on the conditions"),
             ("Depunerea online a cererilor", "Submitting applications online"),
             ("Sprijin la întocmirea dosarului", "Help with preparing the file"),
             ("Termene mai scurte de decizie", "Shorter decision times"),
         ]),
    ]),
    ("Analiza locurilor de muncă vacante", "Vacancy analysis", [
        ("yes_no", True,
         "Ați dori ca agenția să analizeze împreună cu dumneavoastră cerințele posturilor vacante?",
         "Would you like the agency to analyse the requirements of your vacancies with you?", []),
        ("scale", True, "Cât de greu vă este să ocupați locurile de muncă vacante?",
         "How hard is it for you to fill your vacancies?", []),
    ]),
    ("Colectarea cererilor de competențe", "Collecting competence requests", [
        ("single", True,
         "Cât de des v-ar conveni să transmiteți agenției competențele de care aveți nevoie?",
         "How often would it suit you to tell the agency which competences you need?", [
             ("Lunar", "Monthly"),
             ("Trimestrial", "Quarterly"),
             ("Anual", "Yearly"),
             ("Doar când am un post vacant", "Only when I have a vacancy"),
         ]),
        ("text", False, "Ce competențe le lipsesc cel mai des candidaților pe care îi primiți?",
         "Which competences do the candidates you receive most often lack?", []),
    ]),
    ("Metode de evaluare a necesarului de personal", "Methods for assessing staffing needs", [
        ("single", True, "Cum vă evaluați necesarul de personal?",
         "How do you assess your staffing needs?", [
             ("Printr-un plan anual de personal", "With a yearly staffing plan"),
             ("Pe măsură ce apar plecări sau proiecte noi", "As departures or new projects come"),
             ("Cu ajutorul unui consultant", "With the help of a consultant"),
             ("Nu îl evaluăm în mod organizat", "We do not assess it in an organised way"),
         ]),
        ("yes_no", True,
         "V-ar interesa o metodă de evaluare a necesarului de personal oferită de agenție?",
         "Would a method for assessing staffing needs offered by the agency interest you?", []),
        ("text", False, "Ce alte nevoi ar putea acoperi agenția pentru dumneavoastră?",
         "What other needs of yours could the agency meet?", []),
    ]),
]  # fmt: skip


def load(apps, schema_editor):
    Questionnaire = apps.get_model("reports", "Questionnaire")
    Question = apps.get_model("reports", "Question")
    Option = apps.get_model("reports", "Option")
    Transition = apps.get_model("reports", "QuestionnaireTransition")
    if Questionnaire.objects.filter(code=CODE).exists():
        return
    questionnaire = Questionnaire.objects.create(
        code=CODE,
        title="Chestionar privind nevoile reale ale angajatorilor",
        title_en="Questionnaire on employers' real needs",
        introduction=(
            "Spuneți-ne de ce aveți nevoie de la agenția pentru ocuparea forței de muncă, pe șase "
            "domenii. Durează aproximativ 5 minute."
        ),
        introduction_en=(
            "Tell us what you need from the employment agency, in six areas. It takes about 5 "
            "minutes."
        ),
        audience="employers",
        recurrence="yearly",
        opens_on=datetime.date(2026, 1, 1),
        status="open",
    )
    Transition.objects.create(
        questionnaire=questionnaire, from_status="", to_status="draft", reason="Seed 003"
    )
    Transition.objects.create(
        questionnaire=questionnaire, from_status="draft", to_status="open", reason="Seed 003"
    )
    position = 0
    for area, area_en, questions in AREAS:
        for kind, required, text, text_en, options in questions:
            position += 1
            question = Question.objects.create(
                questionnaire=questionnaire,
                position=position,
                area=area,
                area_en=area_en,
                text=text,
                text_en=text_en,
                kind=kind,
                required=required,
            )
            Option.objects.bulk_create(
                Option(question=question, position=number, text=option, text_en=option_en)
                for number, (option, option_en) in enumerate(options, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0010_questionnaires")]

    # Backwards the questionnaire stays: load() finds it when applied again, and unapplying 0010
    # drops its tables. (Deleting it through the historical models failed when migrations were
    # unapplied across apps: Django's collector mixed two states of the Questionnaire model.)
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

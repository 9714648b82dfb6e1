"""Demo data of the help desk: frequently asked questions for every audience, a jobseeker's
request answered by the Cluj counsellor, a visitor's request waiting in the Cluj queue and a
suggestion on the national list.

Idempotent: the suggestion, made last, says the demo is there; the questions are looked up by
their text, the requests by their description.
"""

from django.db import transaction

from puls.accounts.models import User
from puls.reference.models import County

from .. import services
from ..models import Audience, FaqEntry, HelpRequest

ANALYST_EMAIL = "analist@demo.puls.ro"
COUNSELLOR_EMAIL = "consilier@demo.puls.ro"
JOBSEEKER_EMAIL = "persoana@demo.puls.ro"

# (audience, question, answer, the question and the answer in English)
QUESTIONS = [
    (
        Audience.EVERYONE,
        "Cum îmi schimb parola?",
        "Din meniul contului (sus, dreapta), alegeți „Schimbă parola”. Dacă ați uitat parola, "
        "folosiți „Ați uitat parola?” de pe pagina de autentificare.",
        "How do I change my password?",
        "From the account menu (top right), choose “Change password”. If you forgot your password, use “Forgot your password?” on the sign-in page.",
    ),
    (
        Audience.EVERYONE,
        "Cât durează până primesc un răspuns la o solicitare?",
        "Între 1 și 10 zile lucrătoare, după categorie: problemele tehnice într-o zi, "
        "întrebările despre cont și programări în două zile, subvențiile în cinci.",
        "How long until my request is answered?",
        "Between 1 and 10 working days, by category: technical problems in one day, questions about accounts and appointments in two days, subsidies in five.",
    ),
    (
        Audience.JOBSEEKERS,
        "Cum fac o programare la consilier?",
        "Din „Panoul meu”, alegeți „Programări” și un interval liber al agenției județului "
        "dumneavoastră. Primiți confirmarea prin e-mail.",
        "How do I book an appointment with a counsellor?",
        "From “My dashboard”, choose “Appointments” and a free slot of your county's agency. You get the confirmation by e-mail.",
    ),
    (
        Audience.JOBSEEKERS,
        "Ce documente încarc în dosarul personal?",
        "Actul de identitate, diplomele și, dacă aveți, carnetul de muncă sau adeverințele de "
        "vechime, ca PDF, JPEG sau PNG de cel mult 10 MB.",
        "Which documents do I upload to my dossier?",
        "Your identity document, your diplomas and, if you have them, your employment record book or certificates of service, as PDF, JPEG or PNG of at most 10 MB.",
    ),
    (
        Audience.EMPLOYERS,
        "În cât timp trebuie comunicat un loc de muncă vacant?",
        "În cel mult 5 zile lucrătoare de la data la care a devenit vacant (Legea 76/2002). "
        "PULS emite o confirmare numerotată.",
        "How soon must a vacancy be communicated?",
        "Within at most 5 working days of the date it became vacant (Law 76/2002). PULS issues a numbered confirmation.",
    ),
    (
        Audience.NETWORK,
        "Unde găsesc procesele-verbale ale întâlnirilor rețelei?",
        "În „Rețeaua de parteneri”, la arhiva întâlnirilor: fiecare întâlnire încheiată are "
        "procesul-verbal aprobat, în PDF.",
        "Where do I find the minutes of the network's meetings?",
        "In “Partner network”, in the meetings archive: every closed meeting has its approved minutes, as a PDF.",
    ),
    (
        Audience.STAFF,
        "Cum răspund unei solicitări de asistență?",
        "Din „Asistență”, deschideți solicitarea (cele întârziate sunt primele), scrieți "
        "răspunsul și trimiteți-l: solicitantul îl primește și prin e-mail.",
        "How do I answer a help request?",
        "From “Help desk”, open the request (overdue ones come first), write the answer and send it: the requester also gets it by e-mail.",
    ),
]

VISITOR_QUESTION = "Am pierdut adresa de e-mail cu care m-am înscris. Cum îmi recuperez contul?"
JOBSEEKER_QUESTION = "Nu găsesc intervale libere pentru o programare în această lună."
SUGGESTION = "Ar fi util un filtru după program de lucru în căutarea locurilor de muncă."


@transaction.atomic
def demo_data_ensure() -> list[str]:
    analyst = User.objects.get(email=ANALYST_EMAIL)
    if HelpRequest.objects.filter(description=SUGGESTION).exists():
        return []
    for order, (audience, question, answer, question_en, answer_en) in enumerate(QUESTIONS):
        if not FaqEntry.objects.filter(question=question).exists():
            entry = FaqEntry(
                audience=audience,
                question=question,
                answer=answer,
                question_en=question_en,
                answer_en=answer_en,
                order=order,
            )
            services.faq_save(entry=entry, by=analyst)
    if not HelpRequest.objects.filter(description=JOBSEEKER_QUESTION).exists():
        asked = services.help_request_open(
            category="appointment",
            description=JOBSEEKER_QUESTION,
            page="/persoane/programari/",
            requester=User.objects.get(email=JOBSEEKER_EMAIL),
            county=County.objects.get(code="CJ"),
            language="ro",
        )
        services.help_request_answer(
            help_request=asked,
            body="Am adăugat intervale noi joi și vineri dimineața; le găsiți acum în calendar.",
            by=User.objects.get(email=COUNSELLOR_EMAIL),
        )
    if not HelpRequest.objects.filter(description=VISITOR_QUESTION).exists():
        services.help_request_open(
            category="account",
            description=VISITOR_QUESTION,
            contact_email="vizitator@example.ro",
            county=County.objects.get(code="CJ"),
            language="ro",
        )
    services.help_request_open(
        category="suggestion",
        description=SUGGESTION,
        page="/locuri-de-munca/",
        contact_email="idei@example.ro",
        language="ro",
    )
    return [
        "Help desk: frequently asked questions at /asistenta/intrebari-frecvente/, requests in "
        f"the queue of {COUNSELLOR_EMAIL} and (a suggestion) of {ANALYST_EMAIL}."
    ]

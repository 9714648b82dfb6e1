from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("locuri-de-munca/", views.vacancy_analysis, name="vacancy_analysis"),
    path("persoane/", views.jobseeker_analysis, name="jobseeker_analysis"),
    path("competente/", views.competence_gap, name="competence_gap"),
    path("prognoze/", views.forecasts, name="forecasts"),
    path("generate/", views.report_list, name="reports"),
    path("generate/<int:pk>/progres/", views.report_progress, name="report_progress"),
    path("generate/<int:pk>/<str:fmt>/", views.report_download, name="report_download"),
    path("programe/<int:pk>/tinte/", views.milestones, name="milestones"),
    path("satisfactie/", views.satisfaction, name="satisfaction"),
    path("chestionare/", views.questionnaires, name="questionnaires"),
    path(
        "chestionare/subventie/<int:pk>/", views.subsidy_questionnaire, name="subsidy_questionnaire"
    ),
    path("chestionare/<str:subject>/<int:pk>/", views.questionnaire, name="questionnaire"),
    path("chestionare/<slug:code>/", views.questionnaire_answer, name="questionnaire_answer"),
    path(
        "chestionare/<slug:code>/multumim/",
        views.questionnaire_thanks,
        name="questionnaire_thanks",
    ),
    path("rezultate-chestionare/", views.questionnaire_results, name="questionnaire_results"),
    path(
        "rezultate-chestionare/<int:pk>/",
        views.questionnaire_report,
        name="questionnaire_report",
    ),
]

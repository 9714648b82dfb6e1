"""/noutati/: the news page, the newsletter archive, subscriptions and the staff's pages."""

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("buletine/", views.archive, name="archive"),
    path("buletine/<int:pk>/", views.newsletter_detail, name="newsletter_detail"),
    path("buletine/<int:pk>/brosura/", views.brochure, name="brochure"),
    path("abonare/", views.subscribe, name="subscribe"),
    path("abonare/contul-meu/", views.my_subscription, name="my_subscription"),
    path("abonare/confirmare/<str:token>/", views.confirm, name="confirm"),
    path("dezabonare/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("gestionare/", views.manage, name="manage"),
    path("gestionare/anunt-nou/", views.announcement_edit, name="announcement_create"),
    path("gestionare/anunturi/<int:pk>/", views.announcement_edit, name="announcement_edit"),
    path(
        "gestionare/anunturi/<int:pk>/<str:action>/",
        views.announcement_transition,
        name="announcement_transition",
    ),
    path("gestionare/buletine/", views.newsletter_manage, name="newsletter_manage"),
    path("gestionare/buletine/nou/", views.newsletter_edit, name="newsletter_create"),
    path("gestionare/buletine/<int:pk>/", views.newsletter_edit, name="newsletter_edit"),
    path(
        "gestionare/buletine/<int:pk>/previzualizare/",
        views.newsletter_review,
        name="newsletter_review",
    ),
    path("gestionare/buletine/<int:pk>/trimite/", views.newsletter_send, name="newsletter_send"),
    path(
        "gestionare/buletine/<int:pk>/progres/",
        views.newsletter_progress,
        name="newsletter_progress",
    ),
]

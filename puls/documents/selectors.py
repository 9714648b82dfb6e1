"""Reads of documents, narrowed to what the asking user may see.

Who may read a document is decided here, and other apps extend it without this app knowing them:

* the owner (the person who uploaded it) sees it;
* a superuser sees every document;
* every *access rule* registered with ``register_access_rule`` adds more. A rule is a function
  ``rule(user) -> Q | None`` over Document; it returns the documents that user may also read, or
  None when it grants nothing. Domain apps register their rules in ``AppConfig.ready()``::

      # employers/apps.py
      def ready(self):
          from puls.documents.selectors import register_access_rule
          from . import selectors
          register_access_rule(selectors.company_documents_rule)

      # employers/selectors.py
      def company_documents_rule(user):
          if user.role != Role.EMPLOYER:
              return None
          return Q(pk__in=CompanyDocument.objects.filter(
              company__representatives=user).values("document_id"))

  Express a rule through ``pk__in``/``owner__in`` subqueries, as above, rather than through joins
  on reverse relations: a join can repeat a document once per matching row.

``documents_visible_to(user)`` ORs all of these into one QuerySet; every view that looks up a
document goes through it, so a document the user may not read gives 404.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from puls.accounts.models import User

from .models import Document

AccessRule = Callable[[User], Q | None]
_access_rules: list[AccessRule] = []


def register_access_rule(rule: AccessRule) -> AccessRule:
    """Add ``rule(user) -> Q | None`` to the rules of documents_visible_to. Returns ``rule``, so
    it can be used as a decorator; registering the same function twice has no effect."""
    if rule not in _access_rules:
        _access_rules.append(rule)
    return rule


def documents_visible_to(user: User | AnonymousUser) -> QuerySet[Document]:
    if not user.is_authenticated:
        return Document.objects.none()
    if user.is_superuser:
        return Document.objects.all()
    condition = Q(owner=user)
    for rule in _access_rules:
        granted = rule(user)
        if granted is not None:
            condition |= granted
    return Document.objects.filter(condition)


def documents_owned_by(user: User) -> QuerySet[Document]:
    """The documents ``user`` uploaded, newest first: their "my documents" page."""
    return Document.objects.filter(owner=user).order_by("-uploaded_at", "-pk")

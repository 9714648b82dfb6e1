"""My documents: the list with its upload form, the upload itself, and the private download."""

import logging

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from puls.accounts.permissions import signed_in_required
from puls.audit.models import AuditEntry
from puls.views import audit_read, paginate, reported

from . import selectors, services
from .forms import DocumentUploadForm

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


def _render_list(request, form):
    page = paginate(request, selectors.documents_owned_by(request.user), per_page=PAGE_SIZE)
    context = {"page_obj": page, "form": form}
    return render(request, "documents/document_list.html", context)


@signed_in_required
@require_GET
def document_list(request):
    return _render_list(request, DocumentUploadForm())


@signed_in_required
@require_POST
def document_upload(request):
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        with reported(request, form=form) as outcome:
            services.document_create(
                owner=request.user,
                uploaded_file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        if outcome.ok:
            messages.success(request, _("The document was uploaded."))
            return redirect("documents:list")
    return _render_list(request, form)


@signed_in_required
@require_GET
def document_download(request, pk):
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        logger.error("Document %s has no file in the private storage.", document.pk)
        raise Http404 from None
    audit_read(request, AuditEntry.Action.DOWNLOAD, document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

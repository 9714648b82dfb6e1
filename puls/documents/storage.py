"""Storage for private documents: files have no URL; they are served only by the download view."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private documents have no URL; use the documents:download view.")

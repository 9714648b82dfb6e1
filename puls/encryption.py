"""Personal identity codes at rest: the CNP is stored encrypted (Fernet keys from the environment,
rotatable) next to a keyed hash (HMAC-SHA256) that keeps it unique and lets staff find a person.

``cryptography``'s MultiFernet encrypts with the first key of settings.PULS_CNP_ENCRYPTION_KEYS and
decrypts with any of them, so a new key goes first and the old ones stay until
``manage.py reencrypt_cnp`` has rewritten every row. The hash uses its own key
(settings.PULS_CNP_HMAC_KEY): a stolen database alone cannot be brute-forced over the small space
of valid CNPs.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models

MASK_CHARACTER = "•"
VISIBLE_DIGITS = 4


@functools.lru_cache(maxsize=4)
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def _keys():
    return _fernet(tuple(settings.PULS_CNP_ENCRYPTION_KEYS))


def encrypt(value):
    return _keys().encrypt(value.encode()).decode("ascii")


def decrypt(token):
    return _keys().decrypt(token.encode("ascii")).decode()


def keyed_hash(value):
    """The HMAC-SHA256 of ``value`` (hex): equal codes give equal hashes, nothing else leaks."""
    key = settings.PULS_CNP_HMAC_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def masked(value):
    """``•••••••••1234``: enough for staff to tell two people apart, not to copy the code."""
    if not value:
        return ""
    return MASK_CHARACTER * (len(value) - VISIBLE_DIGITS) + value[-VISIBLE_DIGITS:]


class EncryptedTextField(models.TextField):
    """Holds the clear value in Python and its Fernet token in the database.

    A token differs at each encryption, so the column cannot be filtered on: any lookup but
    ``isnull`` raises (filter on the KeyedHashField instead).
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value in (None, "") else encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.name} is encrypted: filter on its keyed hash, not with '{lookup_name}'."
            )
        return super().get_lookup(lookup_name)


class KeyedHashField(models.CharField):
    """The keyed hash of another field of the same model, recomputed at every save (bulk_create
    included, which calls pre_save too)."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)  # computed, never typed in
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        kwargs.pop("editable", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.source)
        digest = keyed_hash(value) if value else None
        setattr(model_instance, self.attname, digest)
        return digest


class VisibleDigitsField(models.CharField):
    """The last ``VISIBLE_DIGITS`` characters of another field of the same model — the digits
    staff already see in the masked CNP — stored in clear for searching by a fragment, recomputed
    at every save (bulk_create included)."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", VISIBLE_DIGITS)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)  # computed, never typed in
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("max_length") == VISIBLE_DIGITS:
            del kwargs["max_length"]
        kwargs.pop("editable", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.source)
        digits = value[-VISIBLE_DIGITS:] if value else ""
        setattr(model_instance, self.attname, digits)
        return digits

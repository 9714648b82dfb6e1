"""No input gives a server error: every URL pattern, as every kind of user, GET and POST, with
hostile values (non-numeric and huge ids, Unicode digits, NUL bytes, CRLF, bidi controls, very
long strings) in every field the portal's own forms send to it and in the URL's arguments.

The field names are discovered, not listed: a first pass opens every page the permission matrix
(tests/test_url_permissions.py) lets the user into and reads its forms (action, method, field
names), so a new form is fuzzed without anyone adding it here.
Hypothesis draws the values of each class; the normal run draws one set per user (bounded: this
runs in the normal suite), the `slow` variant more sets (PULS_HOSTILE_ROUNDS, three by default)
on the portal's own pages, sent after the pages were read once.
"""

import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.client import PortalClient
from tests.test_url_permissions import ADMIN_LOGIN, DENIED, LOGIN, NO_TOKEN, expected_for
from tests.urlwalk import KINDS, arguments_for, make_world, routes, sign_in, url_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
_words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
# An id field gets a value that is no integer (int() refuses "²" although str.isdigit() accepts
# it) or one too large for any column; a text field gets a line break in a short, otherwise valid
# text (it must pass validation to reach an e-mail subject), or a very long text with bidi and
# zero-width characters. Every field then gets a NUL byte.
NOT_A_NUMBER = st.one_of(
    st.sampled_from(["abc", "1a", "-1", "1.5", " 7", "0x10", "[]", "1e3"]),
    st.text(st.sampled_from("²³¹①⑦𝟙"), min_size=1, max_size=3),
)
HUGE_NUMBER = st.integers(min_value=2**63, max_value=10**40).map(str)
CRLF = _words.map(lambda s: f"Titlu {s}\r\nBcc: victim@example.com")
LONG_BIDI = st.integers(min_value=5_000, max_value=20_000).map(
    lambda n: "\u202eTitlu\u200b" + "ă" * n
)
NUL = _words.map(lambda s: f"{s}\x00x")
ROUNDS = [
    ("ids not numbers, CRLF in texts", NOT_A_NUMBER, CRLF),
    ("huge ids, long bidi texts", HUGE_NUMBER, LONG_BIDI),
    ("NUL bytes", NUL, NUL),
]
ID_INPUTS = {"select", "hidden", "radio", "checkbox", "number", "button", "submit"}
REFUSED = {LOGIN, ADMIN_LOGIN, DENIED, NO_TOKEN}


class _Forms(HTMLParser):
    """The forms of a page: (action, method, {field name: input type})."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = (attrs.get("action") or "", (attrs.get("method") or "get").lower(), {})
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            fields = self._current[2] if self._current else None
            if fields is not None and attrs["name"] != "csrfmiddlewaretoken":
                fields[attrs["name"]] = attrs.get("type", tag)
            # hx-post / formaction buttons post the same fields elsewhere: the form's own action
            # is enough here

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _route_name(path, fallback):
    if not path:
        return fallback
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _denied(response):
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        "/cont/login/" in location or "/admin/login/" in location
    )


def _walk_order(route):
    # signing out and deleting go last, so the rest of the walk keeps its user and its objects
    ending = route.name in ("account_logout", "admin:logout") or route.name.endswith("_delete")
    return (ending, route.is_admin)


class _SignedIn:
    """The walk's client, signed in as its user again only after a response touched the session
    cookie (signing out, a session flushed or cycled): signing in before every request was a fifth
    of the walk's time."""

    def __init__(self, user):
        self.client = PortalClient(raise_request_exception=False)
        self.user = user
        self.stale = True

    def request(self, method, url, payload=None):
        if self.stale:
            sign_in(self.client, self.user)
        response = (self.client.get if method == "GET" else self.client.post)(url, payload or {})
        self.stale = (
            self.user is not None and django_settings.SESSION_COOKIE_NAME in response.cookies
        )
        return response


def walk(kind, draw, world, routes_to_walk, *, rounds=1):
    """Walk the routes as ``kind``; return the responses that were server errors.

    The pages are opened (and their forms read) once; ``rounds`` sets of hostile values are then
    drawn and sent to every reachable route.
    """
    users, objects = world
    session = _SignedIn(users[kind])
    ordered = sorted(routes_to_walk, key=_walk_order)

    # 1. open every page; read the forms that point at each route
    failures = []
    reachable, fields = [], {route.name: {"get": {}, "post": {}} for route in ordered}
    column = KINDS.index(kind)
    for route in ordered:
        expected = expected_for(route.name)
        if expected is not None and expected[column] in REFUSED:
            continue  # the permission sweep checks the refusal; the view never sees the input
        url = url_for(route, objects)
        response = session.request("GET", url)
        _check(response, failures, f"{kind} GET {route.name}")
        if _denied(response):
            continue
        reachable.append((route, url, response.status_code == 405))
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode("utf-8", "replace"))
        for action, method, form_fields in parser.forms:
            target = _route_name(action, route.name)
            if target in fields:
                fields[target]["post" if method == "post" else "get"].update(form_fields)

    # 2. send hostile values to every reachable route, in the fields its forms send; pages first,
    # then the POST-only actions (cancel, withdraw…), which may change what the pages show
    reachable.sort(key=lambda entry: entry[2])
    for _round in range(rounds):
        _send_hostile_values(session, kind, draw, objects, reachable, fields, failures)
    return failures


def _send_hostile_values(session, kind, draw, objects, reachable, fields, failures):
    # One set of values per round, sent to every route: drawing per route asked Hypothesis for
    # thousands of values in one example (the superuser walks 469 patterns), which overran its
    # buffer, so it threw the walk away and started it again, for half an hour.
    values = [
        (label, draw(id_values, label=f"{label}: ids"), draw(text_values, label=f"{label}: texts"))
        for label, id_values, text_values in ROUNDS
    ]
    not_a_number = draw(NOT_A_NUMBER, label="url arguments")
    for route, url, post_only in reachable:
        get_fields, post_fields = fields[route.name]["get"], fields[route.name]["post"]
        accepts_post = post_only or bool(post_fields)
        if route.is_admin and not route.name.endswith(("_add", "_change")):
            post_fields = {}  # Django's own delete and history pages: opening them is enough
        elif accepts_post and not post_fields:
            post_fields = {"x": "text"}
        requests = []
        for label, ids, texts in values:
            if get_fields:
                requests.append((label, "GET", url, _payload(get_fields, ids, texts)))
            if post_fields:
                requests.append((label, "POST", url, _payload(post_fields, ids, texts)))
        hostile_url = _hostile_url(route, objects, not_a_number)
        if hostile_url is not None:
            requests.append(("URL arguments", "GET", hostile_url, {}))
            if accepts_post:
                requests.append(("URL arguments", "POST", hostile_url, {}))
        for label, method, target, payload in requests:
            response = session.request(method, target, payload)
            _check(response, failures, f"{kind} {method} {route.name} [{label}]")


def _check(response, failures, what):
    if response.status_code >= 500:
        error = response.exc_info[1] if response.exc_info else response.status_code
        failures.append(f"{what}: {type(error).__name__}: {str(error)[:160]}")


def _payload(fields, ids, texts):
    payload = {}
    for name, input_type in fields.items():
        if input_type == "file":
            payload[name] = SimpleUploadedFile(f"{texts[:40]}.pdf", PDF, "application/pdf")
        else:
            payload[name] = ids if input_type in ID_INPUTS else texts
    return payload


def _hostile_url(route, objects, value):
    """The route's URL with its arguments replaced by hostile ones the URL pattern still matches
    (a huge number for <int:…>, the drawn value for text arguments)."""
    if not route.kwargs or route.is_admin:
        return None
    arguments = arguments_for(route, objects)
    replaced = {
        name: value if isinstance(arguments[name], str) else str(10**30) for name in route.kwargs
    }
    try:
        return url_for(route, objects, **replaced)
    except NoReverseMatch:
        return None


@pytest.fixture
def world(db):
    return make_world()


def _walk_test(kind, data, world, *, rounds=1):
    failures = walk(kind, data.draw, world, routes(), rounds=rounds)

    assert failures == [], "\n".join(failures)


HYPOTHESIS = {
    # no shrinking: each example walks the whole portal, and the report lists every failure
    "phases": [Phase.explicit, Phase.reuse, Phase.generate],
    "deadline": None,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=1, derandomize=True, **HYPOTHESIS)
@given(data=st.data())
def test_no_server_error_on_any_input(kind, world, data):
    _walk_test(kind, data, world)


# More sets of values, on the portal's own pages: the admin's 250 generated pages (a fifth of the
# suite's time as a superuser) get the three classes of values once, in the test above. In CI three
# sets; PULS_HOSTILE_ROUNDS=20 for a deeper sweep before a release.
MANY_ROUNDS = int(os.environ.get("PULS_HOSTILE_ROUNDS", "3"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=1, **HYPOTHESIS)
@given(data=st.data())
def test_no_server_error_on_any_input_many_draws(kind, world, data):
    portal_pages = [route for route in routes() if not route.is_admin]
    failures = walk(kind, data.draw, world, portal_pages, rounds=MANY_ROUNDS)

    assert failures == [], "\n".join(failures)

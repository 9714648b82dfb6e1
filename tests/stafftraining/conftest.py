"""Staff-training tests keep uploaded curricula in a private storage of their own."""

from tests.documents.conftest import private_root  # noqa: F401 - the autouse fixture

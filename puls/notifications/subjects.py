"""E-mail subjects that are always one clean line, whatever text (a vacancy title, a name) goes in."""

import unicodedata

SUBJECT_MAX_LENGTH = 255  # OutgoingEmail.subject


def email_subject(text, *, max_length=SUBJECT_MAX_LENGTH):
    """``text`` as a safe subject: one line, visible characters, at most ``max_length``.

    A CR or LF makes Django refuse the message (BadHeaderError: the e-mail would never go) and,
    in a mailer that accepted it, would start a new header. Line breaks and other control
    characters become spaces, invisible format characters (bidi overrides, zero width) go, runs of
    spaces collapse, and a text too long is cut with an ellipsis.
    """
    characters = []
    for character in str(text):
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp"):
            characters.append(" ")
        elif category != "Cf":
            characters.append(character)
    subject = " ".join("".join(characters).split())
    if len(subject) > max_length:
        subject = subject[: max_length - 1].rstrip() + "…"
    return subject

"""The centre's call sentence ("Mời công dân có số thứ tự {number} đến quầy số {counter}"):
its check and how it is filled in, once for every reader of it: the hall TV fills it
with the numbers read out as words (display_app.announce.text), a message to a phone
with the numbers as they are printed (server.notify.texts)."""

import string

DEFAULT_TEMPLATE = "Mời công dân có số thứ tự {number} đến quầy số {counter}"
_FIELDS = frozenset({"number", "counter"})


def check_template(template: str) -> None:
    """Raise ValueError unless the template uses only {number} and {counter} fields."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:  # unbalanced braces
        raise ValueError(f"bad announcement template {template!r}: {exc}") from exc
    unknown = fields - _FIELDS
    if unknown:
        raise ValueError(
            f"bad announcement template {template!r}: unknown fields {sorted(unknown)}; "
            "use {number} and {counter}"
        )


def fill_template(template: str, number: str, counter: str) -> str:
    """The sentence with `number` and `counter` put in as given, whitespace collapsed.

    >>> fill_template(DEFAULT_TEMPLATE, "1023", "5")
    'Mời công dân có số thứ tự 1023 đến quầy số 5'
    """
    check_template(template)
    return " ".join(template.format(number=number, counter=counter).split())

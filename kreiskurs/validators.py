"""Validators shared by every app.

:data:`validate_path_code` guards every value that becomes one segment of a URL (an indicator's code in
``/<district>/indikatoren/<code>/``): a ``/`` would make every page linking the row fail with NoReverseMatch, a
``.``/``..`` segment would be folded away by browsers, and control characters (NUL) break PostgreSQL. Model
fields carry it, so the form, the service (``full_clean``) and the file import all refuse such a value with the
same message. Slugs (districts, municipalities, maturity dimensions) are ``SlugField``s and already safe.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

__all__ = ["PATH_CODE_PATTERN", "validate_path_code"]

#: a letter, digit or underscore first, then also ``.`` and ``-``
PATH_CODE_PATTERN = r"^\w[\w.-]*\Z"

validate_path_code = RegexValidator(
    PATH_CODE_PATTERN,
    message=_(
        "Nur Buchstaben, Ziffern, Punkt, Bindestrich und Unterstrich, am Anfang ein Buchstabe oder eine Ziffer "
        "(das Kürzel wird Teil der Adresse; zum Beispiel „I-1.2“)."
    ),
    code="path_code",
)

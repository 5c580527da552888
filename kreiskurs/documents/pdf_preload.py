"""Imported by the fork server of the PDF's layout processes (``pdf_parts``): warms it once.

Its forks inherit WeasyPrint, the fonts and pyphen's German patterns already loaded
(``pdf_worker.warm``), so a layout process starts in milliseconds instead of about 3 s.
"""

from . import pdf_worker

pdf_worker.warm()

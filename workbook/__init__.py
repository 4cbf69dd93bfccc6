"""Mentor Workbook: a guided terminal workbook for mentoring relationships.

The ``workbook`` package is the core (models, content engine, store, exports, command line).
It never imports Textual; the user interface lives in ``screens`` (the App class is :mod:`screens.app`).
"""

__version__ = "0.1.0"

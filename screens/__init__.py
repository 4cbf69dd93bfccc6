"""Textual screens and widgets of Mentor Workbook (styles live in ``.tcss`` files beside them)."""

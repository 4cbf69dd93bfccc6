"""The content packs bundled with Mentor Workbook (Markdown folders; no code lives here)."""

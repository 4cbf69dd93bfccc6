"""The programme coordinator's report: every pair of a programme at a glance, read from a folder
of relationship files (``mentor-workbook report``).

The parts, each a module of its own:

* :mod:`~workbook.report.files`: which files under the folder are relationship files;
* :mod:`~workbook.report.reading`: reads them one at a time (read-only, no lock), merges two
  copies of one relationship in memory and keeps one small row per pair;
* :mod:`~workbook.report.columns`: every column once (name, heading, meaning, how it is
  computed), the one list all formats and the README come from;
* :mod:`~workbook.report.programme`: the programme summary above the rows;
* :mod:`~workbook.report.document`: the rows, problems and summary every format writes;
* :mod:`~workbook.report.formats` and the ``render_*`` modules: table, Markdown, CSV, JSON
  and HTML (with :mod:`~workbook.report.svg` charts), cells written by
  :mod:`~workbook.report.cells`;
* :mod:`~workbook.report.output`: where ``-o FILE`` is written;
* :mod:`~workbook.report.home_line`: the home screen's summary line of one's own relationships.

Nothing here writes to a relationship file, and nothing private is ever shown: check-in
answers appear only when shared (:class:`~workbook.privacy.PrivacyRule`), everything else is a
count, a date or a state.
"""

DEFAULT_NO_MEETING_AFTER = 2
"""Days after matching by which a pair should have held a first session (the coding-academy
guide asks the mentor to tell the programme when no message came within a couple of days):
``report --no-meeting-after``'s default."""

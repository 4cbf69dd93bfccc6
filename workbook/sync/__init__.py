"""Keeping both sides of a relationship in step through a folder they already sync.

Most mentors and mentees already have a folder that a sync service keeps the same on both
machines (Dropbox, OneDrive, Google Drive, Syncthing, a programme's shared drive). This package
uses it as the only channel between the two workbooks, with no server, account or network code
of ours:

* :mod:`workbook.sync.links` — which relationship is kept in step through which folder, and what
  was last merged from it. Kept on this machine only (a path means nothing on the other one).
* :mod:`workbook.sync.folder` — what is in the folder: this side's copy, copies to look at, and
  the leftovers sync services and downloads make (partial files, temporary files, backups).
* :mod:`workbook.sync.copies` — reading one candidate file: a complete, valid copy of the same
  relationship, or one line saying why it is left alone. Never a crash.
* :mod:`workbook.sync.writing` — this side's copy, ``DIR/<slug>.<role>.json``: nothing private,
  written atomically through :mod:`workbook.outputs`, rewritten only when it would change.
* :mod:`workbook.sync.staging` — a merge worked out off the UI thread on a scratch copy, then
  carried into the open workbook item by item (so merging never blocks typing).
* :mod:`workbook.sync.rounds` — one sync: merge what is new in the folder, write this side's
  copy, remember what was merged; and the first set-up (linking, or taking the other side's copy
  from the folder as this machine's relationship).

Each side only ever writes its own file, so a sync service never sees two machines writing one
file (which is when such services make "conflicted copy" files). What is new is decided by the
content (a hash of the bytes, then the version clocks of every item), never by a file's time:
the two machines' clocks may differ by minutes and a folder may be offline for days. A copy
found in the folder is untrusted like any received copy: it is merged with the merge authority
rules (:mod:`workbook.authority`), so it changes only what the other side owns.
"""

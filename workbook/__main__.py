"""``python -m workbook`` runs the same command line as ``mentor-workbook``."""

from workbook.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Child-process scripts and small helpers shared by the foundation tests."""

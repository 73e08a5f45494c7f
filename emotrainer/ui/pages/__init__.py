"""The pages shown in the main window."""

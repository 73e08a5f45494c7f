"""Everything Qt: the application, the main window, pages and widgets."""

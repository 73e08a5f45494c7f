"""Local storage over stdlib sqlite3: no Qt here. The Store is the way in."""

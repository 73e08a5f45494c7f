"""Pure-Python heart of emotrainer: no Qt, no storage. Tested without a display."""

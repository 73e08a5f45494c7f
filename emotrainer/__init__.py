"""emotrainer: practise noticing and naming feelings. Everything stays local."""

__version__ = "0.1.0"
APP_NAME = "emotrainer"
APP_ID = "io.github.emotrainer.Emotrainer"  # never changes once released (docs/packaging.md)

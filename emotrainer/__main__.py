"""`python -m emotrainer`: the same as the `emotrainer` command."""

import sys

from emotrainer.cli import main

sys.exit(main())

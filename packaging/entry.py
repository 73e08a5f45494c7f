"""The frozen app's entry point (packaging/emotrainer.spec): the same main()."""

import sys

from emotrainer.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Start Modulor: ``python main.py`` opens the configurator; ``--help`` lists the commands."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

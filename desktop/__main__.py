"""`python -m desktop` is the `lectern` command."""

import sys

from desktop.launcher import main

sys.exit(main())

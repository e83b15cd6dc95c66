"""``python -m edueval`` is the ``edueval`` command."""
import sys

from .cli import main

sys.exit(main())

import sys

from ses_decider.cli import main

sys.exit(main())

"""The ``egovrank`` command.

``egovrank score ...`` runs the scoring core alone (no database, no Django).
Anything else is handed to Django's management commands, so ``egovrank migrate`` or
``egovrank runserver`` work as ``manage.py`` would.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "score":
        from egovrank.scoring import score_command

        parser = argparse.ArgumentParser(
            prog="egovrank score",
            description="Score and rank one block from a criteria set and an answers CSV.",
        )
        score_command.add_arguments(parser)
        return score_command.run(parser.parse_args(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovrank.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egovrank", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())

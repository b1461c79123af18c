"""The `phapluat` console script: everything manage.py does, plus our own commands.

`phapluat bench NAME ...` runs the management command `bench_NAME` (benchmarks live in their apps).
"""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phapluat.settings")
    if len(argv) > 2 and argv[1] == "bench":
        argv = [argv[0], f"bench_{argv[2].replace('-', '_')}", *argv[3:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

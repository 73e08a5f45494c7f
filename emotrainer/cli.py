"""The command line: argument parsing → paths → storage → (window or command).

A stable contract (SPEC §4.6). Exit codes: 0 success, 1 unexpected error,
2 bad input, with a one-line reason on stderr naming the file and the place.
Qt is imported only for the window, ``screenshot``, ``export --format pdf`` and ``--self-test``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from emotrainer import __version__

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("emotrainer.cli")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="emotrainer",
        description="Practise noticing and naming feelings. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"emotrainer {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where your data lives (default: the platform's user data folder;"
        " also EMOTRAINER_DATA_DIR)",
    )
    parser.add_argument(
        "--exit-after-start",
        action="store_true",
        help="open the window, wait until it is painted, exit (for measuring)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the app offscreen in a fresh temporary folder (never your data), "
        "open every page and exercise, exit 0 when all works",
    )
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default=None,
        help="colour theme for this run",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    doctor = commands.add_parser("doctor", help="paths, schema version, integrity, counts")
    doctor.add_argument("--json", action="store_true")
    words = commands.add_parser("words", help="the feelings vocabulary")
    words.add_argument("--json", action="store_true")
    stats = commands.add_parser("stats", help="your progress as numbers")
    stats.add_argument("--json", action="store_true")

    demo = commands.add_parser("demo-data", help="write a realistic synthetic history")
    demo.add_argument("--days", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    export = commands.add_parser(
        "export", help="write your data, or a report of chosen days, to a file"
    )
    export.add_argument(
        "--format",
        choices=("json", "csv", "report", "pdf"),
        required=True,
        help="json: everything, losslessly (for import); csv: one row per feeling named; "
        "report: a .emoreport file a therapist can open read-only; "
        "pdf: the same report to read and print",
    )
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="the first local day (included)"
    )
    export.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="the last local day (included)"
    )
    export.add_argument(
        "--include-notes",
        action="store_true",
        help="put your notes in a report or CSV (a full JSON export always holds everything)",
    )

    imp = commands.add_parser(
        "import", help="add data from a file; a failed import changes nothing"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--format",
        choices=("auto", "json", "homework", "daylio-csv", "daylio-backup"),
        default="auto",
        help="auto: .emohw is a homework plan, .daylio or a CSV is Daylio's history, "
        "JSON an emotrainer export",
    )

    shot = commands.add_parser("screenshot", help="render a page offscreen to a PNG file")
    shot.add_argument("page", metavar="PAGE")
    shot.add_argument("--out", required=True, metavar="FILE.png")
    shot.add_argument("--size", default="1000x700", metavar="WxH")
    shot.add_argument("--theme", dest="shot_theme", choices=("light", "dark"), default="light")

    homework = commands.add_parser("homework", help="homework plan files (.emohw)")
    homework_commands = homework.add_subparsers(
        dest="homework_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    validate = homework_commands.add_parser(
        "validate", help="check a plan file; exit 2 with the reason if it is not valid"
    )
    validate.add_argument("file", metavar="FILE")

    commands.add_parser("backups", help="list the automatic backups")
    restore = commands.add_parser("restore", help="put a backup in place of the current data")
    restore.add_argument("backup", metavar="BACKUP", help="a backup's file name (see 'backups')")
    return parser


THEMES = ("system", "light", "dark")


def parse_window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's own options, read by hand; None for anything else.

    The common start is ``emotrainer`` with at most these options. argparse
    would cost more here than it does for commands (it looks up translations
    for its messages while building), so anything unusual goes to it instead,
    with its full help and error messages.
    """
    options = argparse.Namespace(command=None, data_dir=None, exit_after_start=False, theme=None)
    items = list(argv)
    while items:
        item = items.pop(0)
        name, has_value, value = item.partition("=")
        if item == "--exit-after-start":
            options.exit_after_start = True
            continue
        if name not in ("--data-dir", "--theme"):
            return None
        if not has_value:
            if not items or items[0].startswith("-"):
                return None
            value = items.pop(0)
        if name == "--theme" and value not in THEMES:
            return None
        setattr(options, name[2:].replace("-", "_"), value)
    return options


def parse(argv: Sequence[str]) -> argparse.Namespace:
    options = parse_window_options(argv)
    if options is not None:
        return options
    return build_parser().parse_args(argv)  # the full parser, with its messages


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else list(argv))
    if getattr(args, "self_test", False):
        from emotrainer import selftest  # its own temporary folder: no paths, no logs

        return selftest.run()
    from emotrainer import logs, paths  # after parsing: --help stays instant

    app_paths = paths.resolve(args.data_dir)
    logs.setup(app_paths.log_dir)
    if args.command is None:
        try:
            # The Qt-free modules first: once PySide6 is imported, its import hook
            # inspects the source of every module imported after it.
            import emotrainer.content
            import emotrainer.storage.store  # noqa: F401
            from emotrainer.ui.app import run  # the window handles its own errors

            return run(app_paths, exit_after_start=args.exit_after_start, theme_choice=args.theme)
        finally:
            logs.teardown()
    from emotrainer import commands  # only the commands pay for their imports

    try:
        return commands.dispatch(args, app_paths)
    except commands.KNOWN_ERRORS as exc:
        print(f"emotrainer: {exc}", file=sys.stderr)
        log.info("refused: %s", type(exc).__name__)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`emotrainer stats | head`): not a bug. Point stdout at
        # nothing so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("unexpected error")
        print(
            "emotrainer: unexpected error (a bug); details are in the log folder "
            f"{app_paths.log_dir}",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        logs.teardown()


def main_gui() -> int:
    """The console-less launcher (Windows gui-script): the same program."""
    return main()

"""The command line: ``resilience`` plays; subcommands run the simulator and other tools.

Errors in user input (unknown names, malformed scenarios) print one clean message and exit 1
(2 for usage errors), never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from game import __version__
from game.ai.policies import POLICIES
from game.cli_help import SAVES_DIR_HELP, SCENARIOS_DIR_HELP, add_bare_options
from game.engine import GameError, Scenario, ScenarioError
from game.lab.commands import register as register_lab
from game.lab.common import difficulty_of
from game.safe_text import clean, text
from game.scenarios import DEFAULT_SCENARIO, load, origin_label, scenario_path


def _load(name: str, dirs: list[Path] | None = None) -> Scenario:
    return load(scenario_path(name, dirs))


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    from game.sim.demo import run_demo

    scenario = _load(args.scenario, _dirs(args))
    run_demo(scenario, difficulty_of(scenario, args.difficulty), args.seed, console)
    return 0


def cmd_validate(args: argparse.Namespace, console: Console) -> int:
    from game.authoring.validate import validate_files

    dirs = _dirs(args)
    files = [Path(f) if Path(f).exists() else scenario_path(f, dirs) for f in args.files]
    code, lines = validate_files(files, args.check_balance)
    for line in lines:
        problem = code != 0 and not re.search(r": (ok|warning|balance|suggestion)\b", line)
        print(clean(line), file=sys.stderr if problem else sys.stdout)
    return code


def cmd_scenarios(args: argparse.Namespace, console: Console) -> int:
    from game.scenarios import discover

    table = Table(title=Text("Scenarios"), show_lines=True)
    table.add_column("name", no_wrap=True)
    for col in ("title", "turns", "allies", "briefing"):
        table.add_column(col, overflow="fold")
    for found in discover(_dirs(args)):
        name = text(f"{found.name}\n({origin_label(found)})")
        try:
            s = load(found.path)
        except ScenarioError as exc:
            first = exc.problems[0].format(exc.file)
            table.add_row(name, Text("INVALID", style="bold red"), "", "", text(first))
            continue
        line = s.briefing.split(". ")[0].rstrip(".") + "."
        table.add_row(name, text(s.title), Text(f"{s.turns}"), Text(f"{len(s.allies)}"), text(line))
    console.print(table)
    return 0


def cmd_new_scenario(args: argparse.Namespace, console: Console) -> int:
    from game.authoring.template import write_template

    path = Path(args.path)
    write_template(path, force=args.force)
    message = f"wrote {path}; check it with: resilience validate --check-balance {path}"
    console.print(text(message), soft_wrap=True)
    return 0


def cmd_schema(args: argparse.Namespace, console: Console) -> int:
    import json

    from game.authoring.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2, sort_keys=True))
    return 0


def cmd_autoplay(args: argparse.Namespace, console: Console) -> int:
    from game.ai.policies import policy
    from game.saves.autoplay import autoplay
    from game.saves.location import save_target
    from game.saves.store import safe_name, write_save
    from game.scenarios import load_data

    path = scenario_path(args.scenario, _dirs(args))
    scenario = load(path)
    difficulty = difficulty_of(scenario, args.difficulty)
    policy(args.policy)
    target = save_target(args.save, args.saves_dir)
    save = autoplay(
        scenario, load_data(path), args.policy, difficulty, args.seed, safe_name(target.stem)
    )
    write_save(save, target)
    o = save.state.outcome
    assert o is not None
    print(clean(f"wrote {target}: {o.tier}, coalition score {o.score:.1f} ({o.reason})"))
    return 0


def cmd_load(args: argparse.Namespace, console: Console) -> int:
    from game.saves.store import find_save, load_save, summary_line

    loaded = load_save(find_save(args.file, args.saves_dir), explain=not args.check)
    if args.check:
        print(clean(summary_line(loaded)))
        return 0
    from game.session import Session
    from game.tui.app import ResilienceApp
    from game.tui.crash import run_app

    folder = Path(args.saves_dir) if args.saves_dir else None
    session = Session.from_loaded(loaded, folder)
    return run_app(ResilienceApp(saves_dir=folder, session=session))


def cmd_replay(args: argparse.Namespace, console: Console) -> int:
    from game.saves.store import find_save, load_save
    from game.session import Session
    from game.tui.app import ResilienceApp
    from game.tui.crash import run_app

    folder = Path(args.saves_dir) if args.saves_dir else None
    loaded = load_save(find_save(args.file, args.saves_dir), explain=True)
    session = Session.from_loaded(loaded, folder)
    return run_app(ResilienceApp(saves_dir=folder, session=session, replay=True))


def cmd_saves(args: argparse.Namespace, console: Console) -> int:
    from game.saves.listing import listing_text
    from game.saves.store import list_saves

    infos = list_saves(args.saves_dir, include_autosaves=True)
    console.print(listing_text(infos, autosaves=args.autosaves), end="")
    return 0


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from game.report import write_report

    write_report(args.file, args.format, args.output, args.saves_dir)
    if args.output:
        print(clean(f"wrote {args.output}"))
    return 0


def _dirs(args: argparse.Namespace) -> list[Path]:
    return [Path(d) for d in getattr(args, "scenarios_dir", None) or []]


def cmd_play(args: argparse.Namespace, console: Console) -> int:
    from game.tui.app import ResilienceApp
    from game.tui.crash import run_app

    folder = Path(args.saves_dir) if args.saves_dir else None
    ai_policy = None
    if args.ai_policy:
        from game.lab.specs import check

        ai_policy = check(args.ai_policy)
    app = ResilienceApp(
        scenarios_dirs=_dirs(args), hints=not args.no_hints, saves_dir=folder, ai_policy=ai_policy
    )
    return run_app(app)


def _folder_name(value: str) -> str:
    """A folder given on the command line: refused when empty (it would mean ``.``)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the folder name is empty")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``resilience`` command."""
    parser = argparse.ArgumentParser(
        prog="resilience",
        description="Collective Resilience: a strategy wargame of economic security.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"resilience {__version__}",
        help="print the version",
    )
    add_bare_options(parser)
    sub = parser.add_subparsers(dest="command")

    register_lab(sub)  # simulate, tournament, sweep, stress (game/lab)

    play = sub.add_parser("play", help="play in the terminal (the default)")
    play.add_argument("--no-hints", action="store_true", help="start without first-game tips")
    play.add_argument(
        "--ai-policy",
        metavar="SPEC",
        help="the AI allies' policy offered first: a name, FILE.py:FUNCTION or module:FUNCTION",
    )
    play.set_defaults(func=cmd_play)

    demo = sub.add_parser("demo", help="watch one game played by AI governments, turn by turn")
    demo.add_argument("--scenario", default=DEFAULT_SCENARIO)
    demo.add_argument("--difficulty", default=None)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo)

    val = sub.add_parser("validate", help="check scenario files and report every problem")
    val.add_argument("files", nargs="+", metavar="FILE", help="a .toml file or a scenario name")
    val.add_argument(
        "--check-balance",
        action="store_true",
        help="also play a few dozen quick games: warn when coordinated play wins under 20%% or "
        "over 80%% of them, or passive play wins at all",
    )
    val.set_defaults(func=cmd_validate)

    lst = sub.add_parser(
        "scenarios", help="list the scenarios found (shipped, user, --scenarios-dir)"
    )
    lst.set_defaults(func=cmd_scenarios)

    new = sub.add_parser("new-scenario", help="write a commented starter scenario file")
    new.add_argument("path", metavar="PATH")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(func=cmd_new_scenario)

    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.set_defaults(func=cmd_schema)

    auto = sub.add_parser("autoplay", help="play a whole game with AI governments and save it")
    auto.add_argument("--scenario", default=DEFAULT_SCENARIO, help="shipped name or .toml path")
    auto.add_argument("--policy", default="coordinated", help=", ".join(sorted(POLICIES)))
    auto.add_argument("--difficulty", default=None, help="level id or label (easy, normal, hard)")
    auto.add_argument("--seed", type=int, default=1)
    auto.add_argument(
        "--save",
        required=True,
        metavar="NAME_OR_PATH",
        help="a name (saved in the saves folder) or a path such as /tmp/x.json (written there)",
    )
    auto.set_defaults(func=cmd_autoplay)

    load = sub.add_parser("load", help="resume a saved game (its log is replayed and checked)")
    load.add_argument("file", metavar="FILE", help="save file, or a save name in --saves-dir")
    load.add_argument("--check", action="store_true", help="only check the save and summarise it")
    load.set_defaults(func=cmd_load)

    replay = sub.add_parser("replay", help="watch a saved game turn by turn; branch from any turn")
    replay.add_argument("file", metavar="FILE", help="save file, or a save name in --saves-dir")
    replay.set_defaults(func=cmd_replay)

    saves = sub.add_parser("saves", help="list the saves with scenario, turn, teams and date")
    saves.add_argument("--autosaves", action="store_true", help="include autosaves")
    saves.set_defaults(func=cmd_saves)

    report = sub.add_parser("report", help="write the after-action report of a save")
    report.add_argument("file", metavar="FILE", help="save file, or a save name in --saves-dir")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("-o", "--output", metavar="OUT", help="write here (default: print)")
    report.set_defaults(func=cmd_report)

    from game.authoring.show import register as register_show
    from game.seminar.export import register as register_export

    export = register_export(sub)

    register_show(sub, SCENARIOS_DIR_HELP)

    for p in (auto, load, report, play, replay, saves, export):
        p.add_argument("--saves-dir", metavar="DIR", type=_folder_name, help=SAVES_DIR_HELP)

    for p in (demo, lst, play, auto, val):
        p.add_argument("--scenarios-dir", action="append", metavar="DIR", help=SCENARIOS_DIR_HELP)
    return parser


def _command_first(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """``resilience --saves-dir DIR load NAME`` read as ``resilience load NAME --saves-dir DIR``:
    the bare command's options (--saves-dir, --scenarios-dir, --no-hints) written before a
    subcommand go after it, where the subcommand's own parser takes (or refuses) them."""
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    i = 0
    while i < len(argv):
        name, has_value, _ = argv[i].partition("=")
        if name == "--no-hints" and not has_value:
            i += 1
        elif name in ("--saves-dir", "--scenarios-dir"):
            i += 1 if has_value else 2
        else:
            break
    if 0 < i < len(argv) and argv[i] in commands:
        return [argv[i], *argv[:i], *argv[i + 1 :]]
    return argv


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``resilience`` command."""
    parser = build_parser()
    argv = _command_first(list(sys.argv[1:] if argv is None else argv), parser)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]  # `resilience --saves-dir DIR` plays, like `resilience`
    args = parser.parse_args(argv)
    console = Console()
    try:
        return args.func(args, console)
    except ScenarioError as exc:
        for p in exc.problems:
            print(clean(p.format(exc.file)), file=sys.stderr)
        return 1
    except GameError as exc:
        print(clean(f"resilience: {exc}"), file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(clean(f"resilience: cannot use{where}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

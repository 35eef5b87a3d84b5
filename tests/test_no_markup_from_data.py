"""No markup is built from data by string formatting: the code is scanned for it.

Rich and Textual parse a plain ``str`` as markup in many places (``console.print``, table
cells and titles, ``Static``, ``Label``, ``Button``, ``Option``, ``notify``...). A string made
by formatting (an f-string with a value, ``.format``, ``%``, ``+``) passed there would let a
scenario title such as ``[/]`` crash a screen, or ``[link=...]`` restyle it. Such text must go
through ``game.safe_text.text`` (a Rich ``Text``, never parsed) instead; a literal string is
fine. ``clean()`` alone is not enough where markup is parsed: it returns a ``str``.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"

# Callables that parse a str argument as markup (by name, or as a method's name).
SINKS = {
    "print", "rule", "log", "update", "notify", "add_row", "add_column", "add_option",
    "add_options", "set_options", "Static", "Label", "Button", "RadioButton", "Checkbox",
    "Option", "Selection", "Table", "Panel", "Tab", "from_markup", "Toast", "Rule",
}  # fmt: skip
KEYWORDS = {"title", "label", "message", "prompt", "caption", "renderable", "subtitle"}
TITLES = {"title", "sub_title", "border_title", "border_subtitle"}


def formatted(node: ast.AST) -> bool:
    """Whether an expression builds a str from values by formatting (or is ``clean(...)``)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        if isinstance(node.op, ast.Mod):
            return isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)
        return formatted(node.left) or formatted(node.right) or _is_str(node.left)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("format", "clean", "str", "repr"):
            return True
        if name == "join":
            return any(formatted(a) for a in node.args)
    if isinstance(node, ast.Tuple | ast.List):
        return any(formatted(e) for e in node.elts[:1])  # (label, id) pairs: the label
    if isinstance(node, ast.IfExp):
        return formatted(node.body) or formatted(node.orelse)
    return False


def _is_str(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _sink_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def markup_from_data(source: str, filename: str) -> list[str]:
    """``file:line: call`` for every formatted str passed where markup is parsed."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            name = _sink_name(node)
            if name not in SINKS:
                continue
            if name == "print" and isinstance(node.func, ast.Name):
                continue  # the builtin print: no markup (control characters: see test_hostile)
            if any(k.arg == "markup" for k in node.keywords):
                continue  # markup=False said explicitly
            args = [*node.args, *(k.value for k in node.keywords if k.arg in KEYWORDS)]
            if any(formatted(a) for a in args):
                found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:90]}")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in TITLES
                    and formatted(node.value)
                ):
                    found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_the_scan_finds_what_it_should() -> None:
    bad = (
        "console.print(f'{s.title}')\n"
        "Static(f'turn {n}: {title}')\n"
        "self.notify('loaded ' + name)\n"
        "table.add_row(clean(x))\n"
        "self.title = f'{x}'\n"
        "x.add_option((f'{a.name}', a.id))\n"
        "self.notify(str(exc))\n"
    )
    good = (
        "console.print(text(f'{s.title}'))\n"
        "Static(Text(f'turn {n}'))\n"
        "self.notify(f'loaded {name}', markup=False)\n"
        "print(f'{x}')\n"
        "Static('literal [b]markup[/b] is fine')\n"
        "self.title = 'Collective Resilience'\n"
    )
    assert len(markup_from_data(bad, "bad.py")) == 7
    assert markup_from_data(good, "good.py") == []


def test_no_markup_is_built_from_data_by_string_formatting() -> None:
    found = []
    for path in sorted(GAME.rglob("*.py")):
        if "engine" in path.parts:
            continue  # the engine prints nothing
        found += markup_from_data(path.read_text(encoding="utf-8"), str(path.relative_to(GAME)))
    assert not found, "use game.safe_text.text(...) (or markup=False):\n" + "\n".join(found)

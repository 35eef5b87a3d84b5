"""New game: scenario (with its briefing), who plays which government, difficulty, seed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    OptionList,
    RadioSet,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.ai.policies import POLICIES
from game.engine import GameError, Scenario, ScenarioError
from game.scenarios import DEFAULT_SCENARIO, discover, load, load_data, origin_label
from game.session import Session
from game.tui.access import app_of
from game.tui.widgets.facilitator_setup import FacilitatorSetup
from game.tui.widgets.ticks import Radio, TickList

# The AI policies offered for the governments nobody plays: (policy name, label).
AI_CHOICES = ("coordinated", "planner", "unilateral", "passive", "decouple", "random")
# How a shipped policy is labelled where its name alone would not say enough.
AI_LABELS = {"planner": "planner (strong)"}


class NewGameScreen(Screen[None]):
    """Choose everything a game needs, then start it."""

    DEFAULT_CSS = """
    NewGameScreen VerticalScroll { padding: 0 1; }
    NewGameScreen .columns { height: auto; }
    NewGameScreen .column { width: 1fr; height: auto; padding-right: 1; }
    NewGameScreen #scenario-list { height: 8; }
    NewGameScreen #briefing { height: auto; margin-bottom: 1; }
    NewGameScreen #humans { height: 8; }
    NewGameScreen #difficulty-info { height: auto; color: $text-muted; margin-bottom: 1; }
    NewGameScreen #seed { width: 20; }
    NewGameScreen #start { margin: 1 0; }
    NewGameScreen #problem { color: $error; height: auto; }
    """
    BINDINGS = [("escape", "app.pop_screen", "Back"), ("ctrl+s", "start", "Start")]
    AUTO_FOCUS = "#scenario-list"  # not the scrolling page: arrow keys pick a scenario at once

    def __init__(self, scenarios_dirs: list[Path] | None = None) -> None:
        """``scenarios_dirs``: the ``--scenarios-dir`` folders, searched first."""
        super().__init__()
        self.scenarios: list[tuple[str, Scenario | None, str]] = []
        self.paths: dict[str, Path] = {}
        self.origins: dict[str, str] = {}
        order = ("folder", "user", "built-in")  # an instructor's own scenarios first
        found_all = sorted(discover(scenarios_dirs or []), key=lambda f: order.index(f.origin))
        for found in found_all:
            self.paths[found.name] = found.path
            self.origins[found.name] = origin_label(found)
            try:
                self.scenarios.append((found.name, load(found.path), ""))
            except ScenarioError as exc:
                self.scenarios.append((found.name, None, exc.problems[0].format(exc.file)))
        valid = [s for _, s, _ in self.scenarios if s is not None]
        default = next((s for s in valid if s.id == DEFAULT_SCENARIO), valid[0] if valid else None)
        if scenarios_dirs and valid and found_all[0].origin == "folder" and self.scenarios[0][1]:
            default = self.scenarios[0][1]  # started with --scenarios-dir: its first scenario
        self.scenario: Scenario | None = default

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("New game", style="bold"), classes="panel-title")
            with Horizontal(classes="columns"):
                with Vertical(classes="column"):
                    yield Static(Text("Scenario"), classes="panel-title")
                    options = []
                    for name, scenario, problem in self.scenarios:
                        origin = safe.text(f" · {self.origins[name]}", "grey50", newlines=False)
                        if scenario is None:
                            label = safe.text(f"{name} (invalid: {problem})")
                            options.append(Option(label + origin, id=name, disabled=True))
                        else:
                            options.append(Option(safe.text(scenario.title) + origin, id=name))
                    yield OptionList(*options, id="scenario-list")
                    yield Static(id="briefing")
                with Vertical(classes="column"):
                    yield Static(Text("Governments played by people"), classes="panel-title")
                    yield TickList(id="humans")
                    yield Static(Text("The others are played by the AI policy:"), classes="hint")
                    with RadioSet(id="ai-policy"):
                        for name in self.ai_choices():
                            yield Radio(
                                safe.text(AI_LABELS.get(name, name)),
                                value=name == self.ai_choices()[0],
                                name=name,
                                id=f"ai-{name}" if name in POLICIES else None,
                            )
            yield Static(Text("Difficulty"), classes="panel-title")
            yield RadioSet(id="difficulty")
            yield Static(id="difficulty-info")
            yield Static(
                Text("Seed (the same seed and orders replay the same game)"), classes="hint"
            )
            yield Input(value="1", id="seed", type="integer")
            yield FacilitatorSetup()
            yield Static(id="problem")
            yield Button("Start the game", id="start", variant="primary")
        yield Footer()

    async def on_mount(self) -> None:
        if self.scenario is not None:
            index = next(i for i, (n, s, _) in enumerate(self.scenarios) if s is self.scenario)
            self.query_one("#scenario-list", OptionList).highlighted = index
        await self.show_scenario()

    @on(OptionList.OptionHighlighted, "#scenario-list")
    async def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        for name, scenario, _ in self.scenarios:
            if name == event.option.id and scenario is not None and scenario is not self.scenario:
                self.scenario = scenario
                await self.show_scenario()

    async def show_scenario(self) -> None:
        s = self.scenario
        briefing = self.query_one("#briefing", Static)
        humans = self.query_one("#humans", SelectionList)
        humans.clear_options()
        if s is None:
            briefing.update(Text("No valid scenario found."))
            await self.replace_levels(s)
            return
        name = next(n for n, sc, _ in self.scenarios if sc is s)
        facts = f"{s.turns} {s.turn_label}s · {len(s.allies)} allies · "  # first: never cut
        where = f"{self.paths[name].name} ({self.origins[name]})"
        briefing.update(safe.text(f"{facts}{where}\n\n{s.briefing}"))
        for i, ally in enumerate(s.allies):
            humans.add_option((safe.text(ally.name), ally.id, i == 0))
        humans.highlighted = 0  # rebuilt lists lose their cursor: space would toggle nothing seen
        await self.replace_levels(s)
        self.show_difficulty(s.default_difficulty)

    async def replace_levels(self, s: Scenario | None) -> None:
        """A new level list for ``s``, its default level marked. The list is replaced, not
        refilled: a radio set tracks its marked button only from the buttons it mounts with,
        and a refilled one left the old default marked beside the level chosen."""
        levels = []
        if s is not None:
            for d in s.difficulties:
                label = f"{d.level}. {d.name}" + (f" ({d.label})" if d.label else "")
                levels.append(
                    Radio(safe.text(label), value=d.id == s.default_difficulty, name=d.id)
                )
        await self.query_one("#difficulty", RadioSet).remove()
        box = self.query_one("#difficulty-info", Static)
        radio_set = RadioSet(*levels, id="difficulty")
        await box.parent.mount(radio_set, before=box)  # type: ignore[union-attr]
        for level in levels:  # the cursor starts on the marked level, not the first
            if level.value:
                break
            radio_set.action_next_button()

    def show_difficulty(self, difficulty_id: str) -> None:
        if self.scenario is None:
            return
        chosen = self.scenario.difficulty(difficulty_id).level
        lines = []
        for d in self.scenario.difficulties:
            mark = "✔" if d.level <= chosen else " "
            lines.append(f"{mark} {d.level}. {d.name}: {d.description}")
        info = "Named levels add their changes to those below (✔ in force):\n" + "\n".join(lines)
        self.query_one("#difficulty-info", Static).update(safe.text(info))

    @on(RadioSet.Changed, "#difficulty")
    def difficulty_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.show_difficulty(event.pressed.name)

    def chosen_difficulty(self) -> str:
        pressed = self.query_one("#difficulty", RadioSet).pressed_button
        assert self.scenario is not None
        return pressed.name if pressed and pressed.name else self.scenario.default_difficulty

    def ai_choices(self) -> tuple[str, ...]:
        """The AI policies offered: ``play --ai-policy SPEC`` first (selected), then ours."""
        given = getattr(self.app, "ai_policy", None) if self.is_attached else None
        return (given, *(c for c in AI_CHOICES if c != given)) if given else AI_CHOICES

    def chosen_policy(self) -> str:
        pressed = self.query_one("#ai-policy", RadioSet).pressed_button
        name = pressed.name if pressed and pressed.name else "coordinated"
        return name if name in POLICIES or name in self.ai_choices() else "coordinated"

    def refuse(self, reason: str) -> None:
        """Why the game cannot start: by the Start button, and as a notice, since at 80x24
        the button is below the fold when ctrl+s is pressed."""
        self.query_one("#problem", Static).update(safe.text(reason))
        self.notify(safe.clean(reason), title="Not started", severity="error", markup=False)

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.scenario is None:
            self.refuse("Choose a valid scenario.")
            return
        humans = tuple(self.query_one("#humans", SelectionList).selected)
        if not humans:
            self.refuse("Choose at least one government to play (space toggles).")
            return
        try:
            seed = int(self.query_one("#seed", Input).value or "0")
        except ValueError:
            self.refuse("The seed must be a whole number.")
            return
        order = tuple(a.id for a in self.scenario.allies if a.id in humans)
        name = next(n for n, s, _ in self.scenarios if s is self.scenario)
        try:
            team_names, seminar = self.query_one(FacilitatorSetup).settings(self.scenario, order)
        except (ValueError, GameError) as exc:
            self.refuse(str(exc))
            return
        session = Session.start(
            self.scenario,
            seed,
            self.chosen_difficulty(),
            order,
            self.chosen_policy(),
            data=load_data(self.paths[name]),
            saves_dir=getattr(self.app, "saves_dir", None),
            team_names=team_names,
            seminar=seminar,
        )
        try:
            session.autosave()  # the start of turn 1
        except (GameError, OSError) as exc:
            self.notify(safe.clean(f"autosave failed: {exc}"), severity="warning", markup=False)
        app_of(self).begin(session)

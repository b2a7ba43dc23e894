"""Which ARG and ENV values an instruction can see, as BuildKit scopes them.

ARGs declared before the first FROM ("meta" ARGs) are visible only in FROM lines, unless a stage
declares them again (then without a default they take the meta value). A stage sees its own ARGs
and ENVs, ENV winning over ARG, plus the ENV of the stage it is built FROM.
"""

from __future__ import annotations

from lintdock.model.dockerfile import Instruction


class Scope:
    """The variables in effect at the current point of the file."""

    __slots__ = ("env", "meta", "stage_env", "visible")

    def __init__(self) -> None:
        self.meta: dict[str, str] = {}
        self.env: dict[str, str] = {}
        self.visible: dict[str, str] = self.meta
        self.stage_env: list[dict[str, str]] = []

    @property
    def in_stage(self) -> bool:
        return bool(self.stage_env)

    def inherited_arg(self, name: str) -> str | None:
        """The value an ``ARG name`` without a default takes here."""
        return self.meta.get(name) if self.in_stage else None

    def start_stage(self, parent: int | None) -> None:
        """Enter a new stage, built FROM stage ``parent`` (an index) or an image."""
        self.env = dict(self.stage_env[parent]) if parent is not None else {}
        self.visible = dict(self.env)
        self.stage_env.append(self.env)

    def declare(self, instruction: Instruction) -> None:
        """Record the ENV or ARG values ``instruction`` sets (an ENV before any FROM, an error,
        sets nothing)."""
        if instruction.keyword == "ENV" and self.in_stage:
            for pair in instruction.pairs:
                value = pair.expanded or ""
                self.env[pair.key.value] = value
                self.visible[pair.key.value] = value
        elif instruction.keyword == "ARG":
            for pair in instruction.pairs:
                name = pair.key.value
                if pair.expanded is not None and name not in self.env:
                    self.visible[name] = pair.expanded

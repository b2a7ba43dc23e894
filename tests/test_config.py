"""Configuration: selection (most specific selector wins, layered), severities, validation with
errors naming the key, and finding the config file."""

from __future__ import annotations

import pytest
from conftest import WriteTree

from lintdock.config import (
    ConfigError,
    ConfigResolver,
    Layer,
    find_config_file,
    load_config_file,
    parse_severity_overrides,
    parse_table,
    resolve,
)
from lintdock.model.diagnostic import Severity
from lintdock.rules import Registry


def selected(registry: Registry, *layers: Layer) -> list[str]:
    return sorted(resolve(registry, layers).selected)


def layer(registry: Registry, **table: object) -> Layer:
    return parse_table({k.replace("_", "-"): v for k, v in table.items()}, registry, "", "")


class TestSelection:
    def test_default_is_every_rule_enabled_by_default(self, small_registry: Registry) -> None:
        assert selected(small_registry) == ["LD101", "LD105", "LD404"]

    def test_a_prefix_does_not_turn_on_rules_off_by_default(self, small_registry: Registry) -> None:
        """``--select LD5`` (a family) runs what the family reports by default: LD505 is opt-in."""
        assert selected(small_registry, layer(small_registry, select=["LD5"])) == []
        assert selected(small_registry, layer(small_registry, select=["LD1", "LD4", "LD5"])) == [
            "LD101",
            "LD105",
            "LD404",
        ]
        assert selected(small_registry, layer(small_registry, extend_select=["LD50"])) == [
            "LD101",
            "LD105",
            "LD404",
        ]

    @pytest.mark.parametrize("selector", ["LD505", "ld505", "restart-ignores-unhealthy", "ALL"])
    def test_code_name_or_all_turn_on_a_rule_off_by_default(
        self, small_registry: Registry, selector: str
    ) -> None:
        chosen = selected(small_registry, layer(small_registry, select=["LD5", selector]))
        assert "LD505" in chosen

    def test_select_all(self, small_registry: Registry) -> None:
        assert selected(small_registry, layer(small_registry, select=["ALL"])) == [
            "LD101",
            "LD105",
            "LD404",
            "LD505",
        ]

    def test_select_by_name_and_code(self, small_registry: Registry) -> None:
        chosen = layer(small_registry, select=["curl-without-fail", "ld404"])
        assert selected(small_registry, chosen) == ["LD105", "LD404"]

    def test_longer_prefix_wins_either_way(self, small_registry: Registry) -> None:
        ignore_family = layer(small_registry, select=["LD105"], ignore=["LD1"])
        assert selected(small_registry, ignore_family) == ["LD105"]
        select_family = layer(small_registry, select=["LD1"], ignore=["LD105"])
        assert selected(small_registry, select_family) == ["LD101"]

    def test_ignore_wins_a_tie(self, small_registry: Registry) -> None:
        assert selected(small_registry, layer(small_registry, select=["LD1"], ignore=["LD1"])) == []

    def test_ignore_beats_the_implicit_default_selection(self, small_registry: Registry) -> None:
        assert selected(small_registry, layer(small_registry, ignore=["LD"])) == []

    def test_extend_select_adds_to_the_default(self, small_registry: Registry) -> None:
        assert selected(small_registry, layer(small_registry, extend_select=["LD505"])) == [
            "LD101",
            "LD105",
            "LD404",
            "LD505",
        ]

    def test_later_layer_without_select_refines_the_earlier_one(
        self, small_registry: Registry
    ) -> None:
        config_file = layer(small_registry, select=["LD1"])
        command_line = layer(small_registry, ignore=["LD105"])
        assert selected(small_registry, config_file, command_line) == ["LD101"]

    def test_later_select_starts_afresh(self, small_registry: Registry) -> None:
        config_file = layer(small_registry, select=["LD1"], extend_select=["LD505"])
        command_line = layer(small_registry, select=["LD404"])
        assert selected(small_registry, config_file, command_line) == ["LD404"]


class TestSeverity:
    def test_most_specific_override_wins(self, small_registry: Registry) -> None:
        settings = resolve(
            small_registry,
            [layer(small_registry, severity={"LD1": "info", "curl-without-fail": "warning"})],
        )
        assert settings.severity_of("LD105") is Severity.WARNING
        assert settings.severity_of("LD101") is Severity.INFO
        assert settings.severity_of("LD404") is None

    def test_command_line_overrides(self, small_registry: Registry) -> None:
        assert parse_severity_overrides(["LD101=error", "LD4 = info"], small_registry) == {
            "LD101": Severity.ERROR,
            "LD4": Severity.INFO,
        }

    @pytest.mark.parametrize(
        ("item", "message"),
        [
            ("LD101", "--severity: expected CODE=level, got 'LD101'"),
            (
                "LD101=loud",
                "--severity.LD101: unknown severity 'loud' (expected error, warning or info)",
            ),
            ("LD999=info", "--severity.LD999: unknown rule or prefix 'LD999'"),
        ],
    )
    def test_bad_command_line_overrides(
        self, small_registry: Registry, item: str, message: str
    ) -> None:
        with pytest.raises(ConfigError) as error:
            parse_severity_overrides([item], small_registry)
        assert str(error.value).startswith(message)

    def test_fail_on_defaults_to_warning(self, small_registry: Registry) -> None:
        assert resolve(small_registry, []).fail_on is Severity.WARNING
        assert (
            resolve(small_registry, [layer(small_registry, fail_on="error")]).fail_on
            is Severity.ERROR
        )


class TestOptions:
    def test_defaults_then_configured_values(self, small_registry: Registry) -> None:
        configured = layer(
            small_registry,
            rules={"depends-on-start-order-only": {"max": 3}, "LD101": {"shells": ["zsh"]}},
        )
        options = resolve(small_registry, [configured]).options
        assert options["LD404"] == {"max": 3, "ratio": 0.5}
        assert options["LD101"] == {"shells": ("zsh",)}

    def test_an_integer_is_a_float(self, small_registry: Registry) -> None:
        configured = layer(small_registry, rules={"LD404": {"ratio": 1}})
        assert resolve(small_registry, [configured]).options["LD404"]["ratio"] == 1

    @pytest.mark.parametrize(
        ("rules", "message"),
        [
            ({"LD404": {"max": "3"}}, "rules.LD404.max: expected an integer, got '3'"),
            ({"LD404": {"max": True}}, "rules.LD404.max: expected an integer, got True"),
            ({"LD101": {"shells": [1]}}, "rules.LD101.shells: expected a list of str, got [1]"),
            ({"LD404": {"maxx": 3}}, "rules.LD404.maxx: unknown option (did you mean 'max'?)"),
            ({"LD404": {"limit": 3}}, "rules.LD404.limit: unknown option (LD404 has max, ratio)"),
            ({"LD105": {"x": 3}}, "rules.LD105.x: unknown option (it has none)"),
            ({"LD999": {}}, "rules.LD999: unknown rule"),
            ({"LD404": 3}, "rules.LD404: expected a table of options"),
        ],
    )
    def test_bad_options_name_the_key(
        self, small_registry: Registry, rules: object, message: str
    ) -> None:
        with pytest.raises(ConfigError) as error:
            layer(small_registry, rules=rules)
        assert str(error.value).startswith(message)


class TestValidation:
    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ({"selct": ["LD1"]}, "selct: unknown key (did you mean 'select'?)"),
            ({"select": "LD1"}, None),
            ({"select": [1]}, "select: expected a list of strings"),
            ({"ignore": ["LD77"]}, "ignore: unknown rule or prefix 'LD77'"),
            ({"extend-select": ["curl-without-fial"]}, "extend-select: unknown rule or prefix"),
            ({"fail-on": "fatal"}, "fail-on: unknown severity 'fatal'"),
            ({"fail-on": 2}, "fail-on: unknown severity '2'"),
            ({"severity": ["LD1"]}, "severity: expected a table of rule = severity"),
            ({"per-file-ignores": {"*.yml": ["LD9"]}}, "per-file-ignores.'*.yml': unknown rule"),
            ({"exclude": [True]}, "exclude: expected a list of strings"),
        ],
    )
    def test_errors_name_the_key(
        self, small_registry: Registry, table: dict[str, object], message: str | None
    ) -> None:
        if message is None:
            parse_table(table, small_registry, "", "")
            return
        with pytest.raises(ConfigError) as error:
            parse_table(table, small_registry, "lintdock.toml: ", "")
        assert str(error.value).startswith("lintdock.toml: " + message)

    def test_pyproject_keys_carry_the_table_prefix(
        self, small_registry: Registry, tree: WriteTree
    ) -> None:
        root = tree({"pyproject.toml": "[tool.lintdock]\nfail-on = 'never'\n"})
        with pytest.raises(ConfigError) as error:
            load_config_file(str(root / "pyproject.toml"), small_registry)
        assert str(error.value) == (
            f"{root / 'pyproject.toml'}: tool.lintdock.fail-on: unknown severity 'never' "
            "(expected error, warning or info)"
        )

    def test_invalid_toml(self, small_registry: Registry, tree: WriteTree) -> None:
        root = tree({"lintdock.toml": "select = [\n"})
        with pytest.raises(ConfigError, match=r"lintdock.toml: invalid TOML"):
            load_config_file(str(root / "lintdock.toml"), small_registry)


class TestFinding:
    def test_nearest_file_wins(self, tree: WriteTree) -> None:
        root = tree(
            {
                "lintdock.toml": "",
                "app/.lintdock.toml": "",
                "app/lintdock.toml": "",
                "app/pyproject.toml": "[tool.lintdock]\n",
                "app/deep/x": "",
            }
        )
        assert find_config_file(str(root / "app/deep")) == str(root / "app/.lintdock.toml")
        assert find_config_file(str(root)) == str(root / "lintdock.toml")

    def test_pyproject_without_the_table_does_not_stop_the_search(self, tree: WriteTree) -> None:
        root = tree(
            {
                "pyproject.toml": "[tool.lintdock]\nselect = ['LD1']\n",
                "app/pyproject.toml": "[tool.black]\nline-length = 100\n",
            }
        )
        assert find_config_file(str(root / "app")) == str(root / "pyproject.toml")

    def test_resolver_applies_each_directory_its_own_config(
        self, small_registry: Registry, tree: WriteTree
    ) -> None:
        root = tree(
            {
                "lintdock.toml": "select = ['LD1']\n",
                "app/lintdock.toml": "select = ['LD4']\nfail-on = 'error'\n",
            }
        )
        resolver = ConfigResolver(small_registry, layer(small_registry, ignore=["LD101"]))
        assert resolver.for_path(str(root / "Dockerfile")).selected == {"LD105"}
        app = resolver.for_path(str(root / "app/Dockerfile"))
        assert app.selected == {"LD404"}
        assert app.fail_on is Severity.ERROR

    def test_explicit_config_governs_every_path(
        self, small_registry: Registry, tree: WriteTree
    ) -> None:
        root = tree({"app/lintdock.toml": "select = ['LD4']\n", "ci.toml": "select = ['LD105']\n"})
        resolver = ConfigResolver(small_registry, Layer(), str(root / "ci.toml"))
        assert resolver.for_path(str(root / "app/Dockerfile")).selected == {"LD105"}

    def test_per_file_ignores_and_exclude_are_relative_to_the_config(
        self, small_registry: Registry, tree: WriteTree
    ) -> None:
        root = tree(
            {
                "app/lintdock.toml": (
                    "exclude = ['vendor/']\n"
                    "[per-file-ignores]\n"
                    "'legacy/*' = ['LD1']\n"
                    "'Dockerfile.dev' = ['curl-without-fail']\n"
                ),
            }
        )
        settings = ConfigResolver(small_registry, Layer()).for_path(str(root / "app/x"))
        assert settings.ignored_in(str(root / "app/legacy/Dockerfile")) == {"LD101", "LD105"}
        assert settings.ignored_in(str(root / "app/svc/Dockerfile.dev")) == {"LD105"}
        assert settings.ignored_in(str(root / "app/Dockerfile")) == frozenset()
        assert settings.ignored_in(str(root / "Dockerfile.dev")) == frozenset()
        assert settings.excludes(str(root / "app/vendor"), is_dir=True)
        assert not settings.excludes(str(root / "vendor"), is_dir=True)

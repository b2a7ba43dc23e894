"""LD652 go-unpinned: ``go install`` (or ``go get``) names a module without a version, or with
a moving one (``@latest``, ``@upgrade``, ``@patch``); local packages (``.``, ``./cmd/app``)
build what the checkout holds."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, PinCheck

INSTRUCTIONS = RUNS
check_instruction = PinCheck(lambda c: c.family == "go", "{name}@<version>").findings

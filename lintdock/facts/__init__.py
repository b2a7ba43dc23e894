"""The facts layer: what rules know about a project, derived from the models once per project
(``lintdock.facts.memo``) and shared by every rule that asks.

Dockerfile images: ``images`` (base image families), ``packages`` (package-manager commands),
``copies`` (where COPY/ADD files land), ``presence`` (which programs an image has),
``stage_shell`` (the shell a stage runs), ``stage_process`` (what a final stage runs),
``instructions`` (ONBUILD triggers). Containers: ``healthchecks`` (where checks are written and
which images run them), ``startup_checks`` (start-up dependency checks), ``needs`` (who needs
whom). Compose: ``service_graph`` (dependency edges and cycles), ``restart_policy``,
``official_images``, ``compose_edits`` (the edits of compose fixes), ``reporting`` (the one way
to report about a service). Durations are parsed in the models (``lintdock.model.duration``).
"""

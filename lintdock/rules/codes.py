"""Codes the parsers, the engine and the resilience map emit or read on behalf of a rule."""

DOCKERFILE_SYNTAX = "LD001"
YAML_SYNTAX = "LD002"
COMPOSE_SCHEMA = "LD003"
JSON_FORM_INVALID = "LD004"
FILE_NOT_READ = "LD005"
DEPENDENCY_CHECK_UNBOUNDED = "LD303"
UNUSED_SUPPRESSION = "LD901"

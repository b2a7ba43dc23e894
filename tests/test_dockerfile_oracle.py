"""Differential test: our parser and ``dockerfile-parse`` agree on instruction names, values and
lines, for files without the constructs dockerfile-parse is known to get wrong (heredocs, blank
lines inside a continuation, a continuation at end of file, an escaped escape character at the
end of a line, the ``--`` end-of-flags marker)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from lintdock.model.dockerfile import Instruction
from lintdock.parsers.dockerfile import parse_dockerfile

dockerfile_parse = pytest.importorskip("dockerfile_parse")

CASES = Path(__file__).resolve().parents[2] / "shared/conformance/buildkit-parser/testfiles"

SAMPLES = {
    "go-multistage": """\
# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \\
    go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/api /api
USER nonroot:nonroot
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --retries=3 \\
    CMD ["/api", "healthcheck"]
ENTRYPOINT ["/api"]
""",
    "python-service": """\
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    APP_HOME=/srv/app
LABEL org.opencontainers.image.title="numbers api" \\
      org.opencontainers.image.licenses=MIT
RUN apt-get update \\
    # curl is only for the health check
    && apt-get install -y --no-install-recommends curl \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR $APP_HOME
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
HEALTHCHECK CMD curl --fail http://localhost:8000/health || exit 1
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
""",
    "dotnet-numbers": """\
FROM mcr.microsoft.com/dotnet/sdk:6.0 AS builder
WORKDIR /src
COPY src/Numbers.Web/Numbers.Web.csproj .
RUN dotnet restore
COPY src/Numbers.Web/ .
RUN dotnet publish -c Release -o /out Numbers.Web.csproj

FROM mcr.microsoft.com/dotnet/sdk:6.0 AS http-check-builder
WORKDIR /src
COPY src/Utilities.HttpCheck/ .
RUN dotnet publish -c Release -o /out Utilities.HttpCheck.csproj

FROM mcr.microsoft.com/dotnet/aspnet:6.0
ENV RngApi:Url=http://numbers-api/rng
CMD dotnet Utilities.HttpCheck.dll -c RngApi:Url -t 900 && \\
    dotnet Numbers.Web.dll
WORKDIR /app
COPY --from=http-check-builder /out/ .
COPY --from=builder /out/ .
""",
    "windows-escape": """\
# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN New-Item -ItemType Directory C:\\app ; `
    Set-Location C:\\app
COPY app\\ C:\\app\\
CMD ["C:\\\\app\\\\server.exe"]
""",
    "onbuild-and-volumes": """\
FROM node:20-alpine
ONBUILD COPY package*.json ./
ONBUILD RUN npm ci --omit=dev
VOLUME ["/data", "/logs"]
VOLUME /cache
STOPSIGNAL SIGTERM
MAINTAINER someone@example.com
ARG NODE_ENV=production BUILD_ID
ENV NODE_ENV $NODE_ENV
EXPOSE 3000/tcp 9229
USER node
CMD node server.js
""",
}


def _compatible(text: str) -> bool:
    lines = text.split("\n")
    last = next((line for line in reversed(lines) if line.strip()), "")
    return not (
        "<<" in text
        or _blank_inside_continuation(lines)
        or last.rstrip().endswith("\\")
        or re.search(r"\\\\\s*$", text, re.MULTILINE)
        or re.search(r"\s--\s", text)
    )


def _blank_inside_continuation(lines: list[str]) -> bool:
    inside = False
    for line in lines:
        stripped = line.strip()
        if inside and not stripped:
            return True
        if not (inside and stripped.startswith("#")):
            inside = not stripped.startswith("#") and stripped.endswith("\\")
    return False


def _conformance_samples() -> dict[str, str]:
    if not CASES.is_dir():
        return {}
    texts = {p.name: (p / "Dockerfile").read_text(encoding="utf-8") for p in CASES.iterdir()}
    return {name: text for name, text in sorted(texts.items()) if _compatible(text)}


ALL = {**SAMPLES, **_conformance_samples()}


def _normalised(value: str) -> str:
    return " ".join(value.split())


def _ours(instruction: Instruction, lines: list[str]) -> tuple[str, str, int, int]:
    flags = [
        lines[f.span.line - 1][f.span.column - 1 : f.span.end_column - 1] for f in instruction.flags
    ]
    value = _normalised(" ".join([*flags, instruction.arguments.text]))
    return instruction.keyword, value, instruction.span.line - 1, instruction.span.end_line - 1


def _theirs(text: str) -> list[tuple[str, str, int, int]]:
    parser = dockerfile_parse.DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8")))
    return [
        (item["instruction"], _normalised(item["value"]), item["startline"], item["endline"])
        for item in parser.structure
        if item["instruction"] != "COMMENT"
    ]


def test_enough_conformance_cases_are_compared() -> None:
    if CASES.is_dir():
        assert len(_conformance_samples()) >= 20


@pytest.mark.parametrize("name", sorted(ALL))
def test_instructions_agree_with_dockerfile_parse(name: str) -> None:
    text = ALL[name]
    assert _compatible(text)
    lines = text.split("\n")
    ours = [_ours(i, lines) for i in parse_dockerfile(text, "Dockerfile").instructions]
    assert ours == _theirs(text)

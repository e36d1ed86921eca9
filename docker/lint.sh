#!/usr/bin/env bash
# Lints the Dockerfiles (dockerfilelint) and the compose file (dclint), both from the npm registry, pinned.
# No Docker engine is needed. CI (.ci/run) runs this before the tests.
set -euo pipefail
cd "$(dirname "$0")"
tools=${CELERIAC_LINT_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/celeriac-docker-lint}
if [ ! -x "$tools/node_modules/.bin/dclint" ] || [ ! -x "$tools/node_modules/.bin/dockerfilelint" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error dockerfilelint@1.8.0 dclint@3.1.0
fi
"$tools/node_modules/.bin/dockerfilelint" Dockerfile.jvm Dockerfile.native
"$tools/node_modules/.bin/dclint" compose.yaml

#!/usr/bin/env bash
# The GitHub Action's second step: runs `baton BATON_COMMAND BATON_ARGS…`.
# For `check` on a pull request it adds `--since origin/<base branch>` (fetching that branch when
# the checkout lacks it) and `--format github` (annotations and the job summary), unless the
# arguments already say otherwise. Baton's exit status is the step's: errors fail it.
set -euo pipefail

fail() { echo "::error title=Baton::$1"; exit 1; }

read -r -a args <<< "${BATON_ARGS:-}"
has() { local flag; for flag in "${args[@]}"; do [[ "$flag" == "$1" || "$flag" == "$1="* ]] && return 0; done; return 1; }

case "$BATON_COMMAND" in
  check)
    if [[ "${GITHUB_EVENT_NAME:-}" == pull_request* && -n "${GITHUB_BASE_REF:-}" ]] && ! has --since; then
      base="origin/$GITHUB_BASE_REF"
      if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
        git fetch --no-tags --quiet origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/$base" \
          || fail "cannot fetch the base branch '$GITHUB_BASE_REF' for --since: check out with fetch-depth: 0"
      fi
      args=(--since "$base" "${args[@]}")
    fi
    has --format || args=(--format github "${args[@]}")
    ;;
  build) ;;
  *) fail "unknown command '$BATON_COMMAND': the action runs 'check' or 'build'" ;;
esac

echo "baton $BATON_COMMAND ${args[*]}"
exec baton "$BATON_COMMAND" "${args[@]}"

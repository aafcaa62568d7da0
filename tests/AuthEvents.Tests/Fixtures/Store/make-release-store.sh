#!/usr/bin/env bash
# Writes release-<commit>.db beside this script: a store made by the dashboard at <commit> through its own demo pipeline
# (importers, webhook receivers, normalizers, rollups, journey index). See README.md here.
set -euo pipefail
commit=${1:?usage: make-release-store.sh <commit>}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$(git -C "$here" rev-parse --show-toplevel)" "$work/repo"
git -C "$work/repo" checkout -q "$commit"
(cd "$work/repo/wwwroot-assets" && npm ci --no-audit --no-fund --loglevel=error)
dotnet build -c Release "$work/repo/src/AuthEvents.Web" >/dev/null

mkdir "$work/data"
# Fixed test keys (bytes 0..31 and 32..63), so a test can decrypt the inbox payloads. A minute of history, then live traffic.
(cd "$work/repo/src/AuthEvents.Web" && exec env \
  ConnectionStrings__AuthEvents="Data Source=$work/data/authevents.db" \
  Storage__DataDirectory="$work/data" \
  Storage__PayloadKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= \
  Storage__LinkingKey=ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8= \
  Demo__Backfill=00:01:00 Demo__MalformedShare=0.05 \
  ASPNETCORE_URLS=http://127.0.0.1:5199 DOTNET_ENVIRONMENT=Production \
  dotnet bin/Release/net10.0/AuthEvents.Web.dll) >"$work/run.log" 2>&1 &
app=$!
for _ in $(seq 120); do
  curl -sf http://127.0.0.1:5199/healthz >/dev/null && break
  sleep 1
done
sleep 20
# SIGTERM is the host's graceful stop: the last connection closes and SQLite folds the WAL into the file.
kill -TERM "$app"
wait "$app" || true
test ! -e "$work/data/authevents.db-wal"
cp "$work/data/authevents.db" "$here/release-$(git -C "$work/repo" rev-parse --short=7 HEAD).db"

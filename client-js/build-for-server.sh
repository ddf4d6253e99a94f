#!/usr/bin/env bash
# Builds the browser client and the admin page and copies them into the server's classes, so the
# server jar serves them at /client/ and /admin/. Called by server/pom.xml (exec-maven-plugin,
# generate-resources) with the two output folders, e.g. server/target/classes/static/client and
# server/target/classes/static/admin.
#
# Why a script and not frontend-maven-plugin: that plugin downloads its own Node, which fails
# offline; this uses the machine's Node 20 and npm.
set -euo pipefail
out="${1:?usage: build-for-server.sh <client folder> [<admin folder>]}"
admin_out="${2:-}"
cd "$(dirname "$0")"
command -v npm >/dev/null 2>&1 || { echo "build-for-server.sh: Node 20 and npm are needed to build client-js (or build with -Dqrpush.skipClient)" >&2; exit 1; }

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# Rebuild only when a source is newer than the bundle: every Maven build calls this, and two
# builds at once must not delete dist/ under each other for nothing.
bundle=dist/qrpush.min.js
if [ ! -f "$bundle" ] || [ ! -f dist/qrpush.mjs ] || [ ! -f dist/admin/admin.js ] \
   || [ -n "$(find src admin build.mjs bundles.mjs package.json package-lock.json -newer "$bundle" -type f 2>/dev/null | head -n1)" ]; then
  npm run --silent build
fi

mkdir -p "$out"
cp dist/qrpush.min.js dist/qrpush.min.js.map dist/qrpush.mjs dist/qrpush.mjs.map "$out"/
if [ -n "$admin_out" ]; then
  mkdir -p "$admin_out"
  cp dist/admin/index.html dist/admin/admin.js dist/admin/admin.css "$admin_out"/
fi

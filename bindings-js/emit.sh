#!/usr/bin/env bash
# Writes bindings-js/api-core.js to stdout as a CommonJS module (`cjs`) or an ES module (`esm`):
# the file itself declares `createApi` and no export, so one line makes it either. Used by
# bindings-node's `prepack` script (bindings-node/api-core.js, git-ignored) and by
# bindings-wasm/build.sh (pkg-web/, pkg-node/, not committed).
#
# `strip-comments` (a filter on stdin) drops whole comment lines, for the browser build, where
# they were 3 KB of the gzipped download. Only whole lines: this source keeps no `//` or `/*` at
# the start of a line inside a string, and no comment after code that must go.
set -euo pipefail
source_file="$(dirname "$0")/api-core.js"
case "${1:-}" in
  strip-comments)
    exec awk '
      in_block { if (index($0, "*/")) in_block = 0; next }
      /^[ \t]*\/\*/ { if (!index($0, "*/")) in_block = 1; next }
      /^[ \t]*\/\// { next }
      { print }'
    ;;
  cjs) export_line='module.exports = { createApi };' ;;
  esm) export_line='export { createApi };' ;;
  *) echo "usage: $0 cjs|esm|strip-comments" >&2; exit 2 ;;
esac
echo "// Generated from bindings-js/api-core.js by bindings-js/emit.sh $1: edit that file, not this one."
cat "$source_file"
echo "$export_line"

#!/usr/bin/env bash
# Downloads the two plotly.js bundles the export tests draw the essay's block with, from the npm registry, into
# tests/.plotlyjs/ (git-ignored), once: 1.58.5 (mkdocs-plotly-plugin's default, which cannot read typed arrays)
# and a current one. Run by `scripts/setup.sh --dev`; the tests run it themselves when the files are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS=(1.58.5 4.1.2)
dest=tests/.plotlyjs
mkdir -p "$dest"
for version in "${VERSIONS[@]}"; do
  target="$dest/plotly-$version.min.js"
  [ -s "$target" ] && continue
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "plotly.js-dist-min@$version" >/dev/null)
  tar -xzf "$work/plotly.js-dist-min-$version.tgz" -C "$work" package/plotly.min.js
  mv "$work/package/plotly.min.js" "$target.part" && mv "$target.part" "$target"
  rm -rf "$work"
  trap - EXIT
  echo "plotly.js $version -> $target"
done

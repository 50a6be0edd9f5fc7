#!/usr/bin/env bash
# Renders the README pictures: the example deck built with each built-in theme, as
#   docs/images/<theme>-title.png    (slide 1, the title slide)
#   docs/images/<theme>-content.png  (slide CONTENT_SLIDE, a bullets slide)
# about 1000 px wide and well under 150 KB each.
#
# Needs: node (and the project's dependencies), LibreOffice (soffice), poppler (pdftoppm)
# and ImageMagick (convert). Run from anywhere:  bash docs/images/render-previews.sh
# It builds the project first; to use another deckwright instead, set DECKWRIGHT, e.g.
#   DECKWRIGHT="node /path/to/dist/cli/main.js" bash docs/images/render-previews.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
deck="content/openai-microsoft-partnership.md"
themes=(meridian nocturne folio)
content_slide="${CONTENT_SLIDE:-4}"
width=1000

for tool in node soffice pdftoppm convert; do
  command -v "$tool" >/dev/null || { echo "render-previews: needs $tool on PATH" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
if [ -z "${DECKWRIGHT:-}" ]; then
  npm run build --silent
  DECKWRIGHT="node $root/dist/cli/main.js"
fi

for theme in "${themes[@]}"; do
  out="$work/$theme"
  mkdir -p "$out"
  $DECKWRIGHT build "$deck" --out "$out" --theme "$theme" >/dev/null
  pptx="$(ls "$out"/*.pptx)"
  # A private LibreOffice profile, so a running LibreOffice does not swallow the conversion.
  soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$out" "$pptx" >/dev/null 2>&1
  pdf="${pptx%.pptx}.pdf"
  [ -f "$pdf" ] || { echo "render-previews: LibreOffice did not convert $pptx" >&2; exit 1; }
  for pair in "title:1" "content:$content_slide"; do
    name="${pair%%:*}" page="${pair##*:}"
    pdftoppm -png -f "$page" -l "$page" -singlefile -scale-to "$width" "$pdf" "$out/$name"
    # Flat slide colours and antialiased text: a 128-colour palette is indistinguishable and small.
    convert "$out/$name.png" -strip +dither -colors 128 -define png:compression-level=9 "png8:$here/$theme-$name.png"
    printf '%s  %s\n' "docs/images/$theme-$name.png" "$(du -h "$here/$theme-$name.png" | cut -f1)"
  done
done

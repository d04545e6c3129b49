#!/usr/bin/env bash
# Print the path of a Chromium the browser tests can drive, installing one where we safely can.
# Order: $HN_CHROMIUM; a system Chromium or Chrome on PATH or in /Applications; a
# Playwright-managed Chromium; on Debian or Ubuntu as root, `apt-get install chromium`.
# Otherwise stop with the exact command that installs one. Never a silent skip.
set -euo pipefail

found() { printf '%s\n' "$1"; exit 0; }

if [ -n "${HN_CHROMIUM:-}" ] && [ -x "${HN_CHROMIUM}" ]; then found "$HN_CHROMIUM"; fi

for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name" 2>/dev/null) && [ -x "$path" ]; then
    # Ubuntu's chromium-browser may be a stub that asks for snap; make sure it runs.
    if "$path" --version >/dev/null 2>&1; then found "$path"; fi
  fi
done

for app in "/Applications/Chromium.app/Contents/MacOS/Chromium" \
           "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
  if [ -x "$app" ]; then found "$app"; fi
done

# Playwright's own download (e.g. after `.venv/bin/python -m playwright install chromium`).
for dir in "${PLAYWRIGHT_BROWSERS_PATH:-}" "$HOME/.cache/ms-playwright" "$HOME/Library/Caches/ms-playwright"; do
  [ -n "$dir" ] && [ -d "$dir" ] || continue
  for exe in "$dir"/chromium-*/chrome-linux*/chrome \
             "$dir"/chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium \
             "$dir"/chromium-*/chrome-mac*/"Google Chrome for Testing.app"/Contents/MacOS/"Google Chrome for Testing"; do
    if [ -x "$exe" ]; then found "$exe"; fi
  done
done

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
  if path=$(command -v chromium 2>/dev/null); then found "$path"; fi
fi

{
  echo "error: no Chromium found for the browser tests."
  if command -v apt-get >/dev/null 2>&1; then
    echo "Install one with:  sudo apt-get install chromium"
  fi
  echo "or let Playwright fetch its own:  .venv/bin/python -m playwright install chromium"
  echo "or point at one you have:  HN_CHROMIUM=/path/to/chrome make test"
} >&2
exit 1

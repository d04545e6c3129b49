#!/usr/bin/env bash
# Make sure node and npm exist for the tests that use npm packages (the GIFT parser);
# on Debian or Ubuntu as root install them, elsewhere stop with the install command.
set -euo pipefail
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm packages for the tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq nodejs npm >&2
  exit 0
fi
{
  echo "error: the tests need Node.js and npm."
  command -v apt-get >/dev/null 2>&1 && echo "Install them with:  sudo apt-get install nodejs npm"
  command -v brew >/dev/null 2>&1 && echo "Install them with:  brew install node"
} >&2
exit 1

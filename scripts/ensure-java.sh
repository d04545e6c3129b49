#!/usr/bin/env bash
# Make sure a Java runtime exists for the HTML validator (vnu.jar, see scripts/hn/vnu.py);
# on Debian or Ubuntu as root install one, elsewhere stop with the install command.
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's default-jre-headless package for the HTML validator..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq default-jre-headless >&2
  exit 0
fi
{
  echo "error: the HTML validator needs Java 11 or newer."
  command -v apt-get >/dev/null 2>&1 && echo "Install it with:  sudo apt-get install default-jre-headless"
  command -v brew >/dev/null 2>&1 && echo "Install it with:  brew install openjdk"
} >&2
exit 1

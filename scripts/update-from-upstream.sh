#!/usr/bin/env bash
# Merge the course's latest upstream version into this copy: `make update`.
#
# Works for a fork and for a copy made with GitHub's "Use this template", which starts with no
# history in common with ours. For such a copy, a plain `git merge --allow-unrelated-histories`
# has no merge base, so every file both sides have (and upstream changed since) conflicts, even
# ones the team never touched. So the first time, this script finds the upstream commit the copy
# was made from (the one whose files equal the copy's first commit) and records it as already
# merged (`git merge -s ours`, which changes no file). From then on git merges with a real base:
# only files both sides changed can conflict, and a team's own files (team.yml, docs/team/,
# exercises/team/) are never ours.
#
# Environment: UPSTREAM (the upstream repository's address, used once to add the remote),
# BRANCH (default main), BASE (the upstream commit the copy was made from, if it cannot be found).
set -euo pipefail

UPSTREAM="${UPSTREAM:-https://github.com/the-human-network/course.git}"
BRANCH="${BRANCH:-main}"

die() { echo "error: $*" >&2; exit 1; }

git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "run this inside your copy of the course"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
  die "you have uncommitted changes; commit or stash them first (git status shows them)"

if ! git remote get-url upstream >/dev/null 2>&1; then
  echo "Adding the remote 'upstream': $UPSTREAM"
  git remote add upstream "$UPSTREAM"
fi
echo "Fetching upstream..."
git fetch --quiet upstream "$BRANCH"
theirs="upstream/$BRANCH"

if ! git merge-base HEAD "$theirs" >/dev/null 2>&1; then
  # A template copy: join the histories at the commit it was made from.
  base="${BASE:-}"
  if [ -z "$base" ]; then
    root=$(git rev-list --max-parents=0 HEAD | tail -n 1)
    tree=$(git rev-parse "$root^{tree}")
    base=$(git log --format='%H %T' "$theirs" | awk -v tree="$tree" '$2 == tree { print $1; exit }')
  fi
  [ -n "$base" ] || die "cannot tell which upstream commit this copy was made from (no upstream commit has
the same files as your first commit). Find it (the upstream commit from the day you made the copy)
and run:  BASE=<commit> make update"
  git cat-file -e "$base^{commit}" 2>/dev/null || die "BASE=$base is not a commit in $theirs"
  echo "First update of a template copy: joining our history at upstream commit ${base:0:12}."
  git merge --quiet -s ours --allow-unrelated-histories --no-edit \
    -m "Join the upstream history at ${base:0:12}, the commit this copy was made from" "$base"
fi

echo "Merging $theirs..."
if git merge --no-edit "$theirs"; then
  echo "Done. Run make test, then push."
else
  echo "git stopped on a conflict in a file both you and upstream changed (git status lists it):" >&2
  echo "edit it, then git add it and git commit; or git merge --abort to undo." >&2
  exit 1
fi

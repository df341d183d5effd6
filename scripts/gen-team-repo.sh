#!/usr/bin/env bash
# Builds a git repository holding the 100k synthetic portfolio
# (examples/synth.rs) in `data/`, then COMMITS commits (default 1,000)
# each changing a few fields (`done`, `percent`) of a few milestones in
# one to three objective files, by sed + git commit, with rotating
# authors and dates an hour apart. Deterministic: the same arguments
# make the same history (the same blob ids; commit ids differ only by
# git version).
#
#   scripts/gen-team-repo.sh OUT_DIR [MILESTONES] [COMMITS]
#
# Used by scripts/bench-team.sh; takes a minute or two.
set -euo pipefail
out=${1:?usage: gen-team-repo.sh OUT_DIR [MILESTONES] [COMMITS]}
n=${2:-100000}
commits=${3:-1000}
root="$(cd "$(dirname "$0")/.." && pwd)"
target=${CARGO_TARGET_DIR:-$root/target}
synth="$target/release/examples/synth"
[ -x "$synth" ] || (cd "$root" && cargo build --release --quiet --example synth)

rm -rf "$out"
mkdir -p "$out"
"$synth" --milestones "$n" --force "$out/data" >/dev/null 2>&1
rm -rf "$out/data/history" "$out/data/reports"
cd "$out"
git init -q -b main .
git config user.name bench
git config user.email bench@example.com
git config gc.auto 0
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
t0=1685577600 # 2023-06-01
GIT_AUTHOR_DATE="@$t0 +0800" GIT_COMMITTER_DATE="@$t0 +0800"
git add -A && git commit -q -m "the portfolio"

files=(data/*.toml)
# the line numbers of each file's `done = N` lines (sed keeps lines in place)
declare -A lines
for f in "${files[@]}"; do
  lines[$f]=$(grep -n '^done = [0-9]*$' "$f" | cut -d: -f1 | tr '\n' ' ')
done
authors=("张三 <zhang@example.com>" "李四 <li@example.com>" "peggy <peggy@example.com>" "ivan <ivan@example.com>")
RANDOM=42
for ((c = 1; c <= commits; c++)); do
  nfiles=$((1 + RANDOM % 3))
  for ((k = 0; k < nfiles; k++)); do
    f=${files[$((RANDOM % ${#files[@]}))]}
    read -r -a ls <<<"${lines[$f]}"
    script=""
    for ((j = 0; j < 3; j++)); do
      ln=${ls[$(((RANDOM * 32768 + RANDOM) % ${#ls[@]}))]}
      script+="${ln}s/^done = [0-9]*\$/done = $((RANDOM % 100))/;"
    done
    sed -i "$script" "$f"
  done
  a=${authors[$((c % ${#authors[@]}))]}
  GIT_AUTHOR_DATE="@$((t0 + c * 3600)) +0800" GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
  git -c user.name="${a% <*}" -c user.email="$(e=${a#*<}; echo "${e%>}")" commit -q -a -m "progress $c" || true
done
echo "gen-team-repo: $out: $(git rev-list --count HEAD) commits, $(du -sh .git | cut -f1) in .git"

#!/usr/bin/env bash
# Regenerates the public-API files (PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt) of every project that has them,
# from what the compiler sees, using the PublicApiAnalyzers' own diagnostics:
#   RS0016  a public symbol not in either file      -> a line in PublicAPI.Unshipped.txt
#   RS0017  a declared symbol that no longer exists -> removed from Unshipped, or "*REMOVED*<line>" if it was shipped
# PublicAPI.Unshipped.txt is rewritten from scratch every time, so the script is idempotent and merges are easy:
# after merging branches that add API, take either side of PublicAPI.Unshipped.txt and run this script.
#
#   eng/update-public-api.sh            # refresh Unshipped after an API change (review the diff, commit it)
#   eng/update-public-api.sh --ship     # at release: fold Unshipped into Shipped (apply *REMOVED*), empty Unshipped
#   eng/update-public-api.sh --check    # exit 1 if the files are not up to date (what the build enforces anyway)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-update}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The core first (shortest path first: src/HedgeMath before src/HedgeMath.Interactive, which references it), so a core
# change is never written into the presentation package's files.
mapfile -t shipped_files < <(find src -name PublicAPI.Shipped.txt -not -path '*/bin/*' -not -path '*/obj/*' | awk '{ print length($0) "\t" $0 }' | sort -n | cut -f2-)
[ "${#shipped_files[@]}" -gt 0 ] || { echo "no PublicAPI.Shipped.txt under src/" >&2; exit 1; }

for shipped in "${shipped_files[@]}"; do
  dir=$(dirname "$shipped")
  proj=$(ls "$dir"/*.csproj | head -n 1)
  unshipped="$dir/PublicAPI.Unshipped.txt"
  log=$(mktemp)
  if [ "$mode" = "--check" ]; then
    # A full (non-incremental) build with warnings as errors reports every RS diagnostic.
    if dotnet build "$proj" -c Release --no-incremental -nologo -clp:NoSummary >"$log" 2>&1; then
      echo "$proj: public API files up to date"; rm -f "$log"; continue
    fi
    grep -E 'RS00(16|17|26|27|36|37)' "$log" | sed 's/ (https[^)]*)//; s/ \[[^]]*\]$//' | sort -u | head -n 50 >&2 || true
    echo "$proj: public API files out of date (or the build failed): run eng/update-public-api.sh" >&2
    rm -f "$log"; exit 1
  fi

  cp "$unshipped" "$unshipped.bak"
  printf '#nullable enable\n' >"$unshipped"
  # Every target framework, no incremental skip (an up-to-date build would report nothing), warnings kept as warnings.
  set +e
  dotnet build "$proj" -c Release --no-incremental -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    mv "$unshipped.bak" "$unshipped"
    grep -E ' error ' "$log" | sort -u | head -n 30 >&2 || true
    echo "$proj: build failed; $unshipped left as it was" >&2
    rm -f "$log"; exit 1
  fi
  rm -f "$unshipped.bak"
  python3 - "$log" "$shipped" "$unshipped" "$mode" <<'PY'
import re, sys
log, shipped_path, unshipped_path, mode = sys.argv[1:5]
text = open(log, encoding="utf-8", errors="replace").read()
added = set(re.findall(r"warning RS0016: Symbol '(.*?)' is not part of the declared public API", text))
removed = set(re.findall(r"warning RS0017: Symbol '(.*?)' is part of the declared (?:public )?API, but is either not public or could not be found", text))
header = "#nullable enable"
shipped = [l for l in open(shipped_path, encoding="utf-8").read().splitlines() if l.strip() and l != header]
order = lambda l: (l.lower(), l)
if mode == "--ship":
    lines = sorted((set(shipped) - removed) | added, key=order)
    open(shipped_path, "w", encoding="utf-8").write("\n".join([header, *lines]) + "\n")
    open(unshipped_path, "w", encoding="utf-8").write(header + "\n")
    print(f"{shipped_path}: {len(lines)} shipped ({len(added)} added, {len(removed)} removed); Unshipped emptied")
else:
    removed_shipped = sorted((r for r in removed if r in set(shipped)), key=order)
    lines = sorted(added, key=order) + ["*REMOVED*" + r for r in removed_shipped]
    open(unshipped_path, "w", encoding="utf-8").write("\n".join([header, *lines]) + "\n")
    print(f"{unshipped_path}: {len(added)} added, {len(removed_shipped)} removed since shipped")
PY
  rm -f "$log"
done

# Prove the result: the normal build (warnings are errors) must now report no public-API diagnostic.
if [ "$mode" != "--check" ]; then
  for shipped in "${shipped_files[@]}"; do
    proj=$(ls "$(dirname "$shipped")"/*.csproj | head -n 1)
    dotnet build "$proj" -c Release --no-incremental -nologo -clp:NoSummary -v:q >/dev/null 2>&1 \
      || { echo "$proj: still fails to build after the update; run: dotnet build $proj -c Release" >&2; exit 1; }
    echo "$proj: builds clean with the updated public API files"
  done
fi

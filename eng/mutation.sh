#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of one folder (or one file) of src/HedgeMath against the net10.0 test suite, with
# per-test coverage. Slow (minutes to half an hour per folder on 2 cores): NOT part of .ci/run. See docs/testing.md.
#
#   eng/mutation.sh Margin                      # every file of src/HedgeMath/Margin
#   eng/mutation.sh Margin/Fees.cs              # one file
#   eng/mutation.sh Engine --filter "FullyQualifiedName~HedgeMath.Tests.Engine"   # only the tests that matter
#   eng/mutation.sh Margin -- --concurrency 2   # anything after -- goes to dotnet stryker as is
#
# The report: StrykerOutput/<timestamp>/reports/mutation-report.{html,json} at the repository root (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
[ $# -ge 1 ] || usage 2
case "$1" in -h|--help) usage 0 ;; esac

target=${1%/}; shift
if [ -d "src/HedgeMath/$target" ]; then
  mutate="**/src/HedgeMath/$target/**/*.cs"
elif [ -f "src/HedgeMath/$target" ]; then
  mutate="**/src/HedgeMath/$target"
else
  echo "mutation.sh: no folder or file src/HedgeMath/$target" >&2; exit 2
fi

filter=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "mutation.sh: unknown option $1 (pass Stryker options after --)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Property tests run a tenth of their cases (tests/HedgeMath.Tests/Properties/HedgePropertyAttribute.cs).
export HEDGEMATH_MUTATION=${HEDGEMATH_MUTATION:-1}
dotnet tool restore >/dev/null

args=(--config-file "$root/eng/stryker-config.json" --mutate "$mutate" --output "$root/StrykerOutput/$(date -u +%Y-%m-%dT%H-%M-%SZ)-${target//\//-}")
[ -n "$filter" ] && args+=(--test-case-filter "$filter")

cd tests/HedgeMath.Tests
echo "dotnet stryker ${args[*]} ${extra[*]:-}"
exec dotnet stryker "${args[@]}" "${extra[@]}"

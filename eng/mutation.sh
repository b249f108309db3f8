#!/usr/bin/env bash
# Mutation testing (Stryker.NET) of folders and/or files of src/HedgeMath against the net10.0 test suite, with
# per-test coverage. Slow (minutes to half an hour per folder on 2 cores): NOT part of .ci/run. See docs/testing.md.
#
#   eng/mutation.sh Margin                      # every file of src/HedgeMath/Margin
#   eng/mutation.sh Margin/Fees.cs              # one file
#   eng/mutation.sh Hedging/PlanState.cs Scenarios/PlanLive.cs   # several folders/files in one run
#   eng/mutation.sh plan                        # the plan evaluator: the files listed in plan_files below
#   eng/mutation.sh Engine --filter "FullyQualifiedName~HedgeMath.Tests.Engine"   # only the tests that matter
#   eng/mutation.sh Margin -- --concurrency 2   # anything after -- goes to dotnet stryker as is
#
# The report: StrykerOutput/<timestamp>-<target>/reports/mutation-report.{html,json} at the repository root (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
[ $# -ge 1 ] || usage 2
case "$1" in -h|--help) usage 0 ;; esac

# The plan evaluator (issue 29): the step (PlanState, its in-place core PlanStepper), its conditions, actions, stops, status and the history and live clocks.
plan_files=(Hedging/PlanState.cs Hedging/PlanStepper.cs Hedging/PlanCondition.cs Hedging/RuleAction.cs Hedging/PlanContext.cs Hedging/LegStop.cs
  Hedging/PlanStatus.cs Scenarios/PlanHistory.cs Scenarios/PlanLive.cs)

targets=()
while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do
  if [ "$1" = plan ]; then targets+=("${plan_files[@]}"); else targets+=("${1%/}"); fi
  shift
done
[ ${#targets[@]} -ge 1 ] || usage 2
mutates=()
for target in "${targets[@]}"; do
  if [ -d "src/HedgeMath/$target" ]; then
    mutates+=(--mutate "**/src/HedgeMath/$target/**/*.cs")
  elif [ -f "src/HedgeMath/$target" ]; then
    mutates+=(--mutate "**/src/HedgeMath/$target")
  else
    echo "mutation.sh: no folder or file src/HedgeMath/$target" >&2; exit 2
  fi
done
# The report folder's name: the one target, or the first and how many more.
name=${targets[0]//\//-}
[ ${#targets[@]} -gt 1 ] && name="$name+$(( ${#targets[@]} - 1 ))"

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

args=(--config-file "$root/eng/stryker-config.json" "${mutates[@]}" --output "$root/StrykerOutput/$(date -u +%Y-%m-%dT%H-%M-%SZ)-$name")
[ -n "$filter" ] && args+=(--test-case-filter "$filter")

cd tests/HedgeMath.Tests
echo "dotnet stryker ${args[*]} ${extra[*]:-}"
exec dotnet stryker "${args[@]}" "${extra[@]}"

#!/usr/bin/env bash
# Rebuilds the frozen benchmark baseline benchmarks/HedgeMath.Benchmarks/Baseline/V0/HedgeMath.V0.dll: the library as it
# was when issues 26 and 28 were filed (commit 1e9a8d0, 2026-12-06), under its own assembly name so the benchmarks load
# it beside today's HedgeMath (extern alias v0). Its PlanReplay/HistoricalReplay are the replay those issues' speed targets
# are measured against. Needs the repository's history (a full clone) and the .NET 10 SDK; no network.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/v0" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add --detach "$tmp/v0" 1e9a8d0 >/dev/null
dotnet build "$tmp/v0/src/HedgeMath/HedgeMath.csproj" -c Release -p:AssemblyName=HedgeMath.V0 \
  -p:TargetFrameworks=net10.0 -p:TargetFramework=net10.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false \
  -p:GenerateDocumentationFile=false -p:Deterministic=true -nologo -v:q
cp "$tmp/v0/src/HedgeMath/bin/Release/net10.0/HedgeMath.V0.dll" "$root/benchmarks/HedgeMath.Benchmarks/Baseline/V0/HedgeMath.V0.dll"
echo "wrote benchmarks/HedgeMath.Benchmarks/Baseline/V0/HedgeMath.V0.dll from 1e9a8d0"

#!/usr/bin/env python3
"""Write a .NET Interactive (C#) notebook from a simple text format.
Cells are separated by lines '%% md' or '%% code'; each gets a stable id (nbformat 4.5). Usage: mknb.py in.txt out.ipynb"""
import json, sys
src = open(sys.argv[1]).read().split('\n')
cells, kind, buf = [], None, []
def flush():
    if kind is None: return
    text = '\n'.join(buf).strip('\n')
    lines = [l + '\n' for l in text.split('\n')]
    lines[-1] = lines[-1].rstrip('\n')
    if kind == 'md':
        cells.append({"cell_type": "markdown", "id": f"cell-{len(cells) + 1}", "metadata": {}, "source": lines})
    else:
        cells.append({"cell_type": "code", "id": f"cell-{len(cells) + 1}", "execution_count": None, "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": lines})
for line in src:
    if line.startswith('%% md'): flush(); kind, buf = 'md', []
    elif line.startswith('%% code'): flush(); kind, buf = 'code', []
    else: buf.append(line)
flush()
nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
      "language_info": {"name": "polyglot-notebook"}, "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[2], 'w'), indent=1, ensure_ascii=False)
open(sys.argv[2], 'a').write('\n')

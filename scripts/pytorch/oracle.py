"""Real PyTorch as the book's oracle: build each module a JSON case describes, run a
zero tensor of the given shape through it, and report the output shape or PyTorch's
own error message.

Input (stdin): a JSON list of cases, each
    {"module": "MaxPool2d", "kwargs": {"kernel_size": 3, "dilation": 2, "padding": 2},
     "input": [1, 1, 9, 9], "values": false}
The input is zeros, or with "values": true the numbers 0, 1, 2, ... in row-major order,
and the result then carries the output's values too (an infinity as "-inf" or "inf").
Output (stdout): {"torch": "1.13.0", "results": [...]} with, per case, either
    {"shape": [1, 1, 3, 3]} (and "values": [...])  or
    {"error": "pad should be at most half of kernel size, ..."}.

With --script, stdin is instead Python source (a book listing with a few checks after
it), run in one namespace; it calls report(name, value) with JSON values, and the output
is {"reported": {name: value, ...}} or {"error": "..."}.

Run with Debian's /usr/bin/python3 (python3-torch); used by tests/unit/pytorch/.
"""
import json
import math
import sys

import torch
import torch.nn as nn


def run(case):
    try:
        module = getattr(nn, case["module"])(**case.get("kwargs", {}))
        shape = case["input"]
        if case.get("values"):
            x = torch.arange(float(torch.Size(shape).numel())).reshape(shape)
        else:
            x = torch.zeros(*shape)
        with torch.no_grad():
            out = module(x)
        result = {"shape": list(out.shape)}
        if case.get("values"):
            # JSON has no infinities: a window made of padding alone gives "-inf".
            result["values"] = [v if math.isfinite(v) else str(v) for v in out.flatten().tolist()]
        return result
    except Exception as error:  # PyTorch's own message is the result
        return {"error": str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}


def run_script(source):
    """Run a listing's Python code; it reports what it found with report(name, value)."""
    found = {}
    torch.manual_seed(0)
    try:
        exec(compile(source, "<listing>", "exec"), {"report": lambda name, value: found.__setitem__(name, value)})
        return {"reported": found}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    if sys.argv[1:] == ["--script"]:
        json.dump(run_script(sys.stdin.read()), sys.stdout)
        return
    cases = json.load(sys.stdin)
    json.dump({"torch": torch.__version__, "results": [run(c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()

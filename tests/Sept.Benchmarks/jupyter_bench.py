"""Peer side of scripts/bench kernel and app: one Jupyter kernel (ipykernel, or .NET Interactive's C# kernel) on the
same workloads as Sept. Usage: jupyter_bench.py <kernel name> <python|csharp>. Prints one JSON line."""
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

KERNEL, LANGUAGE = sys.argv[1], sys.argv[2]
CSHARP = LANGUAGE == "csharp"


def define(name, expr):
    return f"var {name} = {expr};" if CSHARP else f"{name} = {expr}"


def run(kc, code):
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "error":
            raise RuntimeError(f"{KERNEL}: {code}: {msg['content'].get('evalue')}")
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != msg_id:
        pass


def ms(start):
    return (time.perf_counter() - start) * 1000


def timed(kc, codes):
    t = time.perf_counter()
    for code in codes:
        run(kc, code)
    return ms(t)


cold = []
for _ in range(2 if CSHARP else 3):
    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
    run(kc, "1+1")
    cold.append(ms(t))
    kc.stop_channels()
    km.shutdown_kernel(now=True)

km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
for _ in range(20):
    run(kc, "1+1")
trips = [timed(kc, ["1+1"]) for _ in range(60)]
edited = [timed(kc, [f"1+{i}"]) for i in range(40)]
chain = [define("x0", "0")] + [define(f"x{i}", f"x{i - 1} + 1") for i in range(1, 100)]
chains = [timed(kc, chain) for _ in range(3)]
ten = [define(f"y{i}", f"level * {i}") for i in range(10)]
run(kc, define("level", "1"))
tens = [timed(kc, [define("level", str(v))] + ten) for v in range(5)]
kc.stop_channels()
km.shutdown_kernel(now=True)

print(json.dumps({"roundTripMs": statistics.median(trips), "editedMs": statistics.median(edited),
                  "chainMs": statistics.median(chains), "tenMs": statistics.median(tens),
                  "coldStartMs": statistics.median(cold)}))

"""Jupyter (ipykernel) side of scripts/bench kernel: warm round trip, 100-cell chain, cold start. Prints one JSON line."""
import json
import statistics
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code):
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass


def ms(start):
    return (time.perf_counter() - start) * 1000


cold = []
for _ in range(3):
    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    run(kc, "1+1")
    cold.append(ms(t))
    kc.stop_channels()
    km.shutdown_kernel(now=True)

km, kc = start_new_kernel(kernel_name="python3")
for _ in range(20):
    run(kc, "1+1")
trips = []
for _ in range(100):
    t = time.perf_counter()
    run(kc, "1+1")
    trips.append(ms(t))

chains = []
for rep in range(3):
    t = time.perf_counter()
    run(kc, "x0 = 0")
    for i in range(1, 100):
        run(kc, f"x{i} = x{i - 1} + 1")
    chains.append(ms(t))
kc.stop_channels()
km.shutdown_kernel(now=True)

print(json.dumps({"roundTripMs": statistics.median(trips), "chainMs": statistics.median(chains),
                  "coldStartMs": statistics.median(cold)}))

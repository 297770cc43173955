import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

// The custom-handler layout shipped by scripts/package-functions (docs/deployment.md).
const hostDir = path.resolve(__dirname, "../../functions/Sept.Functions/FunctionsHost");
const read = (p: string) => JSON.parse(fs.readFileSync(path.join(hostDir, p), "utf8"));

interface Binding { type: string; direction: string; name: string; [k: string]: unknown }
const bindingsOf = (fn: string): Binding[] => read(`${fn}/function.json`).bindings;

/** The host's DefaultHttpWorkerService rule: raw (proxied) HTTP only for exactly one httpTrigger in and one http out. */
function isHttpInAndOut(bindings: Binding[]): boolean {
    const inputs = bindings.filter(b => b.direction === "in");
    const outputs = bindings.filter(b => b.direction === "out");
    return inputs.length === 1 && inputs[0].type === "httpTrigger" && outputs.length === 1 && outputs[0].type === "http";
}

describe("host.json", () => {
    const host = read("host.json");

    test("starts Sept.Functions as a proxied custom handler", () => {
        assert.equal(host.version, "2.0");
        assert.deepEqual(host.customHandler, {
            description: { defaultExecutablePath: "Sept.Functions", arguments: [], workingDirectory: "" },
            enableProxyingHttpRequest: true,
        });
        assert.equal(host.customHandler.enableForwardingHttpRequest, undefined);
    });

    test("the executable it starts is the one Sept.Functions builds", () => {
        const csproj = fs.readFileSync(path.resolve(hostDir, "../Sept.Functions.csproj"), "utf8");
        const assemblyName = /<AssemblyName>([^<]+)<\/AssemblyName>/.exec(csproj)?.[1] ?? "Sept.Functions";
        assert.equal(host.customHandler.description.defaultExecutablePath, assemblyName);
    });

    test("uses bundle 4.x, no route prefix, and Service Bus session settings", () => {
        assert.deepEqual(host.extensionBundle, { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" });
        assert.equal(host.extensions.http.routePrefix, "");
        assert.equal(host.extensions.serviceBus.autoCompleteMessages, true);
        assert.equal(host.extensions.serviceBus.maxConcurrentSessions, 8);
        assert.equal(host.extensions.serviceBus.sessionIdleTimeout, "00:00:05");
        // Lock renewal must outlast the longest run, which functionTimeout caps.
        assert.equal(host.extensions.serviceBus.maxAutoLockRenewalDuration, host.functionTimeout);
    });
});

describe("function.json", () => {
    test("the layout holds exactly the api, runs, schedules and sweep functions", () => {
        const functions = fs.readdirSync(hostDir, { withFileTypes: true })
            .filter(d => d.isDirectory() && fs.existsSync(path.join(hostDir, d.name, "function.json")))
            .map(d => d.name).sort();
        assert.deepEqual(functions, ["api", "runs", "schedules", "sweep"]);
    });

    test("api is a catch-all HTTP-in/HTTP-out function under /api, so the host proxies it raw", () => {
        const bindings = bindingsOf("api");
        assert.ok(isHttpInAndOut(bindings));
        const [trigger] = bindings;
        // Only /api/* is public: the app's trigger endpoints (/runs, /sweep) must not be reachable through the proxy.
        assert.equal(trigger.route, "api/{*path}");
        assert.equal(trigger.authLevel, "anonymous");
        assert.deepEqual(trigger.methods, ["get", "post", "put", "patch", "delete"]);
    });

    test("runs is a binary session trigger on queue runs with an identity connection", () => {
        const bindings = bindingsOf("runs");
        assert.equal(isHttpInAndOut(bindings), false);
        assert.deepEqual(bindings, [{
            type: "serviceBusTrigger", direction: "in", name: "msg", queueName: "runs",
            connection: "ServiceBus", isSessionsEnabled: true, dataType: "binary",
        }]);
    });

    test("sweep is a timer firing every minute", () => {
        const bindings = bindingsOf("sweep");
        assert.equal(bindings.length, 1);
        assert.equal(bindings[0].type, "timerTrigger");
        assert.equal(bindings[0].name, "timer");
        assert.equal(bindings[0].schedule, "0 */1 * * * *");
        assert.equal(bindings[0].runOnStartup, false);
    });

    test("schedules is a timer firing every minute and once on start (missed runs)", () => {
        const bindings = bindingsOf("schedules");
        assert.equal(bindings.length, 1);
        assert.equal(bindings[0].type, "timerTrigger");
        assert.equal(bindings[0].schedule, "0 */1 * * * *");
        assert.equal(bindings[0].runOnStartup, true);
    });

    test("every function that is not HTTP-in/HTTP-out has no http output (which would need the four-field res)", () => {
        for (const fn of ["runs", "schedules", "sweep"]) {
            assert.ok(bindingsOf(fn).every(b => b.type !== "http"), fn);
        }
    });
});

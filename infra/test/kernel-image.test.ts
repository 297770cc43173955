import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { kernelPort } from "../src/sessions";

// docker cannot run on the build machines: these check the Dockerfile's contract with the pool and the workflow.
const root = path.resolve(__dirname, "..", "..");
const dockerfilePath = "functions/Sept.Kernel/Dockerfile";
const dockerfile = fs.readFileSync(path.join(root, dockerfilePath), "utf8");
const lines = dockerfile.split("\n").map(l => l.trim()).filter(l => l && !l.startsWith("#"));
const instructions = (name: string) => lines.filter(l => l.toUpperCase().startsWith(`${name} `)).map(l => l.slice(name.length + 1).trim());

/** The runtime stage: everything after the last FROM. */
const runtimeStage = lines.slice(lines.map(l => l.toUpperCase().startsWith("FROM ")).lastIndexOf(true));
const runtime = (name: string) => runtimeStage.filter(l => l.toUpperCase().startsWith(`${name} `)).map(l => l.slice(name.length + 1).trim());

test("builds on the .NET 10 SDK and runs on the ASP.NET Core 10 runtime", () => {
    assert.deepEqual(instructions("FROM"), ["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"]);
    assert.ok(instructions("RUN").some(r => /dotnet publish functions\/Sept\.Kernel\/Sept\.Kernel\.csproj -c Release\b/.test(r)));
});

test("listens on all interfaces at the session pool's target port", () => {
    const env = runtime("ENV").join(" ");
    assert.match(env, new RegExp(`ASPNETCORE_URLS=http://0\\.0\\.0\\.0:${kernelPort}(\\s|$)`));
    assert.deepEqual(runtime("EXPOSE"), [String(kernelPort)]);
    assert.ok(!dockerfile.includes("parent-pid=") && !/--parent-pid\s+\S/.test(runtime("ENTRYPOINT").join(" ")));
});

test("the entry point is the kernel project's output assembly", () => {
    const csproj = fs.readFileSync(path.join(root, "functions/Sept.Kernel/Sept.Kernel.csproj"), "utf8");
    const assembly = /<AssemblyName>([^<]+)<\/AssemblyName>/.exec(csproj)?.[1] ?? "Sept.Kernel";
    assert.deepEqual(JSON.parse(runtime("ENTRYPOINT")[0]), ["dotnet", `${assembly}.dll`]);
});

test("runs as a non-root user", () => {
    const users = runtime("USER");
    assert.equal(users.length, 1);
    assert.ok(!/^(root|0)(:|$)/.test(users[0]), `USER ${users[0]}`);
});

test("copies only paths that exist, from the repository root", () => {
    for (const copy of instructions("COPY").filter(c => !c.startsWith("--from"))) {
        const sources = copy.split(/\s+/).slice(0, -1);
        for (const s of sources) assert.ok(fs.existsSync(path.join(root, s)), `COPY source ${s} is missing`);
    }
    const ignored = fs.readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n").map(l => l.trim());
    assert.ok(ignored.includes("**/bin/") && ignored.includes("**/obj/"), "local build output must not reach the context");
    assert.ok(!ignored.some(i => i === "functions/" || i === "functions"), "the kernel sources are in functions/");
});

test("the deploy workflow builds this Dockerfile from the repository root", () => {
    const workflow = fs.readFileSync(path.join(root, ".github/workflows/deploy.yml"), "utf8");
    assert.match(workflow, new RegExp(`az acr build [^\\n]*--file ${dockerfilePath.replace(/\./g, "\\.")} \\.\\s*$`, "m"));
});

test("uploads land in the session's /mnt/data, created for the non-root user before it takes over", () => {
    const stage = runtimeStage.join(" ");
    assert.match(stage, /\bKernel__FilesDirectory=\/mnt\/data(\s|$)/);
    const makeMount = runtimeStage.findIndex(l => /^RUN mkdir -p \/mnt\/data && chown "?\$APP_UID"? \/mnt\/data$/.test(l));
    const user = runtimeStage.findIndex(l => l.toUpperCase().startsWith("USER "));
    assert.ok(makeMount >= 0, "RUN mkdir -p /mnt/data && chown $APP_UID /mnt/data");
    assert.ok(makeMount < user, "the mount is prepared while still root");
});

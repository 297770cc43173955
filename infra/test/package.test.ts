import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The zip step of scripts/package-functions: Flex mounts the package read-only, so modes must survive zipping.
const zipper = path.resolve(__dirname, "../../scripts/lib/zip_keep_modes.py");

/** Reads each entry's Unix mode back with Python's zipfile (no unzip tool needed). */
function modes(zip: string): Record<string, string> {
    const script = "import sys,zipfile,json;z=zipfile.ZipFile(sys.argv[1]);print(json.dumps({i.filename: oct((i.external_attr>>16)&0o7777) for i in z.infolist()}))";
    return JSON.parse(execFileSync("python3", ["-c", script, zip], { encoding: "utf8" }));
}

function layout(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sept-pkg-"));
    fs.writeFileSync(path.join(dir, "Sept.Functions"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "host.json"), "{}", { mode: 0o644 });
    fs.mkdirSync(path.join(dir, "runs"));
    fs.writeFileSync(path.join(dir, "runs", "function.json"), "{}", { mode: 0o644 });
    return dir;
}

test("the package zip keeps the executable bit and the folder layout", () => {
    const dir = layout();
    const zip = path.join(dir, "..", `${path.basename(dir)}.zip`);
    execFileSync("python3", [zipper, dir, zip, "Sept.Functions"]);
    assert.deepEqual(modes(zip), { "Sept.Functions": "0o755", "host.json": "0o644", "runs/function.json": "0o644" });
});

test("the zip step fails when the executable is not executable", () => {
    const dir = layout();
    fs.chmodSync(path.join(dir, "Sept.Functions"), 0o644);
    const zip = path.join(dir, "..", `${path.basename(dir)}.zip`);
    const run = spawnSync("python3", [zipper, dir, zip, "Sept.Functions"], { encoding: "utf8" });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /Sept\.Functions has mode 644 .* expected 755/);
});

import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOf, inputsOf, settle, useMocks } from "./mocks";

// Separate file = separate process: node:test runs each test file on its own, so this is a fresh stack.
before(async () => {
    await useMocks({ "sept:kernelImage": "ghcr.io/sept/kernel:1" });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    await settle(build(readConfig()));
});

test("without a registry the pool gets no identity, no registry credentials and no AcrPull grant", () => {
    const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
    assert.equal(p.customContainerTemplate.registryCredentials, undefined);
    assert.equal(p.managedIdentitySettings, undefined);
    assert.equal(p.identity, undefined);
    assert.equal(p.sessionNetworkConfiguration.status, "EgressDisabled");
    assert.ok(allOf("authorization:RoleAssignment").every(([name]) => !name.startsWith("pool-")));
});

test("defaults: 900 s kernel cooldown, hub sept, 40 Flex instances", () => {
    const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
    assert.equal(p.dynamicPoolConfiguration.lifecycleConfiguration.cooldownPeriodInSeconds, 900);
    const fn = inputsOf("web:WebApp", "functions");
    assert.equal(fn.functionAppConfig.scaleAndConcurrency.maximumInstanceCount, 40);
    assert.ok(fn.siteConfig.appSettings.some((s: any) => s.name === "Sept__Azure__SignalRHub" && s.value === "sept"));
});

import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { inputsOf, mockId, settle, useMocks } from "./mocks";

// Separate file = separate process: node:test runs each test file on its own, so this is a fresh stack.
before(async () => {
    await useMocks({ "sept:kernelImage": "ghcr.io/sept/kernel:1" });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    await settle(build(readConfig()));
});

test("an image from another (public) registry is pulled without registry credentials", () => {
    const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
    assert.equal(p.customContainerTemplate.registryCredentials, undefined);
    assert.equal(p.customContainerTemplate.containers[0].image, "ghcr.io/sept/kernel:1");
    assert.equal(p.sessionNetworkConfiguration.status, "EgressDisabled");
    // The provisioned registry and its AcrPull grant still exist, ready for a private image.
    assert.equal(inputsOf("authorization:RoleAssignment", "pool-acr-pull").scope, mockId("azure-native:containerregistry:Registry", "kernels"));
});

test("defaults: 900 s kernel cooldown, hub sept, 40 Flex instances, Basic registry, alert without mail", () => {
    const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
    assert.equal(p.dynamicPoolConfiguration.lifecycleConfiguration.cooldownPeriodInSeconds, 900);
    const fn = inputsOf("web:WebApp", "functions");
    assert.equal(fn.functionAppConfig.scaleAndConcurrency.maximumInstanceCount, 40);
    assert.ok(fn.siteConfig.appSettings.some((s: any) => s.name === "Sept__Azure__SignalRHub" && s.value === "sept"));
    assert.deepEqual(inputsOf("containerregistry:Registry", "kernels").sku, { name: "Basic" });
    assert.equal(inputsOf("monitor:MetricAlert", "runs-dead-lettered").actions, undefined);
});

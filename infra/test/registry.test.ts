import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOf, inputsOf, mockId, resolve, settle, useMocks } from "./mocks";

// Default topology: no sept:containerRegistryId, so the stack provisions the registry the kernel image is pushed to.
let outputs: Record<string, unknown>;

before(async () => {
    await useMocks({
        "sept:kernelImage": "kernels.azurecr.io/sept-kernel:2026-11-23",
        "sept:registrySku": "Standard",
        "sept:alertEmail": "ops@example.org",
    });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    const { stackOutputs } = await import("../src/outputs");
    const sept = build(readConfig());
    await settle(sept);
    const o = stackOutputs(sept);
    outputs = Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, v]) => [k, await resolve(v)])));
});

const registry = mockId("azure-native:containerregistry:Registry", "kernels");
const poolIdentity = mockId("azure-native:managedidentity:UserAssignedIdentity", "pool");

test("provisions one registry with the admin user and anonymous pull off", () => {
    const [[name, r], ...rest] = allOf("containerregistry:Registry");
    assert.equal(rest.length, 0);
    assert.equal(name, "kernels");
    assert.deepEqual(r.sku, { name: "Standard" });
    assert.equal(r.adminUserEnabled, false);
    assert.equal(r.anonymousPullEnabled, false);
});

test("the pool pulls from it with its own identity, which holds AcrPull on the registry only", () => {
    const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
    assert.deepEqual(p.customContainerTemplate.registryCredentials, { server: "kernels.azurecr.io", identity: poolIdentity });
    assert.deepEqual(p.managedIdentitySettings, [{ identity: poolIdentity, lifecycle: "None" }]);
    const pull = inputsOf("authorization:RoleAssignment", "pool-acr-pull");
    assert.equal(pull.scope, registry);
    assert.equal(pull.principalId, "principal-pool");
    assert.equal(pull.roleDefinitionId, "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d");
});

test("dead-lettered runs mail the configured address", () => {
    const group = inputsOf("monitor:ActionGroup", "ops");
    assert.deepEqual(group.emailReceivers, [{ name: "ops", emailAddress: "ops@example.org", useCommonAlertSchema: true }]);
    assert.equal(group.enabled, true);
    const alert = inputsOf("monitor:MetricAlert", "runs-dead-lettered");
    assert.deepEqual(alert.actions, [{ actionGroupId: mockId("azure-native:monitor:ActionGroup", "ops") }]);
});

test("stack outputs name every endpoint, the registry and the alert", () => {
    assert.deepEqual(outputs, {
        resourceGroup: "sept",
        functionAppName: "functions",
        functionAppHost: "functions.azurewebsites.net",
        functionAppUrl: "https://functions.azurewebsites.net",
        webUrl: "https://web.azurestaticapps.net",
        staticWebName: "web",
        serviceBusNamespace: "bus",
        serviceBusEndpoint: "bus.servicebus.windows.net",
        runsQueue: "runs",
        signalREndpoint: "https://signalr.service.signalr.net",
        cosmosEndpoint: "https://cosmos.documents.azure.com:443/",
        blobEndpoint: "https://data.blob.core.windows.net/",
        sessionPoolEndpoint: "https://kernels.pool.test",
        registryName: "kernels",
        registryLoginServer: "kernels.azurecr.io",
        appInsightsConnectionString: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://insights.in.test/",
        logAnalyticsWorkspaceId: mockId("azure-native:operationalinsights:Workspace", "logs"),
        deadLetterAlertId: mockId("azure-native:monitor:MetricAlert", "runs-dead-lettered"),
        appIdentityClientId: "client-app",
        poolIdentityPrincipalId: "principal-pool",
        authAuthority: "https://login.microsoftonline.com/tenant-0001/v2.0",
        authApiClientId: "appid-api",
        authSpaClientId: "appid-spa",
        authScopes: "api://appid-api/Notebooks.ReadWrite",
    });
});

test("index.ts exports exactly these outputs", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const index = fs.readFileSync(path.resolve(__dirname, "../index.ts"), "utf8");
    assert.match(index, /^export = stackOutputs\(build\(readConfig\(\)\)\);$/m);
});

import { before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOf, inputsOf, mockId, settle, useMocks } from "./mocks";

const registryId = "/subscriptions/s/resourceGroups/images/providers/Microsoft.ContainerRegistry/registries/septacr";
const rbac = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

before(async () => {
    await useMocks({
        "sept:kernelImage": "septacr.azurecr.io/sept-kernel:2026-11-23",
        "sept:containerRegistryId": registryId,
        "sept:location": "westeurope",
        "sept:kernelCooldownSeconds": "1200",
        "sept:allowedOrigins": JSON.stringify(["https://sept.example.org"]),
    });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    await settle(build(readConfig()));
});

describe("run queue", () => {
    test("is one session queue named runs with duplicate detection and a dead-letter limit", () => {
        const q = inputsOf("servicebus:Queue", "runs");
        assert.equal(q.queueName, "runs");
        assert.equal(q.requiresSession, true);
        assert.equal(q.requiresDuplicateDetection, true);
        assert.equal(q.duplicateDetectionHistoryTimeWindow, "PT10M");
        assert.equal(q.maxDeliveryCount, 5);
        assert.equal(q.lockDuration, "PT1M");
        assert.equal(q.deadLetteringOnMessageExpiration, true);
        assert.equal(q.enablePartitioning, false);
    });

    test("lives in a Standard namespace (sessions need Standard or Premium)", () => {
        const ns = inputsOf("servicebus:Namespace", "bus");
        assert.deepEqual(ns.sku, { name: "Standard", tier: "Standard" });
    });
});

describe("local auth", () => {
    test("is off on Service Bus, Cosmos DB and SignalR", () => {
        assert.equal(inputsOf("servicebus:Namespace", "bus").disableLocalAuth, true);
        assert.equal(inputsOf("cosmosdb:DatabaseAccount", "cosmos").disableLocalAuth, true);
        assert.equal(inputsOf("signalrservice:SignalR", "signalr").disableLocalAuth, true);
        assert.equal(inputsOf("signalrservice:SignalR", "signalr").disableAadAuth, false);
        assert.equal(inputsOf("applicationinsights:Component", "insights").disableLocalAuth, true);
    });

    test("no storage account allows shared keys or anonymous blobs", () => {
        const accounts = allOf("storage:StorageAccount");
        assert.deepEqual(accounts.map(([n]) => n).sort(), ["data", "host"]);
        for (const [, a] of accounts) {
            assert.equal(a.allowSharedKeyAccess, false);
            assert.equal(a.allowBlobPublicAccess, false);
            assert.equal(a.minimumTlsVersion, "TLS1_2");
        }
        for (const [, c] of allOf("storage:BlobContainer")) assert.equal(c.publicAccess, "None");
    });
});

describe("cosmos", () => {
    test("is serverless with the notebook container partitioned by /projectId", () => {
        const acct = inputsOf("cosmosdb:DatabaseAccount", "cosmos");
        assert.deepEqual(acct.capabilities, [{ name: "EnableServerless" }]);
        assert.equal(acct.databaseAccountOfferType, "Standard");
        const nb = inputsOf("cosmosdb:SqlResourceSqlContainer", "notebook");
        assert.equal(nb.resource.id, "notebook");
        assert.deepEqual(nb.resource.partitionKey, { paths: ["/projectId"], kind: "Hash", version: 2 });
        assert.equal(nb.databaseName, "sept");
        assert.equal(inputsOf("cosmosdb:SqlResourceSqlContainer", "leases").resource.id, "leases");
    });
});

describe("signalr", () => {
    test("runs in Serverless mode with CORS for the web origins only", () => {
        const s = inputsOf("signalrservice:SignalR", "signalr");
        assert.deepEqual(s.features.find((f: any) => f.flag === "ServiceMode"), { flag: "ServiceMode", value: "Serverless" });
        assert.deepEqual(s.cors.allowedOrigins, ["https://web.azurestaticapps.net", "https://sept.example.org"]);
    });
});

describe("kernel session pool", () => {
    test("runs the kernel image as dynamic custom-container sessions with egress disabled", () => {
        const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
        assert.equal(p.poolManagementType, "Dynamic");
        assert.equal(p.containerType, "CustomContainer");
        assert.equal(p.environmentId, mockId("azure-native:app:ManagedEnvironment", "kernels"));
        assert.deepEqual(p.sessionNetworkConfiguration, { status: "EgressDisabled" });
        assert.deepEqual(p.dynamicPoolConfiguration, { lifecycleConfiguration: { lifecycleType: "Timed", cooldownPeriodInSeconds: 1200 } });
        const [container] = p.customContainerTemplate.containers;
        assert.equal(container.image, "septacr.azurecr.io/sept-kernel:2026-11-23");
        assert.equal(p.customContainerTemplate.ingress.targetPort, 8080);
    });

    test("pulls with the pool identity, which user code never gets (lifecycle None)", () => {
        const p = inputsOf("app:ContainerAppsSessionPool", "kernels");
        const poolIdentity = mockId("azure-native:managedidentity:UserAssignedIdentity", "pool");
        assert.deepEqual(p.managedIdentitySettings, [{ identity: poolIdentity, lifecycle: "None" }]);
        assert.deepEqual(p.customContainerTemplate.registryCredentials, { server: "septacr.azurecr.io", identity: poolIdentity });
        assert.deepEqual(p.identity, { type: "UserAssigned", userAssignedIdentities: [poolIdentity] });
    });

    test("lives in a workload-profiles environment", () => {
        const env = inputsOf("app:ManagedEnvironment", "kernels");
        assert.deepEqual(env.workloadProfiles, [{ name: "Consumption", workloadProfileType: "Consumption" }]);
    });
});

describe("container registry", () => {
    test("an existing registry (sept:containerRegistryId) is used, none provisioned", () => {
        assert.deepEqual(allOf("containerregistry:Registry"), []);
    });
});

describe("dead-letter alert", () => {
    test("fires when the runs queue has any dead-lettered message", () => {
        const a = inputsOf("monitor:MetricAlert", "runs-dead-lettered");
        assert.deepEqual(a.scopes, [mockId("azure-native:servicebus:Namespace", "bus")]);
        assert.equal(a.enabled, true);
        assert.equal(a.location, "global");
        assert.equal(a.criteria.odataType, "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria");
        assert.deepEqual(a.criteria.allOf, [{
            criterionType: "StaticThresholdCriterion",
            name: "dead-lettered-runs",
            metricNamespace: "Microsoft.ServiceBus/namespaces",
            metricName: "DeadletteredMessages",
            dimensions: [{ name: "EntityName", operator: "Include", values: [inputsOf("servicebus:Queue", "runs").queueName] }],
            operator: "GreaterThan",
            threshold: 0,
            timeAggregation: "Maximum",
        }]);
        assert.deepEqual(allOf("monitor:ActionGroup"), []);
    });
});

describe("assistant", () => {
    test("is off by default: no Azure OpenAI account and no Sept__Assistant__ settings", () => {
        assert.deepEqual(allOf("cognitiveservices:Account"), []);
        const settings = inputsOf("web:WebApp", "functions").siteConfig.appSettings.map((s: any) => s.name);
        assert.deepEqual(settings.filter((n: string) => n.startsWith("Sept__Assistant__")), []);
    });
});

describe("role assignments", () => {
    const app = "principal-app";
    const expected: Record<string, { role: string; scope: string; principal: string }> = {
        "app-host-blob-owner": { role: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", scope: mockId("azure-native:storage:StorageAccount", "host"), principal: app },
        "app-outputs-blob-contributor": { role: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", scope: mockId("azure-native:storage:BlobContainer", "outputs"), principal: app },
        "app-runs-sender": { role: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", scope: mockId("azure-native:servicebus:Queue", "runs"), principal: app },
        "app-runs-receiver": { role: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", scope: mockId("azure-native:servicebus:Queue", "runs"), principal: app },
        "app-signalr-owner": { role: "7e4f1700-ea5a-4f59-8f37-079cfe29dce3", scope: mockId("azure-native:signalrservice:SignalR", "signalr"), principal: app },
        "app-session-executor": { role: "0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0", scope: mockId("azure-native:app:ContainerAppsSessionPool", "kernels"), principal: app },
        "app-metrics-publisher": { role: "3913510d-42f4-4e42-8a64-420c390055eb", scope: mockId("azure-native:applicationinsights:Component", "insights"), principal: app },
        "pool-acr-pull": { role: "7f951dda-4ed3-4680-a7ca-43fe172d538d", scope: registryId, principal: "principal-pool" },
    };

    test("are exactly the grants the design lists, each with its role id and scope", () => {
        const actual = Object.fromEntries(allOf("authorization:RoleAssignment").map(([name, a]) => [name, a]));
        assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
        for (const [name, want] of Object.entries(expected)) {
            const a = actual[name];
            assert.equal(a.roleDefinitionId, rbac(want.role), name);
            assert.equal(a.scope, want.scope, name);
            assert.equal(a.principalId, want.principal, name);
            assert.equal(a.principalType, "ServicePrincipal", name);
            assert.match(a.roleAssignmentName, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, name);
        }
    });

    test("give the app Cosmos data access through the built-in Data Contributor SQL role on the account", () => {
        const [[name, a], ...rest] = allOf("cosmosdb:SqlResourceSqlRoleAssignment");
        assert.equal(rest.length, 0);
        assert.equal(name, "app-cosmos-data-contributor");
        const account = mockId("azure-native:cosmosdb:DatabaseAccount", "cosmos");
        assert.equal(a.roleDefinitionId, `${account}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`);
        assert.equal(a.scope, account);
        assert.equal(a.principalId, app);
    });
});

describe("function app", () => {
    const appIdentity = mockId("azure-native:managedidentity:UserAssignedIdentity", "app");

    test("runs on a Flex Consumption plan as a custom handler", () => {
        const plan = inputsOf("web:AppServicePlan", "functions");
        assert.deepEqual(plan.sku, { name: "FC1", tier: "FlexConsumption" });
        assert.equal(plan.reserved, true);
        const fn = inputsOf("web:WebApp", "functions");
        assert.equal(fn.kind, "functionapp,linux");
        assert.equal(fn.serverFarmId, mockId("azure-native:web:AppServicePlan", "functions"));
        assert.deepEqual(fn.functionAppConfig.runtime, { name: "custom", version: "1.0" });
        assert.equal(fn.httpsOnly, true);
        assert.equal(fn.siteConfig.ftpsState, "Disabled");
    });

    test("deploys from the deployments blob container using the app identity", () => {
        const fn = inputsOf("web:WebApp", "functions");
        assert.deepEqual(fn.functionAppConfig.deployment.storage, {
            type: "blobContainer",
            value: "https://host.blob.core.windows.net/deployments",
            authentication: { type: "UserAssignedIdentity", userAssignedIdentityResourceId: appIdentity },
        });
        assert.deepEqual(fn.identity, { type: "UserAssigned", userAssignedIdentities: [appIdentity] });
    });

    test("app settings are identity-based connections and endpoints, exactly", () => {
        const fn = inputsOf("web:WebApp", "functions");
        const settings = Object.fromEntries(fn.siteConfig.appSettings.map((s: any) => [s.name, s.value]));
        assert.deepEqual(settings, {
            AzureWebJobsStorage__accountName: "host",
            AzureWebJobsStorage__credential: "managedidentity",
            AzureWebJobsStorage__clientId: "client-app",
            ServiceBus__fullyQualifiedNamespace: "bus.servicebus.windows.net",
            ServiceBus__credential: "managedidentity",
            ServiceBus__clientId: "client-app",
            AZURE_CLIENT_ID: "client-app",
            APPLICATIONINSIGHTS_CONNECTION_STRING: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://insights.in.test/",
            APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "ClientId=client-app;Authorization=AAD",
            Sept__Hosting: "Azure",
            Sept__Azure__ServiceBusNamespace: "bus.servicebus.windows.net",
            Sept__Azure__RunsQueue: "runs",
            Sept__Azure__RunsMaxDeliveryCount: "5",
            Sept__Azure__SignalREndpoint: "https://signalr.service.signalr.net",
            Sept__Azure__SignalRHub: "sept",
            Sept__Azure__CosmosEndpoint: "https://cosmos.documents.azure.com:443/",
            Sept__Azure__CosmosDatabase: "sept",
            Sept__Azure__SessionPoolEndpoint: "https://kernels.pool.test",
            Sept__Azure__BlobEndpoint: "https://data.blob.core.windows.net/",
            Sept__Azure__OutputsContainer: "outputs",
            Sept__Auth__Mode: "Jwt",
            Sept__Auth__Authority: "https://login.microsoftonline.com/tenant-0001/v2.0",
            Sept__Auth__Audience: "appid-api",
            Sept__Auth__ClientId: "appid-spa",
            Sept__Auth__Scopes: "api://appid-api/Notebooks.ReadWrite",
        });
    });

    test("app settings hold no secrets and no Flex-deprecated runtime settings", () => {
        const fn = inputsOf("web:WebApp", "functions");
        for (const { name, value } of fn.siteConfig.appSettings) {
            assert.doesNotMatch(name, /ConnectionString|Key|Secret|Password|FUNCTIONS_WORKER_RUNTIME|FUNCTIONS_EXTENSION_VERSION/i, name);
            // The App Insights connection string carries only an instrumentation key, which cannot send on its own (local auth off).
            assert.doesNotMatch(value, /AccountKey=|SharedAccessKey|AccessKey=|sig=|password/i, name);
        }
        assert.equal(fn.siteConfig.connectionStrings, undefined);
        // Jwt mode validates Entra tokens by the authority's keys; the development HMAC key never goes to Azure.
        assert.ok(!fn.siteConfig.appSettings.some((s: any) => /DevSigningKey|Sept__Auth__Issuer/i.test(s.name)));
    });

    test("CORS allows the static site and configured origins", () => {
        const fn = inputsOf("web:WebApp", "functions");
        assert.deepEqual(fn.siteConfig.cors.allowedOrigins, ["https://web.azurestaticapps.net", "https://sept.example.org"]);
    });
});

describe("static web app", () => {
    test("proxies /api to the Functions app as its linked backend", () => {
        assert.deepEqual(inputsOf("web:StaticSite", "web").sku, { name: "Standard", tier: "Standard" });
        const backend = inputsOf("web:StaticSiteLinkedBackend", "web-api");
        assert.equal(backend.backendResourceId, mockId("azure-native:web:WebApp", "functions"));
        assert.equal(backend.name, "web");
    });
});

describe("functions layout against the provisioned resources", () => {
    test("the runs trigger reads the provisioned queue through the ServiceBus__* identity settings", async () => {
        const fs = await import("node:fs");
        const path = await import("node:path");
        const runs = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../functions/Sept.Functions/FunctionsHost/runs/function.json"), "utf8"));
        const [trigger] = runs.bindings;
        assert.equal(trigger.queueName, inputsOf("servicebus:Queue", "runs").queueName);
        const names = inputsOf("web:WebApp", "functions").siteConfig.appSettings.map((s: any) => s.name);
        assert.ok(names.includes(`${trigger.connection}__fullyQualifiedNamespace`));
        assert.ok(names.includes(`${trigger.connection}__credential`));
    });

    test("the app settings name the same Sept__Azure__* endpoints as local.settings.json.example (bound by Sept.Azure)", async () => {
        const fs = await import("node:fs");
        const path = await import("node:path");
        const example = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../functions/Sept.Functions/FunctionsHost/local.settings.json.example"), "utf8"));
        const sept = (names: string[]) => names.filter(n => n.startsWith("Sept__")).sort();
        const provisioned = inputsOf("web:WebApp", "functions").siteConfig.appSettings.map((s: any) => s.name);
        assert.deepEqual(sept(provisioned), sept(Object.keys(example.Values)));
    });
});

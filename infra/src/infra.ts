import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { signIn } from "./auth";
import { SeptConfig } from "./config";
import { cosmos, cosmosDataContributor, cosmosDatabaseName } from "./cosmos";
import { functionApp } from "./functionapp";
import { identities } from "./identity";
import { monitoring } from "./monitoring";
import { alerts } from "./alerts";
import { assistantModel } from "./assistant";
import { kernelRegistry } from "./registry";
import { grant } from "./roles";
import { runQueue } from "./servicebus";
import { kernelSessions } from "./sessions";
import { realtime } from "./signalr";
import { linkBackend, staticWeb } from "./staticweb";
import { storageAccounts } from "./storage";

/** The whole Azure topology, top to bottom. Returns every resource so tests and outputs can reach them. */
export function build(config: SeptConfig) {
    const location = config.location;
    const rg = new resources.ResourceGroup("sept", { location });
    const ids = identities(rg, location);
    const appPrincipal = ids.app.principalId;

    const store = storageAccounts(rg, location);
    const monitor = monitoring(rg, location);
    const bus = runQueue(rg, location);
    const db = cosmos(rg, location);
    const site = staticWeb(rg, config.staticWebLocation);
    const origins = pulumi.output(site.origin).apply(o => [o, ...config.allowedOrigins]);
    const signalR = realtime(rg, location, origins);
    const auth = signIn(config.auth, site.origin);
    const registry = kernelRegistry(rg, location, { existingId: config.containerRegistryId, sku: config.registrySku });
    const kernels = kernelSessions(rg, {
        location,
        kernelImage: config.kernelImage,
        pullIdentity: ids.pool,
        registryServer: registry.loginServer,
        cooldownSeconds: config.kernelCooldownSeconds,
        maxSessions: config.maxKernelSessions,
        readySessions: config.readyKernelSessions,
    });

    const assistant = config.assistant ? assistantModel(rg, location, config.assistant) : undefined;

    // Every data-plane role the app needs, on the narrowest scope that works.
    const grants = {
        hostBlobOwner: grant("app-host-blob-owner", { role: "storageBlobDataOwner", scope: store.host.id, principalId: appPrincipal }),
        outputsBlobContributor: grant("app-outputs-blob-contributor", { role: "storageBlobDataContributor", scope: store.outputs.id, principalId: appPrincipal }),
        runsSender: grant("app-runs-sender", { role: "serviceBusDataSender", scope: bus.queue.id, principalId: appPrincipal }),
        runsReceiver: grant("app-runs-receiver", { role: "serviceBusDataReceiver", scope: bus.queue.id, principalId: appPrincipal }),
        signalROwner: grant("app-signalr-owner", { role: "signalRServiceOwner", scope: signalR.signalR.id, principalId: appPrincipal }),
        metricsPublisher: grant("app-metrics-publisher", { role: "monitoringMetricsPublisher", scope: monitor.insights.id, principalId: appPrincipal }),
        sessionExecutor: grant("app-session-executor", { role: "containerAppsSessionExecutor", scope: kernels.pool.id, principalId: appPrincipal }),
        poolAcrPull: grant("pool-acr-pull", { role: "acrPull", scope: registry.id, principalId: ids.pool.principalId }),
        ...(assistant ? {
            assistantUser: grant("app-assistant-openai-user", { role: "cognitiveServicesOpenAIUser", scope: assistant.account.id, principalId: appPrincipal }),
        } : {}),
    };
    const cosmosGrant = cosmosDataContributor("app-cosmos-data-contributor", rg, db, appPrincipal);

    const fn = functionApp(rg, {
        location,
        identity: ids.app,
        allowedOrigins: origins,
        maxInstances: config.maxFunctionInstances,
        endpoints: {
            hostStorageAccountName: store.host.name,
            deploymentsUrl: store.deploymentsUrl,
            serviceBusNamespace: bus.namespace.name,
            runsQueue: bus.queue.name,
            runsMaxDeliveryCount: bus.queue.maxDeliveryCount,
            signalREndpoint: signalR.endpoint,
            signalRHub: config.signalRHub,
            cosmosEndpoint: db.endpoint,
            cosmosDatabase: cosmosDatabaseName,
            sessionPoolEndpoint: kernels.endpoint,
            blobEndpoint: store.dataBlobEndpoint,
            outputsContainer: store.outputs.name,
            appInsightsConnectionString: monitor.connectionString,
            auth: auth.settings,
            assistant: assistant ? { endpoint: assistant.endpoint, deployment: assistant.deploymentName } : undefined,
        },
    });
    const backend = linkBackend(rg, site.site, location, fn.app.id);
    const alerting = alerts(rg, bus, config.alertEmail);

    return { rg, identities: ids, storage: store, bus, cosmos: db, signalR, kernels, grants, cosmosGrant, monitoring: monitor, alerts: alerting, registry, assistant, functions: fn, web: { ...site, backend }, auth };
}

export type Sept = ReturnType<typeof build>;

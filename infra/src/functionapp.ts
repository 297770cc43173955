import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { AuthSettings, authAppSettings } from "./auth";

/** Addresses of everything the app talks to; becomes identity-only app settings (no keys, no connection strings). */
export interface AppEndpoints {
    hostStorageAccountName: pulumi.Input<string>;
    deploymentsUrl: pulumi.Input<string>;
    serviceBusNamespace: pulumi.Input<string>;
    runsQueue: pulumi.Input<string>;
    /** The queue's maxDeliveryCount: the app counts a failed last delivery as dead-lettered. */
    runsMaxDeliveryCount: pulumi.Input<number | undefined>;
    signalREndpoint: pulumi.Input<string>;
    signalRHub: string;
    cosmosEndpoint: pulumi.Input<string>;
    cosmosDatabase: string;
    sessionPoolEndpoint: pulumi.Input<string>;
    blobEndpoint: pulumi.Input<string>;
    outputsContainer: pulumi.Input<string>;
    appInsightsConnectionString: pulumi.Input<string>;
    /** Sign-in with Entra ID (Sept__Auth__*). */
    auth: AuthSettings;
    /** The assistant's Azure OpenAI endpoint and deployment (Sept__Assistant__*), when the stack has one. */
    assistant?: { endpoint: pulumi.Input<string>; deployment: pulumi.Input<string> };
}

export interface FunctionAppArgs {
    location: string;
    identity: managedidentity.UserAssignedIdentity;
    endpoints: AppEndpoints;
    allowedOrigins: pulumi.Input<pulumi.Input<string>[]>;
    maxInstances: number;
}

export interface FunctionApp {
    plan: web.AppServicePlan;
    app: web.WebApp;
}

/**
 * App settings. AzureWebJobsStorage__* and ServiceBus__* are the Functions host's identity-based connections;
 * Sept__Azure__* bind to Sept.Azure's AzureEndpointsOptions. Flex deprecates FUNCTIONS_WORKER_RUNTIME and
 * FUNCTIONS_EXTENSION_VERSION (the runtime lives in functionAppConfig), so neither is set. Sept__Auth__* turn on
 * Jwt sign-in with Entra ID; none of them is a secret.
 */
export function appSettings(clientId: pulumi.Input<string>, e: AppEndpoints): { name: string; value: pulumi.Input<string> }[] {
    const settings: Record<string, pulumi.Input<string>> = {
        AzureWebJobsStorage__accountName: e.hostStorageAccountName,
        AzureWebJobsStorage__credential: "managedidentity",
        AzureWebJobsStorage__clientId: clientId,
        ServiceBus__fullyQualifiedNamespace: pulumi.interpolate`${e.serviceBusNamespace}.servicebus.windows.net`,
        ServiceBus__credential: "managedidentity",
        ServiceBus__clientId: clientId,
        AZURE_CLIENT_ID: clientId,
        // Telemetry authenticates with the app identity (ingestion has local auth off).
        APPLICATIONINSIGHTS_CONNECTION_STRING: e.appInsightsConnectionString,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: pulumi.interpolate`ClientId=${clientId};Authorization=AAD`,
        Sept__Hosting: "Azure",
        Sept__Azure__ServiceBusNamespace: pulumi.interpolate`${e.serviceBusNamespace}.servicebus.windows.net`,
        Sept__Azure__RunsQueue: e.runsQueue,
        Sept__Azure__RunsMaxDeliveryCount: pulumi.output(e.runsMaxDeliveryCount).apply(n => String(n ?? 10)),
        Sept__Azure__SignalREndpoint: e.signalREndpoint,
        Sept__Azure__SignalRHub: e.signalRHub,
        Sept__Azure__CosmosEndpoint: e.cosmosEndpoint,
        Sept__Azure__CosmosDatabase: e.cosmosDatabase,
        Sept__Azure__SessionPoolEndpoint: e.sessionPoolEndpoint,
        Sept__Azure__BlobEndpoint: e.blobEndpoint,
        Sept__Azure__OutputsContainer: e.outputsContainer,
        ...authAppSettings(e.auth),
        // Managed identity: no Sept__Assistant__ApiKey.
        ...(e.assistant ? {
            Sept__Assistant__Provider: "AzureOpenAI",
            Sept__Assistant__Endpoint: e.assistant.endpoint,
            Sept__Assistant__Model: e.assistant.deployment,
        } : {}),
    };
    return Object.entries(settings).map(([name, value]) => ({ name, value }));
}

/** Flex Consumption (FC1) Functions app running the self-contained app as a custom handler. */
export function functionApp(rg: resources.ResourceGroup, args: FunctionAppArgs): FunctionApp {
    const plan = new web.AppServicePlan("functions", {
        resourceGroupName: rg.name,
        location: args.location,
        kind: "functionapp",
        reserved: true,
        sku: { name: "FC1", tier: "FlexConsumption" },
    });
    const identityId = args.identity.id;
    const app = new web.WebApp("functions", {
        resourceGroupName: rg.name,
        location: args.location,
        kind: "functionapp,linux",
        serverFarmId: plan.id,
        httpsOnly: true,
        identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
        keyVaultReferenceIdentity: identityId,
        functionAppConfig: {
            runtime: { name: "custom", version: "1.0" },
            scaleAndConcurrency: { instanceMemoryMB: 2048, maximumInstanceCount: args.maxInstances },
            deployment: {
                storage: {
                    type: "blobContainer",
                    value: args.endpoints.deploymentsUrl,
                    authentication: { type: "UserAssignedIdentity", userAssignedIdentityResourceId: identityId },
                },
            },
        },
        siteConfig: {
            appSettings: appSettings(args.identity.clientId, args.endpoints),
            cors: { allowedOrigins: args.allowedOrigins, supportCredentials: false },
            minTlsVersion: "1.2",
            ftpsState: "Disabled",
        },
    });
    return { plan, app };
}

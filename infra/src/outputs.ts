import * as pulumi from "@pulumi/pulumi";
import { Sept } from "./infra";

/** Stack outputs: every endpoint and name the deploy steps, docs/deployment.md and operators need. */
export function stackOutputs(sept: Sept) {
    return {
        resourceGroup: sept.rg.name,
        functionAppName: sept.functions.app.name,
        functionAppHost: sept.functions.app.defaultHostName,
        functionAppUrl: pulumi.interpolate`https://${sept.functions.app.defaultHostName}`,
        webUrl: sept.web.origin,
        staticWebName: sept.web.site.name,
        serviceBusNamespace: sept.bus.namespace.name,
        serviceBusEndpoint: pulumi.interpolate`${sept.bus.namespace.name}.servicebus.windows.net`,
        runsQueue: sept.bus.queue.name,
        signalREndpoint: sept.signalR.endpoint,
        cosmosEndpoint: sept.cosmos.endpoint,
        blobEndpoint: sept.storage.dataBlobEndpoint,
        sessionPoolEndpoint: sept.kernels.endpoint,
        /** Undefined when sept:containerRegistryId names an existing registry. */
        registryName: sept.registry.name,
        registryLoginServer: sept.registry.loginServer,
        appInsightsConnectionString: sept.monitoring.connectionString,
        logAnalyticsWorkspaceId: sept.monitoring.workspace.id,
        deadLetterAlertId: sept.alerts.deadLetters.id,
        appIdentityClientId: sept.identities.app.clientId,
        poolIdentityPrincipalId: sept.identities.pool.principalId,
        authAuthority: sept.auth.settings.authority,
        authApiClientId: sept.auth.settings.audience,
        authSpaClientId: sept.auth.settings.clientId,
        authScopes: sept.auth.settings.scopes,
    };
}

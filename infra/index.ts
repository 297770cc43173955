import { readConfig } from "./src/config";
import { build } from "./src/infra";

const sept = build(readConfig());

export const resourceGroup = sept.rg.name;
export const functionAppName = sept.functions.app.name;
export const functionAppHost = sept.functions.app.defaultHostName;
export const webUrl = sept.web.origin;
export const staticWebName = sept.web.site.name;
export const serviceBusNamespace = sept.bus.namespace.name;
export const signalREndpoint = sept.signalR.endpoint;
export const cosmosEndpoint = sept.cosmos.endpoint;
export const sessionPoolEndpoint = sept.kernels.endpoint;
export const appIdentityClientId = sept.identities.app.clientId;
export const poolIdentityPrincipalId = sept.identities.pool.principalId;

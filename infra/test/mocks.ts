import * as pulumi from "@pulumi/pulumi";

/** Inputs each mocked resource was registered with, by "<type>::<logical name>". */
export const registered: Record<string, Record<string, any>> = {};

export const mockId = (type: string, name: string) => `/mock/${type.replace(/:/g, "/")}/${name}`;

/** Outputs Azure computes, so code that reads them (endpoints, principal ids) gets values. */
function computed(type: string, name: string): Record<string, unknown> {
    switch (type) {
        case "azure-native:managedidentity:UserAssignedIdentity":
            return { principalId: `principal-${name}`, clientId: `client-${name}` };
        case "azure-native:signalrservice:SignalR":
            return { hostName: `${name}.service.signalr.net` };
        case "azure-native:web:WebApp":
            return { defaultHostName: `${name}.azurewebsites.net` };
        case "azure-native:cosmosdb:DatabaseAccount":
            return { documentEndpoint: `https://${name}.documents.azure.com:443/` };
        case "azure-native:web:StaticSite":
            return { defaultHostname: `${name}.azurestaticapps.net` };
        case "azure-native:applicationinsights:Component":
            return { connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://${name}.in.test/` };
        case "azure-native:containerregistry:Registry":
            return { loginServer: `${name}.azurecr.io` };
        case "azure-native:app:ContainerAppsSessionPool":
            return { poolManagementEndpoint: `https://${name}.pool.test` };
        case "azuread:index/application:Application":
            return { clientId: `appid-${name}`, objectId: `object-${name}` };
        default:
            return {};
    }
}

/** Installs Pulumi mocks and stack config; import the program only after this resolves. */
export async function useMocks(config: Record<string, string>): Promise<void> {
    pulumi.runtime.setAllConfig(config);
    await pulumi.runtime.setMocks({
        newResource: a => {
            registered[`${a.type}::${a.name}`] = a.inputs;
            return { id: mockId(a.type, a.name), state: { ...a.inputs, name: a.name, ...computed(a.type, a.name) } };
        },
        call: a => a.token === "azuread:index/getClientConfig:getClientConfig"
            ? { clientId: "deployer-client", objectId: "deployer-object", tenantId: "tenant-0001" }
            : a.inputs,
    }, "sept", "test", false);
}

export const resolve = <T>(o: pulumi.Input<T>): Promise<T> =>
    new Promise(res => pulumi.output(o).apply(v => { res(v as T); return v; }));

/** Waits until every resource in a (nested) result has registered. */
export async function settle(result: unknown): Promise<void> {
    const ids: Promise<unknown>[] = [];
    const walk = (v: unknown) => {
        if (v instanceof pulumi.CustomResource) ids.push(resolve(v.id));
        else if (v && typeof v === "object" && !pulumi.Output.isInstance(v)) Object.values(v).forEach(walk);
    };
    walk(result);
    await Promise.all(ids);
}

export function inputsOf(type: string, name: string): Record<string, any> {
    const found = registered[`azure-native:${type}::${name}`];
    if (!found) throw new Error(`no ${type} named ${name}; registered: ${Object.keys(registered).join(", ")}`);
    return found;
}

/** Inputs of a resource of any provider, by its full type token ("azuread:index/application:Application"). */
export function inputsOfType(type: string, name: string): Record<string, any> {
    const found = registered[`${type}::${name}`];
    if (!found) throw new Error(`no ${type} named ${name}; registered: ${Object.keys(registered).join(", ")}`);
    return found;
}

export function allOf(type: string): [string, Record<string, any>][] {
    const prefix = `azure-native:${type}::`;
    return Object.entries(registered).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]);
}

import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as signalrservice from "@pulumi/azure-native/signalrservice";

export interface Realtime {
    signalR: signalrservice.SignalR;
    endpoint: pulumi.Output<string>;
}

/** SignalR Service in Serverless mode: no hub server; the app pushes through the data-plane REST API. */
export function realtime(
    rg: resources.ResourceGroup, location: string, allowedOrigins: pulumi.Input<pulumi.Input<string>[]>,
): Realtime {
    const signalR = new signalrservice.SignalR("signalr", {
        resourceGroupName: rg.name,
        location,
        kind: "SignalR",
        sku: { name: "Standard_S1", tier: "Standard", capacity: 1 },
        features: [
            { flag: "ServiceMode", value: "Serverless" },
            { flag: "EnableConnectivityLogs", value: "True" },
        ],
        // Entra ID only: no access keys.
        disableLocalAuth: true,
        disableAadAuth: false,
        cors: { allowedOrigins },
        tls: { clientCertEnabled: false },
    });
    return { signalR, endpoint: pulumi.interpolate`https://${signalR.hostName}` };
}

import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";

export interface Storage {
    /** AzureWebJobsStorage of the Functions host, plus the Flex deployment package container. */
    host: storage.StorageAccount;
    deployments: storage.BlobContainer;
    /** User data: large cell outputs and uploads, apart from the host's account. */
    data: storage.StorageAccount;
    outputs: storage.BlobContainer;
    deploymentsUrl: pulumi.Output<string>;
    dataBlobEndpoint: pulumi.Output<string>;
}

function account(name: string, rg: resources.ResourceGroup, location: string): storage.StorageAccount {
    return new storage.StorageAccount(name, {
        resourceGroupName: rg.name,
        location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        // Identity only: no account keys, no anonymous blobs.
        allowSharedKeyAccess: false,
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
    });
}

export function storageAccounts(rg: resources.ResourceGroup, location: string): Storage {
    const host = account("host", rg, location);
    const deployments = new storage.BlobContainer("deployments", {
        resourceGroupName: rg.name, accountName: host.name, containerName: "deployments", publicAccess: "None",
    });
    const data = account("data", rg, location);
    const outputs = new storage.BlobContainer("outputs", {
        resourceGroupName: rg.name, accountName: data.name, containerName: "outputs", publicAccess: "None",
    });
    return {
        host, deployments, data, outputs,
        deploymentsUrl: pulumi.interpolate`https://${host.name}.blob.core.windows.net/${deployments.name}`,
        dataBlobEndpoint: pulumi.interpolate`https://${data.name}.blob.core.windows.net/`,
    };
}

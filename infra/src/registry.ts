import * as pulumi from "@pulumi/pulumi";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as resources from "@pulumi/azure-native/resources";

/** Where the kernel image lives: a registry this stack provisions, or an existing one named by sept:containerRegistryId. */
export interface KernelRegistry {
    /** Set when this stack provisions the registry. */
    registry?: containerregistry.Registry;
    /** Resource id: the scope of the pool identity's AcrPull grant. */
    id: pulumi.Input<string>;
    /** e.g. septkernels1a2b3c.azurecr.io; undefined for an existing registry (its host is taken from the image). */
    loginServer?: pulumi.Output<string>;
    name?: pulumi.Output<string>;
}

export function kernelRegistry(rg: resources.ResourceGroup, location: string, args: { existingId?: string; sku: "Basic" | "Standard" }): KernelRegistry {
    if (args.existingId) return { id: args.existingId };
    const registry = new containerregistry.Registry("kernels", {
        resourceGroupName: rg.name,
        location,
        sku: { name: args.sku },
        // Pulls and pushes go through Entra ID (AcrPull for the pool, az acr build for the deployer): no shared admin password.
        adminUserEnabled: false,
        anonymousPullEnabled: false,
    });
    return { registry, id: registry.id, loginServer: registry.loginServer, name: registry.name };
}

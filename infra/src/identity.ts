import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";

export interface Identities {
    /** The app's identity: holds every data-plane role the Functions app needs. */
    app: managedidentity.UserAssignedIdentity;
    /** The kernel pool's identity: image pull only (AcrPull), never exposed to user code. */
    pool: managedidentity.UserAssignedIdentity;
}

export function identities(rg: resources.ResourceGroup, location: string): Identities {
    return {
        app: new managedidentity.UserAssignedIdentity("app", { resourceGroupName: rg.name, location }),
        pool: new managedidentity.UserAssignedIdentity("pool", { resourceGroupName: rg.name, location }),
    };
}

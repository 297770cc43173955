import * as pulumi from "@pulumi/pulumi";
import * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import * as resources from "@pulumi/azure-native/resources";
import { cosmosDataContributorRoleId, stableGuid } from "./roles";

export interface Cosmos {
    account: cosmosdb.DatabaseAccount;
    database: cosmosdb.SqlResourceSqlDatabase;
    /** Every item of a project (notebook, cells, runs, outputs, kernel) shares the partition /projectId. */
    notebook: cosmosdb.SqlResourceSqlContainer;
    leases: cosmosdb.SqlResourceSqlContainer;
    endpoint: pulumi.Output<string>;
}

export const cosmosDatabaseName = "sept";

export function cosmos(rg: resources.ResourceGroup, location: string): Cosmos {
    const account = new cosmosdb.DatabaseAccount("cosmos", {
        resourceGroupName: rg.name,
        location,
        kind: "GlobalDocumentDB",
        databaseAccountOfferType: "Standard",
        capabilities: [{ name: "EnableServerless" }],
        disableLocalAuth: true,
        minimalTlsVersion: "Tls12",
        consistencyPolicy: { defaultConsistencyLevel: "Session" },
        locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }],
    });
    const database = new cosmosdb.SqlResourceSqlDatabase("sept", {
        resourceGroupName: rg.name,
        accountName: account.name,
        databaseName: cosmosDatabaseName,
        resource: { id: cosmosDatabaseName },
    });
    const notebook = new cosmosdb.SqlResourceSqlContainer("notebook", {
        resourceGroupName: rg.name,
        accountName: account.name,
        databaseName: database.name,
        containerName: "notebook",
        resource: {
            id: "notebook",
            partitionKey: { paths: ["/projectId"], kind: "Hash", version: 2 },
            // TTL on, per item: soft-deleted items expire (the change feed has no deletes).
            defaultTtl: -1,
        },
    });
    const leases = new cosmosdb.SqlResourceSqlContainer("leases", {
        resourceGroupName: rg.name,
        accountName: account.name,
        databaseName: database.name,
        containerName: "leases",
        resource: { id: "leases", partitionKey: { paths: ["/id"], kind: "Hash", version: 2 } },
    });
    return { account, database, notebook, leases, endpoint: account.documentEndpoint };
}

/** Cosmos data-plane RBAC (a SQL role assignment, not Azure RBAC): read/write items, not create containers. */
export function cosmosDataContributor(
    name: string, rg: resources.ResourceGroup, c: Cosmos, principalId: pulumi.Input<string>,
): cosmosdb.SqlResourceSqlRoleAssignment {
    return new cosmosdb.SqlResourceSqlRoleAssignment(name, {
        resourceGroupName: rg.name,
        accountName: c.account.name,
        roleAssignmentId: stableGuid("cosmos", name),
        roleDefinitionId: pulumi.interpolate`${c.account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}`,
        principalId,
        scope: c.account.id,
    });
}

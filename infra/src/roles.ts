import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

/** Built-in Azure role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const Roles = {
    serviceBusDataSender: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
    serviceBusDataReceiver: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
    storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    signalRServiceOwner: "7e4f1700-ea5a-4f59-8f37-079cfe29dce3",
    containerAppsSessionExecutor: "0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0",
    acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
    cognitiveServicesOpenAIUser: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
} as const;

/** Cosmos DB Built-in Data Contributor: a Cosmos SQL (data-plane) role, not an Azure RBAC role. */
export const cosmosDataContributorRoleId = "00000000-0000-0000-0000-000000000002";

export type RoleName = keyof typeof Roles;

/** A GUID that stays the same for one stack and logical name, so role assignments are not re-created on each run. */
export function stableGuid(...parts: string[]): string {
    const hex = crypto.createHash("sha256").update([pulumi.getProject(), pulumi.getStack(), ...parts].join("/")).digest("hex");
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Grants a built-in role to a service principal (a managed identity) on one scope. */
export function grant(
    name: string,
    args: { role: RoleName; scope: pulumi.Input<string>; principalId: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
    return new authorization.RoleAssignment(name, {
        roleAssignmentName: stableGuid("role", name),
        scope: args.scope,
        principalId: args.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${Roles[args.role]}`,
    }, opts);
}

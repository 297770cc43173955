import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";

export interface Monitoring {
    workspace: operationalinsights.Workspace;
    /** Flex Consumption streams logs only through Application Insights: the first deploy needs it to see startup. */
    insights: applicationinsights.Component;
    connectionString: pulumi.Output<string>;
}

export function monitoring(rg: resources.ResourceGroup, location: string): Monitoring {
    const workspace = new operationalinsights.Workspace("logs", {
        resourceGroupName: rg.name,
        location,
        sku: { name: "PerGB2018" },
        retentionInDays: 30,
    });
    const insights = new applicationinsights.Component("insights", {
        resourceGroupName: rg.name,
        location,
        kind: "web",
        applicationType: "web",
        workspaceResourceId: workspace.id,
        ingestionMode: "LogAnalytics",
        // Entra-only ingestion (Monitoring Metrics Publisher): the instrumentation key alone cannot send.
        disableLocalAuth: true,
    });
    return { workspace, insights, connectionString: insights.connectionString };
}

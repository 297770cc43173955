import * as monitor from "@pulumi/azure-native/monitor";
import * as resources from "@pulumi/azure-native/resources";
import { RunQueue } from "./servicebus";

export interface Alerts {
    deadLetters: monitor.MetricAlert;
    actionGroup?: monitor.ActionGroup;
}

/**
 * A run reaches the dead-letter queue after maxDeliveryCount failed deliveries (infrastructure failures, not cell
 * errors), and it blocked its project's session until then: any dead-lettered run needs a look.
 */
export function alerts(rg: resources.ResourceGroup, bus: RunQueue, email?: string): Alerts {
    const actionGroup = email
        ? new monitor.ActionGroup("ops", {
            resourceGroupName: rg.name,
            location: "global",
            groupShortName: "sept-ops",
            enabled: true,
            emailReceivers: [{ name: "ops", emailAddress: email, useCommonAlertSchema: true }],
        })
        : undefined;
    const deadLetters = new monitor.MetricAlert("runs-dead-lettered", {
        resourceGroupName: rg.name,
        location: "global",
        description: "Cell runs were dead-lettered in the runs queue (see docs/deployment.md, Observability).",
        severity: 2,
        enabled: true,
        scopes: [bus.namespace.id],
        evaluationFrequency: "PT5M",
        windowSize: "PT5M",
        autoMitigate: true,
        criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [{
                criterionType: "StaticThresholdCriterion",
                name: "dead-lettered-runs",
                metricNamespace: "Microsoft.ServiceBus/namespaces",
                metricName: "DeadletteredMessages",
                dimensions: [{ name: "EntityName", operator: "Include", values: ["runs"] }],
                operator: "GreaterThan",
                threshold: 0,
                timeAggregation: "Maximum",
            }],
        },
        actions: actionGroup ? [{ actionGroupId: actionGroup.id }] : undefined,
    });
    return { deadLetters, actionGroup };
}

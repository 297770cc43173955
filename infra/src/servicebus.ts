import * as resources from "@pulumi/azure-native/resources";
import * as servicebus from "@pulumi/azure-native/servicebus";

export interface RunQueue {
    namespace: servicebus.Namespace;
    /** One session queue for all cell runs: SessionId = projectId keeps each project in order. */
    queue: servicebus.Queue;
}

export function runQueue(rg: resources.ResourceGroup, location: string): RunQueue {
    // Sessions and duplicate detection need Standard or Premium.
    const namespace = new servicebus.Namespace("bus", {
        resourceGroupName: rg.name,
        location,
        sku: { name: "Standard", tier: "Standard" },
        disableLocalAuth: true,
        minimumTlsVersion: "1.2",
    });
    const queue = new servicebus.Queue("runs", {
        resourceGroupName: rg.name,
        namespaceName: namespace.name,
        queueName: "runs",
        requiresSession: true,
        // A resend with the same MessageId (run id) inside the window is dropped.
        requiresDuplicateDetection: true,
        duplicateDetectionHistoryTimeWindow: "PT10M",
        lockDuration: "PT1M",
        // Handler non-2xx abandons; after 5 deliveries the run goes to the dead-letter queue.
        maxDeliveryCount: 5,
        deadLetteringOnMessageExpiration: true,
        enablePartitioning: false,
    });
    return { namespace, queue };
}

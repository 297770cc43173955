import * as pulumi from "@pulumi/pulumi";
import * as app from "@pulumi/azure-native/app";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import { registryServerOf } from "./config";

export interface KernelSessions {
    environment: app.ManagedEnvironment;
    /** Dynamic sessions, one per project (identifier p-<projectId>), each running the kernel image. */
    pool: app.ContainerAppsSessionPool;
    endpoint: pulumi.Output<string>;
}

export const kernelPort = 8080;

export interface KernelSessionsArgs {
    location: string;
    kernelImage: string;
    /** The pool pulls the image with this identity (it holds AcrPull on the registry). */
    pullIdentity: managedidentity.UserAssignedIdentity;
    /**
     * The registry the identity can pull from. Registry credentials are set only when the image lives there;
     * an image from elsewhere (a public one) is pulled anonymously. Undefined: trust the image's own host.
     */
    registryServer?: pulumi.Input<string>;
    cooldownSeconds: number;
    maxSessions: number;
    readySessions: number;
}

export function kernelSessions(rg: resources.ResourceGroup, args: KernelSessionsArgs): KernelSessions {
    // Session pools need a workload-profiles environment.
    const environment = new app.ManagedEnvironment("kernels", {
        resourceGroupName: rg.name,
        location: args.location,
        workloadProfiles: [{ name: "Consumption", workloadProfileType: "Consumption" }],
    });
    const pull = args.pullIdentity;
    const imageServer = registryServerOf(args.kernelImage);
    const registryCredentials = pulumi.output(args.registryServer ?? imageServer)
        .apply(server => server === imageServer ? { server, identity: pull.id } : undefined);
    const pool = new app.ContainerAppsSessionPool("kernels", {
        resourceGroupName: rg.name,
        location: args.location,
        environmentId: environment.id,
        poolManagementType: "Dynamic",
        containerType: "CustomContainer",
        scaleConfiguration: { maxConcurrentSessions: args.maxSessions, readySessionInstances: args.readySessions },
        // Each call resets the idle timer; at expiry the session and its kernel state are destroyed.
        dynamicPoolConfiguration: {
            lifecycleConfiguration: { lifecycleType: "Timed", cooldownPeriodInSeconds: args.cooldownSeconds },
        },
        customContainerTemplate: {
            containers: [{
                name: "kernel",
                image: args.kernelImage,
                resources: { cpu: 0.5, memory: "1Gi" },
                env: [{ name: "ASPNETCORE_URLS", value: `http://0.0.0.0:${kernelPort}` }],
                probes: [{
                    type: "Liveness",
                    httpGet: { path: "/kernel/status", port: kernelPort },
                    periodSeconds: 10,
                    failureThreshold: 3,
                }],
            }],
            ingress: { targetPort: kernelPort },
            registryCredentials,
        },
        // User code runs here: no outbound network (packages are baked into the image).
        sessionNetworkConfiguration: { status: "EgressDisabled" },
        identity: { type: "UserAssigned", userAssignedIdentities: [pull.id] },
        // "None": the identity only pulls the image; "Main" would hand its tokens to user code.
        managedIdentitySettings: [{ identity: pull.id, lifecycle: "None" }],
    });
    return { environment, pool, endpoint: pool.poolManagementEndpoint };
}

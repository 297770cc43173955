import * as pulumi from "@pulumi/pulumi";
import { AssistantConfig } from "./assistant";
import { AuthConfig } from "./auth";

/** Everything the program reads from stack config, read once. */
export interface SeptConfig {
    location: string;
    /** Static Web Apps run in a few regions only. */
    staticWebLocation: string;
    /** Kernel image for the session pool (a new tag per update: the pool caches images). */
    kernelImage: string;
    /** Resource id of an existing registry holding kernelImage; when unset the stack provisions one. The pool pulls with its identity (AcrPull). */
    containerRegistryId?: string;
    /** Sku of the provisioned registry: Basic (10 GiB, enough for a few kernel tags) or Standard. */
    registrySku: "Basic" | "Standard";
    /** Who gets mail when runs are dead-lettered; without it the alert only shows in Azure Monitor. */
    alertEmail?: string;
    /** Extra browser origins allowed by CORS besides the Static Web App's own. */
    allowedOrigins: string[];
    /** SignalR hub name used by the app (Sept:Azure:SignalRHub). */
    signalRHub: string;
    maxFunctionInstances: number;
    /** Idle seconds before a kernel session (and its state) is destroyed: 300–3600. */
    kernelCooldownSeconds: number;
    maxKernelSessions: number;
    readyKernelSessions: number;
    /** Sign-in (Sept:Auth:*): app registrations created by this stack, or existing ones named in config. */
    auth: AuthConfig;
    /** The notebook assistant's Azure OpenAI model: off (undefined) unless sept:assistantModel is set. */
    assistant?: AssistantConfig;
}

export function readConfig(): SeptConfig {
    const config = new pulumi.Config("sept");
    const azure = new pulumi.Config("azure-native");
    return {
        location: config.get("location") ?? azure.get("location") ?? "westeurope",
        staticWebLocation: config.get("staticWebLocation") ?? "westeurope",
        kernelImage: config.require("kernelImage"),
        containerRegistryId: config.get("containerRegistryId"),
        registrySku: config.get<"Basic" | "Standard">("registrySku", { allowedValues: ["Basic", "Standard"] }) ?? "Basic",
        alertEmail: config.get("alertEmail"),
        allowedOrigins: config.getObject<string[]>("allowedOrigins") ?? [],
        signalRHub: config.get("signalRHub") ?? "sept",
        maxFunctionInstances: config.getNumber("maxFunctionInstances") ?? 40,
        kernelCooldownSeconds: config.getNumber("kernelCooldownSeconds", { min: 300, max: 3600 }) ?? 900,
        maxKernelSessions: config.getNumber("maxKernelSessions") ?? 100,
        readyKernelSessions: config.getNumber("readyKernelSessions") ?? 2,
        auth: readAuth(config),
        assistant: readAssistant(config),
    };
}

function readAssistant(config: pulumi.Config): AssistantConfig | undefined {
    const model = config.get("assistantModel");
    if (!model) return undefined;
    return {
        model,
        modelVersion: config.require("assistantModelVersion"),
        capacity: config.getNumber("assistantCapacity", { min: 1 }) ?? 10,
        location: config.get("assistantLocation"),
    };
}

function readAuth(config: pulumi.Config): AuthConfig {
    const registrations = config.get<"create" | "existing">("authRegistrations", { allowedValues: ["create", "existing"] }) ?? "create";
    if (registrations === "create") return { registrations, scopeId: config.get("authScopeId") };
    return {
        registrations,
        tenantId: config.require("authTenantId"),
        apiClientId: config.require("authApiClientId"),
        spaClientId: config.require("authSpaClientId"),
        audience: config.get("authAudience"),
        scopes: config.get("authScopes"),
    };
}

/** The registry host of an image reference ("host/repo:tag" → "host"). */
export function registryServerOf(image: string): string {
    return image.split("/")[0];
}

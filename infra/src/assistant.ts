import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";
import { stableGuid } from "./roles";

/** The notebook assistant's model; the stack creates it only when sept:assistantModel is set. */
export interface AssistantConfig {
    /** Model to deploy, e.g. gpt-4o-mini; the deployment takes the same name (Sept:Assistant:Model). */
    model: string;
    modelVersion: string;
    /** Deployment capacity in thousands of tokens per minute. */
    capacity: number;
    /** Azure OpenAI is offered in fewer regions than the rest; defaults to the stack's location. */
    location?: string;
}

export interface AssistantModel {
    account: cognitiveservices.Account;
    deployment: cognitiveservices.Deployment;
    endpoint: pulumi.Output<string>;
    /** What the app names as Sept:Assistant:Model. */
    deploymentName: string;
}

/**
 * An Azure OpenAI account with key auth off and one model deployment. The app calls it with its managed identity
 * (Cognitive Services OpenAI User on the account), so no key exists to leak (Assistant/AssistantProvider.cs).
 */
export function assistantModel(rg: resources.ResourceGroup, location: string, config: AssistantConfig): AssistantModel {
    // The subdomain names the endpoint and must be unique across Azure: stable per project and stack.
    const subdomain = `sept-ai-${stableGuid("assistant").slice(0, 8)}`;
    const account = new cognitiveservices.Account("assistant", {
        resourceGroupName: rg.name,
        location: config.location ?? location,
        kind: "OpenAI",
        sku: { name: "S0" },
        properties: { customSubDomainName: subdomain, disableLocalAuth: true, publicNetworkAccess: "Enabled" },
    });
    const deployment = new cognitiveservices.Deployment("assistant-model", {
        resourceGroupName: rg.name,
        accountName: account.name,
        deploymentName: config.model,
        properties: { model: { format: "OpenAI", name: config.model, version: config.modelVersion } },
        sku: { name: "GlobalStandard", capacity: config.capacity },
    });
    return { account, deployment, endpoint: pulumi.output(`https://${subdomain}.openai.azure.com/`), deploymentName: config.model };
}

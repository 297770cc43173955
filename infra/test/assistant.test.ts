import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOf, inputsOf, mockId, settle, useMocks } from "./mocks";

// The assistant's Azure OpenAI model, turned on by sept:assistantModel (off by default: see infra.test.ts).
before(async () => {
    await useMocks({
        "sept:kernelImage": "septacr.azurecr.io/sept-kernel:1",
        "sept:location": "westeurope",
        "sept:assistantModel": "gpt-4o-mini",
        "sept:assistantModelVersion": "2024-07-18",
        "sept:assistantLocation": "swedencentral",
    });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    await settle(build(readConfig()));
});

test("the account is Azure OpenAI with key auth off, in the assistant's own region", () => {
    const account = inputsOf("cognitiveservices:Account", "assistant");
    assert.equal(account.kind, "OpenAI");
    assert.equal(account.location, "swedencentral");
    assert.equal(account.properties.disableLocalAuth, true);
    assert.match(account.properties.customSubDomainName, /^sept-ai-[0-9a-f]{8}$/);
});

test("one deployment named after the model, with the configured version and default capacity", () => {
    const deployment = inputsOf("cognitiveservices:Deployment", "assistant-model");
    assert.equal(deployment.deploymentName, "gpt-4o-mini");
    assert.deepEqual(deployment.properties.model, { format: "OpenAI", name: "gpt-4o-mini", version: "2024-07-18" });
    assert.equal(deployment.sku.capacity, 10);
});

test("the app reaches it with its managed identity: OpenAI User on the account, settings without a key", () => {
    const grant = inputsOf("authorization:RoleAssignment", "app-assistant-openai-user");
    assert.equal(grant.scope, mockId("azure-native:cognitiveservices:Account", "assistant"));
    assert.equal(grant.roleDefinitionId, "/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd");
    assert.equal(grant.principalId, "principal-app");
    const [[, fn]] = allOf("web:WebApp");
    const settings = Object.fromEntries(fn.siteConfig.appSettings.map((s: any) => [s.name, s.value]));
    const subdomain = inputsOf("cognitiveservices:Account", "assistant").properties.customSubDomainName;
    assert.equal(settings.Sept__Assistant__Provider, "AzureOpenAI");
    assert.equal(settings.Sept__Assistant__Endpoint, `https://${subdomain}.openai.azure.com/`);
    assert.equal(settings.Sept__Assistant__Model, "gpt-4o-mini");
    assert.equal(settings.Sept__Assistant__ApiKey, undefined);
});

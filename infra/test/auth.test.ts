import { before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { inputsOf, inputsOfType, resolve, settle, useMocks } from "./mocks";

// Default sign-in set-up: this stack creates the API and SPA app registrations.
let outputs: Record<string, unknown> = {};
before(async () => {
    await useMocks({ "sept:kernelImage": "septacr.azurecr.io/sept-kernel:1" });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    const { stackOutputs } = await import("../src/outputs");
    const sept = build(readConfig());
    await settle(sept);
    const out = stackOutputs(sept);
    outputs = Object.fromEntries(await Promise.all(Object.entries(out).map(async ([k, v]) => [k, await resolve(v as any)])));
});

const app = (name: string) => inputsOfType("azuread:index/application:Application", name);

describe("sign-in registrations", () => {
    test("the API exposes one delegated scope and issues v2 access tokens", async () => {
        const api = app("api");
        assert.equal(api.signInAudience, "AzureADMyOrg");
        assert.equal(api.api.requestedAccessTokenVersion, 2);
        const [scope] = api.api.oauth2PermissionScopes;
        assert.equal(api.api.oauth2PermissionScopes.length, 1);
        assert.equal(scope.value, "Notebooks.ReadWrite");
        assert.equal(scope.type, "User");
        assert.equal(scope.enabled, true);
        assert.match(scope.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.deepEqual(api.owners, ["deployer-object"]);
        assert.equal(inputsOfType("azuread:index/applicationIdentifierUri:ApplicationIdentifierUri", "api").identifierUri, "api://appid-api");
        assert.equal(inputsOfType("azuread:index/servicePrincipal:ServicePrincipal", "api").clientId, "appid-api");
    });

    test("the SPA redirects to the static web URL, asks for the API scope and is pre-authorised for it", () => {
        const spa = app("spa");
        const scopeId = app("api").api.oauth2PermissionScopes[0].id;
        assert.deepEqual(spa.singlePageApplication.redirectUris, ["https://web.azurestaticapps.net/"]);
        assert.deepEqual(spa.requiredResourceAccesses, [{ resourceAppId: "appid-api", resourceAccesses: [{ id: scopeId, type: "Scope" }] }]);
        assert.equal(spa.web, undefined);
        const pre = inputsOfType("azuread:index/applicationPreAuthorized:ApplicationPreAuthorized", "spa");
        assert.equal(pre.authorizedClientId, "appid-spa");
        assert.deepEqual(pre.permissionIds, [scopeId]);
    });

    test("the app runs in Jwt mode against the tenant's v2.0 authority, with no development key", () => {
        const settings = Object.fromEntries(inputsOf("web:WebApp", "functions").siteConfig.appSettings.map((s: any) => [s.name, s.value]));
        assert.equal(settings.Sept__Auth__Mode, "Jwt");
        assert.equal(settings.Sept__Auth__Authority, "https://login.microsoftonline.com/tenant-0001/v2.0");
        assert.equal(settings.Sept__Auth__Audience, "appid-api");
        assert.equal(settings.Sept__Auth__ClientId, "appid-spa");
        assert.equal(settings.Sept__Auth__Scopes, "api://appid-api/Notebooks.ReadWrite");
        assert.equal(settings.Sept__Auth__DevSigningKey, undefined);
        assert.deepEqual(Object.keys(settings).filter(n => n.startsWith("Sept__Auth__")).sort(),
            ["Sept__Auth__Audience", "Sept__Auth__Authority", "Sept__Auth__ClientId", "Sept__Auth__Mode", "Sept__Auth__Scopes"]);
    });

    test("the stack outputs name the sign-in settings", () => {
        assert.equal(outputs.authAuthority, "https://login.microsoftonline.com/tenant-0001/v2.0");
        assert.equal(outputs.authApiClientId, "appid-api");
        assert.equal(outputs.authSpaClientId, "appid-spa");
        assert.equal(outputs.authScopes, "api://appid-api/Notebooks.ReadWrite");
    });
});

test("the scope id is stable per stack and differs between stacks", async () => {
    const { stableScopeId } = await import("../src/auth");
    assert.equal(stableScopeId("dev"), stableScopeId("dev"));
    assert.notEqual(stableScopeId("dev"), stableScopeId("prod"));
});

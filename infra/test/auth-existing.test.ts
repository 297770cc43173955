import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { allOf, registered, settle, useMocks } from "./mocks";

// Sign-in with registrations made by hand (docs/deployment.md): ids come from stack config, nothing is created in Entra.
before(async () => {
    await useMocks({
        "sept:kernelImage": "septacr.azurecr.io/sept-kernel:1",
        "sept:authRegistrations": "existing",
        "sept:authTenantId": "11111111-2222-3333-4444-555555555555",
        "sept:authApiClientId": "api-client",
        "sept:authSpaClientId": "spa-client",
    });
    const { build } = await import("../src/infra");
    const { readConfig } = await import("../src/config");
    await settle(build(readConfig()));
});

test("existing registrations: the app settings carry the configured ids and no app registration is created", () => {
    const [[, fn]] = allOf("web:WebApp");
    const settings = Object.fromEntries(fn.siteConfig.appSettings.map((s: any) => [s.name, s.value]));
    assert.equal(settings.Sept__Auth__Mode, "Jwt");
    assert.equal(settings.Sept__Auth__Authority, "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0");
    assert.equal(settings.Sept__Auth__Audience, "api-client");
    assert.equal(settings.Sept__Auth__ClientId, "spa-client");
    assert.equal(settings.Sept__Auth__Scopes, "api://api-client/Notebooks.ReadWrite");
    assert.equal(settings.Sept__Auth__DevSigningKey, undefined);
    assert.deepEqual(Object.keys(registered).filter(k => k.startsWith("azuread:")), []);
});

test("existing registrations without their ids are a configuration error", async () => {
    const { readConfig } = await import("../src/config");
    const pulumi = await import("@pulumi/pulumi");
    pulumi.runtime.setAllConfig({ "sept:kernelImage": "x/y:1", "sept:authRegistrations": "existing" });
    assert.throws(() => readConfig(), /authTenantId/);
});

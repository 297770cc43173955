import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";

/** The scope the web app asks for; the API accepts tokens carrying it. */
export const scopeName = "Notebooks.ReadWrite";

/** How sign-in is set up: create the two app registrations here, or take existing ones from stack config. */
export type AuthConfig =
    | { registrations: "create"; scopeId?: string }
    | { registrations: "existing"; tenantId: string; apiClientId: string; spaClientId: string; audience?: string; scopes?: string };

/** What the app needs (Sept:Auth:*, identity issue 8). Never a secret: Jwt mode validates Entra tokens by the
 *  authority's published keys, and Sept:Auth:DevSigningKey is for tests and local demos only. */
export interface AuthSettings {
    authority: pulumi.Input<string>;
    audience: pulumi.Input<string>;
    clientId: pulumi.Input<string>;
    scopes: pulumi.Input<string>;
}

export interface SeptAuth {
    settings: AuthSettings;
    /** The API and SPA registrations, when this stack created them. */
    api?: azuread.Application;
    spa?: azuread.Application;
}

export const authority = (tenantId: pulumi.Input<string>) => pulumi.interpolate`https://login.microsoftonline.com/${tenantId}/v2.0`;

/** A stable UUID for the exposed scope: the same stack keeps the same id across updates. */
export function stableScopeId(stack: string): string {
    const hex = crypto.createHash("sha256").update(`sept:${stack}:${scopeName}`).digest("hex");
    // Version 4 / variant 1 bits, so Entra accepts it as a GUID of the usual form.
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Sign-in with Entra ID. "create": an API registration exposing the delegated scope Notebooks.ReadWrite
 * (identifier api://<api client id>, v2 access tokens so the issuer matches the v2.0 authority) and a SPA registration
 * whose redirect URI is the static web URL, pre-authorised for that scope (no consent prompt). Needs a deployer who may
 * create app registrations (Application Developer, or the tenant's default user setting). "existing": the ids come
 * from stack config (docs/deployment.md lists the manual steps).
 */
export function signIn(config: AuthConfig, webOrigin: pulumi.Input<string>): SeptAuth {
    if (config.registrations === "existing") {
        const scopes = config.scopes ?? `api://${config.apiClientId}/${scopeName}`;
        return {
            settings: { authority: authority(config.tenantId), audience: config.audience ?? config.apiClientId, clientId: config.spaClientId, scopes },
        };
    }
    const client = azuread.getClientConfigOutput();
    const scopeId = config.scopeId ?? stableScopeId(pulumi.getStack());
    const api = new azuread.Application("api", {
        displayName: `Sept API (${pulumi.getStack()})`,
        signInAudience: "AzureADMyOrg",
        owners: [client.objectId],
        api: {
            requestedAccessTokenVersion: 2,
            oauth2PermissionScopes: [{
                id: scopeId,
                value: scopeName,
                type: "User",
                enabled: true,
                adminConsentDisplayName: "Use Sept notebooks",
                adminConsentDescription: "Read and change the notebooks the signed-in user may access.",
                userConsentDisplayName: "Use Sept notebooks",
                userConsentDescription: "Read and change the notebooks you may access.",
            }],
        },
    }, { ignoreChanges: ["identifierUris"] });
    const apiUri = new azuread.ApplicationIdentifierUri("api", { applicationId: api.id, identifierUri: pulumi.interpolate`api://${api.clientId}` });
    const spa = new azuread.Application("spa", {
        displayName: `Sept web (${pulumi.getStack()})`,
        signInAudience: "AzureADMyOrg",
        owners: [client.objectId],
        singlePageApplication: { redirectUris: [pulumi.interpolate`${webOrigin}/`] },
        requiredResourceAccesses: [{ resourceAppId: api.clientId, resourceAccesses: [{ id: scopeId, type: "Scope" }] }],
    });
    new azuread.ServicePrincipal("api", { clientId: api.clientId, owners: [client.objectId] });
    new azuread.ApplicationPreAuthorized("spa", { applicationId: api.id, authorizedClientId: spa.clientId, permissionIds: [scopeId] });
    return {
        settings: {
            authority: authority(client.tenantId),
            audience: api.clientId,
            clientId: spa.clientId,
            scopes: pulumi.interpolate`${apiUri.identifierUri}/${scopeName}`,
        },
        api,
        spa,
    };
}

/** Sept__Auth__* app settings: Jwt mode with Entra. Sept__Auth__DevSigningKey is never set in Azure. */
export function authAppSettings(auth: AuthSettings): Record<string, pulumi.Input<string>> {
    return {
        Sept__Auth__Mode: "Jwt",
        Sept__Auth__Authority: auth.authority,
        Sept__Auth__Audience: auth.audience,
        Sept__Auth__ClientId: auth.clientId,
        Sept__Auth__Scopes: auth.scopes,
    };
}

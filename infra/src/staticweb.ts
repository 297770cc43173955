import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

export interface StaticWeb {
    site: web.StaticSite;
    origin: pulumi.Output<string>;
}

/** The built web UI (web/dist). Created here without a repository; content is uploaded by the deploy workflow. */
export function staticWeb(rg: resources.ResourceGroup, location: string): StaticWeb {
    const site = new web.StaticSite("web", {
        resourceGroupName: rg.name,
        location,
        sku: { name: "Standard", tier: "Standard" },
        allowConfigFileUpdates: true,
    });
    return {
        site,
        origin: pulumi.interpolate`https://${site.defaultHostname}`,
    };
}

/** Routes the site's /api/* to the Functions app, so the browser stays same-origin. */
export function linkBackend(
    rg: resources.ResourceGroup, site: web.StaticSite, location: string, backendResourceId: pulumi.Input<string>,
): web.StaticSiteLinkedBackend {
    return new web.StaticSiteLinkedBackend("web-api", {
        resourceGroupName: rg.name,
        name: site.name,
        linkedBackendName: "functions",
        backendResourceId,
        region: location,
    });
}

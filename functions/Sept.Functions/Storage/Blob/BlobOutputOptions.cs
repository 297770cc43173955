using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Sept.Functions.Storage.Blob;

/// <summary>Configuration section "Sept:Blob".</summary>
public sealed class BlobOutputOptions
{
    public const string Section = "Sept:Blob";

    /// <summary>Blob service URI, e.g. https://acct.blob.core.windows.net (Azurite: http://127.0.0.1:10000/devstoreaccount1).</summary>
    public string ServiceUri { get; set; } = "";

    public string Container { get; set; } = "outputs";

    /// <summary>Shared-key account and key (Azurite only). Empty: Entra ID with the app's credential.</summary>
    public string? AccountName { get; set; }

    public string? AccountKey { get; set; }

    /// <summary>Create the container when missing (tests, local emulation). In Azure, Pulumi creates it.</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>A client authenticated with the account key (Azurite) or else <paramref name="credential"/>.</summary>
    public BlobContainerClient CreateContainerClient(TokenCredential? credential)
    {
        var service = !string.IsNullOrEmpty(AccountKey)
            ? new BlobServiceClient(new Uri(ServiceUri), new StorageSharedKeyCredential(AccountName, AccountKey))
            : new BlobServiceClient(new Uri(ServiceUri), credential ?? throw new ArgumentNullException(nameof(credential),
                "Blob storage needs an account key or a token credential."));
        return service.GetBlobContainerClient(Container);
    }
}

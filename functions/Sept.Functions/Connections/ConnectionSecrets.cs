using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Sept.Functions.Connections;

/// <summary>Encrypts connection passwords at rest with ASP.NET Core Data Protection. The keys live outside the
/// database (locally: the data directory's keys folder), so a copy of sept.db alone reveals no password. The purpose
/// string binds each ciphertext to its workspace and connection, so a stored secret copied onto another connection
/// does not decrypt.</summary>
public sealed class ConnectionSecrets(IDataProtectionProvider provider)
{
    private const string Purpose = "Sept.Connections.Password.v1";

    public string? Protect(string workspaceId, string connectionId, string? password) =>
        string.IsNullOrEmpty(password) ? null : Protector(workspaceId, connectionId).Protect(password);

    /// <summary>The password; throws <see cref="ConnectionSecretLost"/> when the keys that encrypted it are gone.</summary>
    public string? Unprotect(ConnectionRecord connection)
    {
        if (connection.ProtectedPassword is null) return null;
        try
        {
            return Protector(connection.WorkspaceId, connection.Id).Unprotect(connection.ProtectedPassword);
        }
        catch (CryptographicException)
        {
            throw new ConnectionSecretLost(connection.Name);
        }
    }

    private IDataProtector Protector(string workspaceId, string connectionId) => provider.CreateProtector(Purpose, workspaceId, connectionId);
}

/// <summary>The stored password cannot be decrypted (the data protection keys changed); an admin must enter it again.</summary>
public sealed class ConnectionSecretLost(string name)
    : Exception($"The password of connection '{name}' can no longer be decrypted (the app's data protection keys changed); a workspace admin must enter it again.");

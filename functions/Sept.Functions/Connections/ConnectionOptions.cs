namespace Sept.Functions.Connections;

/// <summary>Configuration section "Sept:Connections".</summary>
public sealed class ConnectionOptions
{
    public const string Section = "Sept:Connections";

    /// <summary>Rows a connection SQL cell keeps; the rest are not read, and the cell says so.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Longest a connection query may run before it is cancelled on the server.</summary>
    public int QueryTimeoutSeconds { get; set; } = 300;

    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Folder of the Data Protection key ring that encrypts passwords. Default: the data directory's "keys".</summary>
    public string? KeysDirectory { get; set; }
}

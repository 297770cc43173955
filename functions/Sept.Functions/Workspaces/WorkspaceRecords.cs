using System.Text.RegularExpressions;

namespace Sept.Functions.Workspaces;

/// <summary>A workspace as stored. Ids are 32-hex Guids ("N"); <see cref="Slug"/> is unique ([a-z0-9-]{2,40}).
/// <see cref="Version"/> counts renames.</summary>
public sealed record WorkspaceRecord(string Id, string Slug, string Name, long Version, DateTimeOffset CreatedAt);

/// <summary>A person in a workspace, keyed by lowercased <see cref="Email"/>. <see cref="UserId"/> is bound the first
/// time that person signs in; from then on only that user id matches the entry.</summary>
public sealed record MemberRecord(string WorkspaceId, string Email, string? UserId, string Name, WorkspaceRole Role, DateTimeOffset AddedAt);

/// <summary>One workspace a user belongs to, with the member entry that grants it.</summary>
public sealed record Membership(WorkspaceRecord Workspace, MemberRecord Member)
{
    public WorkspaceRole Role => Member.Role;
}

/// <summary>The workspace every existing project migrates into, and Local mode's only user's home.</summary>
public static class LocalWorkspace
{
    public const string Id = "00000000000000000000000000000001";
    public const string Slug = "local";
    public const string Name = "Local";
}

public static partial class WorkspaceIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? text) => text is { Length: 32 } && Guid.TryParseExact(text, "N", out _);

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>A slug made from a name ("Sales & Ops" -> "sales-ops"); empty when nothing usable remains.</summary>
    public static string SlugOf(string name)
    {
        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}

using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>Checks a comment's mentions against the members of the project's workspace.</summary>
public sealed class CommentMentions(IMemberDirectory members)
{
    public const int MaxMentions = 50;

    /// <summary>The mentioned members (each once, in the order given), or the detail of a 400 naming the first unknown one.</summary>
    public async Task<(IReadOnlyList<CommentMention> Mentions, string? Problem)> ResolveAsync(
        ProjectId projectId, IReadOnlyList<string>? emails, CancellationToken cancellationToken)
    {
        if (emails is null || emails.Count == 0) return ([], null);
        if (emails.Count > MaxMentions) return ([], $"mentions has {emails.Count} entries; the limit is {MaxMentions}.");
        var byEmail = (await members.MembersOfProjectAsync(projectId, cancellationToken))
            .Where(m => m.User.Email.Length > 0)
            .ToDictionary(m => m.User.Email.ToLowerInvariant(), m => m.User);
        var mentions = new List<CommentMention>();
        foreach (var email in emails)
        {
            var key = email?.Trim().ToLowerInvariant() ?? "";
            if (!byEmail.TryGetValue(key, out var user))
                return ([], $"mentions: '{email}' is not a member of this project's workspace.");
            if (mentions.All(m => m.Email != key)) mentions.Add(new CommentMention(key, user.Name));
        }
        return (mentions, null);
    }
}

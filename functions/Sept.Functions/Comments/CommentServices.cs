using Sept.Functions.Cells;

namespace Sept.Functions.Comments;

/// <summary>Registers comments; the store (<see cref="ICommentStore"/>) comes with the hosting's adapters.</summary>
public static class CommentServices
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddSingleton<CommentMentions>();
        services.AddSingleton<CommentCommands>();
        services.AddSingleton<ICellObserver, CellCommentCleanup>();
        return services;
    }
}

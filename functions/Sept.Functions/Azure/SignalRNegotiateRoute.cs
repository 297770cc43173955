using Sept.Azure.SignalR;
using Microsoft.AspNetCore.Authentication;
using Sept.Functions.Identity;
using Sept.Functions.Realtime;

namespace Sept.Functions.Azure;

/// <summary>Azure mode's POST /api/negotiate: the SignalR Service client URL and a client token from
/// :generateToken (azure.md §3.3), instead of the local hub's URL. Clients then join a project with
/// POST /api/projects/{id}/subscriptions {connectionId}, which the app sends through <see cref="SignalRServiceRealtime"/>.
/// A startup filter answers it ahead of the app's local negotiate route.</summary>
internal sealed class SignalRNegotiateRoute : IStartupFilter
{
    /// <summary>Client tokens live this long; the client negotiates again when it reconnects.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.MapWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/api/negotiate", StringComparison.OrdinalIgnoreCase),
            branch => branch.Run(async context =>
            {
                // This branch runs before the app's authentication middleware, so it signs the caller in itself:
                // negotiate needs a user, and the user id goes into the client token (closing a user's connections).
                var signedIn = await context.AuthenticateAsync();
                if (SeptUser.FromPrincipal(signedIn.Principal ?? new()) is not { } user)
                {
                    await context.ChallengeAsync();
                    return;
                }
                var signalR = context.RequestServices.GetRequiredService<SignalRServiceRestClient>();
                var connection = await signalR.NegotiateAsync(user.Id, TokenLifetime, context.RequestAborted);
                var result = connection.Succeeded
                    ? Results.Json(new NegotiateResponse(connection.Value!.Url, connection.Value.AccessToken))
                    : Results.Problem(title: "Realtime unavailable", detail: connection.Error, statusCode: StatusCodes.Status502BadGateway);
                await result.ExecuteAsync(context);
            }));
        next(app);
    };
}
